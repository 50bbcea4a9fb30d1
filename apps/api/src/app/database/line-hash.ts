import { hash } from 'node:crypto';

/**
 * The feed_lines key of one input line: the first 16 bytes of its sha256 as 32 lower-case hex
 * digits (uuid input form; claimFeedLines answers in the same form). Same prefix the text hashes
 * of the initial schema started with, so the migration could convert them in place.
 */
// crypto.hash (one-shot, Node ≥ 20.12) is ~5× faster per line than createHash().update().digest()
// (0.35 vs 1.75 µs measured on 200 000 queue_log lines): every ingested line is hashed.
export const lineHashOf = (text: string): string => hash('sha256', text, 'hex').slice(0, 32);
