import type { ByteSource } from '../read-lines';
import type { FeedUnit } from '../types';
import { isObject } from '../fields';
import { JsonValueScanner, type RawValue } from './json-value-scanner';

export interface JsonReadOptions {
  /** A value longer than this keeps only its start and is quarantined (`line-too-long`). Default 16 MiB. */
  maxValueBytes?: number;
}

/** Envelopes inside envelopes are followed this deep; deeper ones are read as plain values. */
const MAX_ENVELOPE_DEPTH = 3;

/**
 * Reads a JSON feed as a stream of values (see JsonValueScanner for the shapes). Each unit's
 * `text` is the canonical text of its value (JSON.stringify of the parse), so the same record
 * written as NDJSON, pretty-printed or inside an array hashes alike for duplicate detection, and
 * `value` carries the parse so parsers need not parse again. A broken value is one unit with
 * `invalid` set (reason and where) and its raw text. A Lambda Kinesis envelope
 * (`{"Records":[{"kinesis":{"data":"<base64>"}}]}`) yields the values its data decode to.
 */
export async function* readJsonValues(source: ByteSource, options: JsonReadOptions = {}): AsyncGenerator<FeedUnit> {
  const scanner = new JsonValueScanner({ maxValueBytes: options.maxValueBytes });
  for await (const chunk of source as AsyncIterable<Buffer | string>) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    for (const raw of scanner.push(buf)) yield* unitsOf(raw, options, 0, null);
  }
  for (const raw of scanner.end()) yield* unitsOf(raw, options, 0, null);
}

interface Origin {
  lineNumber: number;
  byteOffset: number;
  where: string;
}

function unitsOf(raw: RawValue, options: JsonReadOptions, depth: number, origin: Origin | null): FeedUnit[] {
  const lineNumber = origin?.lineNumber ?? raw.lineNumber;
  const byteOffset = origin?.byteOffset ?? raw.byteOffset;
  const at = origin ? `${origin.where}, in the envelope at line ${lineNumber} (byte ${byteOffset})` : `value at line ${lineNumber} (byte ${byteOffset})`;
  const text = raw.bytes.toString('utf8');
  if (raw.overflow) return [{ lineNumber, byteOffset, text, truncated: true }];
  if (raw.broken) {
    const b = raw.broken;
    const pos = origin ? `byte ${b.byte} of the decoded data` : `line ${b.line} column ${b.column} (byte ${b.byte})`;
    const what = b.reason === 'truncated-json' ? 'cut off' : 'not valid JSON';
    return [{ lineNumber, byteOffset, text: text.trimEnd(), invalid: { reason: b.reason, detail: `${at}: ${what} at ${pos}; reading resumed at the next value` } }];
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return [{ lineNumber, byteOffset, text, invalid: { reason: 'bad-json', detail: `${at}: ${e instanceof Error ? e.message : String(e)}` } }];
  }
  if (depth < MAX_ENVELOPE_DEPTH) {
    const records = kinesisRecords(value);
    if (records) return records.flatMap((r, k) => envelopeRecord(r, k, options, depth, { lineNumber, byteOffset, where: '' }));
  }
  return [{ lineNumber, byteOffset, text: JSON.stringify(value), value }];
}

/** `Records` of a Lambda Kinesis event: an array where at least one element has kinesis.data. */
function kinesisRecords(value: unknown): unknown[] | null {
  if (!isObject(value) || !Array.isArray(value['Records']) || value['Records'].length === 0) return null;
  const records = value['Records'] as unknown[];
  return records.some((r) => typeof dataOf(r) === 'string') ? records : null;
}

function dataOf(record: unknown): unknown {
  return isObject(record) && isObject(record['kinesis']) ? record['kinesis']['data'] : undefined;
}

function envelopeRecord(record: unknown, k: number, options: JsonReadOptions, depth: number, origin: Origin): FeedUnit[] {
  const where = `Records[${k}].kinesis.data`;
  const data = dataOf(record);
  const base = { lineNumber: origin.lineNumber, byteOffset: origin.byteOffset };
  if (typeof data !== 'string' || !/^[A-Za-z0-9+/=\s_-]*$/.test(data)) {
    return [{ ...base, text: JSON.stringify(record) ?? 'null', invalid: { reason: 'bad-kinesis-record', detail: `${where} is missing or not base64, in the envelope at line ${origin.lineNumber} (byte ${origin.byteOffset})` } }];
  }
  const scanner = new JsonValueScanner({ maxValueBytes: options.maxValueBytes });
  const raws = [...scanner.push(Buffer.from(data, 'base64')), ...scanner.end()];
  if (raws.length === 0) {
    return [{ ...base, text: data, invalid: { reason: 'bad-kinesis-record', detail: `${where} decodes to no JSON value, in the envelope at line ${origin.lineNumber}` } }];
  }
  return raws.flatMap((raw) => unitsOf(raw, options, depth + 1, { ...origin, where }));
}
