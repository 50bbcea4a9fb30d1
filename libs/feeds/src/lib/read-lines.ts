import { StringDecoder } from 'node:string_decoder';
import type { FeedUnit } from './types';

export type ByteSource = NodeJS.ReadableStream | AsyncIterable<Buffer | string>;

export interface ReadOptions {
  /** Longer lines are cut to this many characters and flagged `truncated` (quarantined as line-too-long). Default 1 MiB. */
  maxLineLength?: number;
}

const DEFAULT_MAX_LINE = 1 << 20;

/** Decoded text chunks; a StringDecoder keeps multi-byte UTF-8 characters split across chunks intact. */
export async function* textChunks(source: ByteSource): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of source as AsyncIterable<Buffer | string>) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const tail = decoder.end();
  if (tail) yield tail;
}

/**
 * Splits a byte stream into lines with flat memory: only the current partial line is held.
 * Handles LF and CRLF, a UTF-8 BOM, and a last line without newline (a trailing newline does not
 * yield an empty last line).
 */
export async function* readLines(source: ByteSource, options: ReadOptions = {}): AsyncGenerator<FeedUnit> {
  yield* splitLines(textChunks(source), options);
}

export async function* splitLines(chunks: AsyncIterable<string>, options: ReadOptions = {}): AsyncGenerator<FeedUnit> {
  const max = options.maxLineLength ?? DEFAULT_MAX_LINE;
  let partial = '';
  let overflow = false;
  let lineNumber = 0;
  let first = true;
  const emit = (text: string): FeedUnit => {
    lineNumber++;
    const clean = text.endsWith('\r') ? text.slice(0, -1) : text;
    const unit: FeedUnit = { lineNumber, text: clean };
    if (overflow) unit.truncated = true;
    overflow = false;
    return unit;
  };
  for await (let chunk of chunks) {
    if (first) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      first = false;
    }
    let start = 0;
    let nl = chunk.indexOf('\n', start);
    while (nl !== -1) {
      const piece = chunk.slice(start, nl);
      const line = partial === '' ? piece : partial + piece;
      partial = '';
      yield emit(overflow ? line.slice(0, max) : line.length > max ? ((overflow = true), line.slice(0, max)) : line);
      start = nl + 1;
      nl = chunk.indexOf('\n', start);
    }
    if (start < chunk.length) {
      partial += chunk.slice(start);
      if (partial.length > max) {
        // Keep memory flat on a runaway line: hold only its start.
        partial = partial.slice(0, max);
        overflow = true;
      }
    }
  }
  if (partial !== '' || overflow) yield emit(partial);
}
