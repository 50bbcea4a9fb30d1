import { splitLines, textChunks, type ByteSource, type ReadOptions } from './read-lines';
import type { FeedUnit } from './types';

/**
 * Reads a JSON-records file without loading it: a top-level JSON array is split element by
 * element (lineNumber = element ordinal), anything else is read as NDJSON (one object per line).
 * A cut-off array yields its partial last element, which the parser quarantines as truncated-json.
 */
export async function* readJsonRecords(source: ByteSource, options: ReadOptions = {}): AsyncGenerator<FeedUnit> {
  const it = textChunks(source)[Symbol.asyncIterator]();
  const head: string[] = [];
  let firstChar = '';
  while (firstChar === '') {
    const r = await it.next();
    if (r.done) break;
    head.push(r.value);
    const m = /[^\s\ufeff]/.exec(r.value);
    if (m) firstChar = m[0];
  }
  async function* replay(): AsyncGenerator<string> {
    yield* head;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  if (firstChar === '[') yield* splitArray(replay(), options.maxLineLength ?? 1 << 24);
  else yield* splitLines(replay(), options);
}

async function* splitArray(chunks: AsyncIterable<string>, max: number): AsyncGenerator<FeedUnit> {
  let opened = false;
  let closed = false;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let current = '';
  let ordinal = 0;
  let overflow = false;
  const unit = (text: string): FeedUnit => {
    ordinal++;
    const u: FeedUnit = { lineNumber: ordinal, text: text.trim() };
    if (overflow) u.truncated = true;
    overflow = false;
    return u;
  };
  for await (const chunk of chunks) {
    let segStart = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (!opened) {
        if (c === '[') {
          opened = true;
          segStart = i + 1;
        }
        continue;
      }
      if (closed) continue;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        if (depth === 0 && c === ']') {
          current += chunk.slice(segStart, i);
          if (current.trim() !== '') yield unit(current);
          current = '';
          closed = true;
          continue;
        }
        depth--;
      } else if (c === ',' && depth === 0) {
        current += chunk.slice(segStart, i);
        yield unit(current);
        current = '';
        segStart = i + 1;
      }
    }
    if (opened && !closed) {
      current += chunk.slice(segStart);
      if (current.length > max) {
        current = current.slice(0, max);
        overflow = true;
      }
    }
  }
  if (!closed && current.trim() !== '') yield unit(current);
}
