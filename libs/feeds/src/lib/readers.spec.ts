import { Readable } from 'node:stream';
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
