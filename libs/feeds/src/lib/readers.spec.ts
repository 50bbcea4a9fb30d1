import { Readable } from 'node:stream';
import { readJsonRecords } from './json-records';
import { readLines } from './read-lines';
import type { FeedUnit } from './types';

async function collect(it: AsyncIterable<FeedUnit>): Promise<FeedUnit[]> {
  const out: FeedUnit[] = [];
  for await (const u of it) out.push(u);
  return out;
}
const chunks = (...parts: (string | Buffer)[]) => Readable.from(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));

describe('readLines', () => {
  it('handles CRLF, a BOM, lines split across chunks and a last line without newline', async () => {
    const units = await collect(readLines(chunks('\ufeffa|1\r\nb|', '2\r', '\nc|3')));
    expect(units).toEqual([
      { lineNumber: 1, text: 'a|1' },
      { lineNumber: 2, text: 'b|2' },
      { lineNumber: 3, text: 'c|3' },
    ]);
  });

  it('a trailing newline does not add an empty line; inner empty lines are kept as units', async () => {
    expect((await collect(readLines(chunks('x\n\ny\n')))).map((u) => u.text)).toEqual(['x', '', 'y']);
  });

  it('keeps a UTF-8 character split between two chunks intact', async () => {
    const bytes = Buffer.from('café|1\n');
    const units = await collect(readLines(chunks(bytes.subarray(0, 4), bytes.subarray(4))));
    expect(units[0].text).toBe('café|1');
  });

  it('cuts a runaway line and flags it truncated instead of holding it in memory', async () => {
    const units = await collect(readLines(chunks('a'.repeat(30), 'b'.repeat(30), '\nok\n'), { maxLineLength: 20 }));
    expect(units).toEqual([
      { lineNumber: 1, text: 'a'.repeat(20), truncated: true },
      { lineNumber: 2, text: 'ok' },
    ]);
  });
});

describe('readJsonRecords', () => {
  it('splits a top-level array across chunk boundaries, respecting strings with brackets and commas', async () => {
    const units = await collect(readJsonRecords(chunks(' [ {"a":"x,]}"', ',"b":[1,2]}', ' ,\n{"c":{"d":"\\"}"}} ]')));
    expect(units.map((u) => [u.lineNumber, JSON.parse(u.text)])).toEqual([
      [1, { a: 'x,]}', b: [1, 2] }],
      [2, { c: { d: '"}' } }],
    ]);
  });

  it('yields the partial last element of a cut-off array so it can be quarantined', async () => {
    const units = await collect(readJsonRecords(chunks('[{"a":1},{"b":')));
    expect(units.map((u) => u.text)).toEqual(['{"a":1}', '{"b":']);
  });

  it('reads NDJSON when the file does not start with [', async () => {
    const units = await collect(readJsonRecords(chunks('\n{"a":1}\r\n{"b":2}')));
    expect(units.map((u) => u.text)).toEqual(['', '{"a":1}', '{"b":2}']);
  });
});
