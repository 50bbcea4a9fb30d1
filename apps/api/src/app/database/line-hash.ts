import { createHash } from 'node:crypto';

/**
 * The feed_lines key of one input line: the first 16 bytes of its sha256 as 32 lower-case hex
 * digits (uuid input form; claimFeedLines answers in the same form). Same prefix the text hashes
 * of the initial schema started with, so the migration could convert them in place.
 */
export const lineHashOf = (text: string): string => createHash('sha256').update(text).digest().toString('hex', 0, 16);
