import { Readable } from 'node:stream';
import { readJsonValues } from './read-json-values';
import type { FeedUnit } from '../types';

async function collect(it: AsyncIterable<FeedUnit>): Promise<FeedUnit[]> {
  const out: FeedUnit[] = [];
  for await (const u of it) out.push(u);
  return out;
}
const chunks = (...parts: (string | Buffer)[]) => Readable.from(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
const read = (...parts: string[]) => collect(readJsonValues(chunks(...parts)));
/** [starting line, canonical text or `!reason`] per unit: the shape every test below asserts. */
const brief = (units: FeedUnit[]) => units.map((u) => [u.lineNumber, u.invalid ? `!${u.invalid.reason}` : u.text]);

describe('JSON feed files are streams of values, not lines', () => {
  it('NDJSON with CRLF, blank lines and a BOM: one unit per value, blank lines are not values', async () => {
    expect(brief(await read('\ufeff{"a":1}\r\n\r\n{"b": 2}\n'))).toEqual([
      [1, '{"a":1}'],
      [3, '{"b":2}'],
    ]);
  });

  it('a JSON array is streamed element by element, across chunk boundaries, strings holding brackets and commas', async () => {
    const units = await read(' [ {"a":"x,]}"', ',"b":[1,2]}', ' ,\n{"c":{"d":"\\"}"}} ]');
    expect(brief(units)).toEqual([
      [1, '{"a":"x,]}","b":[1,2]}'],
      [2, '{"c":{"d":"\\"}"}}'],
    ]);
    expect(units.map((u) => u.byteOffset)).toEqual([3, 28]); // 14 + 11 + 3 bytes before the second `{`
  });

  it('a pretty-printed object over many lines is one unit whose lineNumber is its first line', async () => {
    const pretty = JSON.stringify({ a: 1, b: { c: [1, 2] } }, null, 4);
    expect(brief(await read('\n\n', pretty, '\n', pretty))).toEqual([
      [3, '{"a":1,"b":{"c":[1,2]}}'],
      [3 + 9, '{"a":1,"b":{"c":[1,2]}}'], // the pretty text is 9 lines; the second starts on line 12
    ]);
  });

  it('objects concatenated with no separator (Firehose `}{`), split mid-value across chunks', async () => {
    const units = await read('{"a":1}{"b":', '2}{"c"', ':3}');
    expect(brief(units)).toEqual([
      [1, '{"a":1}'],
      [1, '{"b":2}'],
      [1, '{"c":3}'],
    ]);
    expect(units.map((u) => u.byteOffset)).toEqual([0, 7, 14]);
  });

  it('a Lambda Kinesis envelope yields the decoded record of each Records[].kinesis.data', async () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64');
    const env = JSON.stringify({ Records: [{ kinesis: { data: b64({ x: 1 }) } }, { kinesis: { data: b64({ x: 2 }) } }, { kinesis: {} }] }, null, 2);
    const units = await read('{"before":0}\n', env);
    expect(brief(units)).toEqual([
      [1, '{"before":0}'],
      [2, '{"x":1}'],
      [2, '{"x":2}'],
      [2, '!bad-kinesis-record'],
    ]);
    expect(units[3].invalid?.detail).toContain('Records[2].kinesis.data');
  });

  it('a cut-off NDJSON line is one truncated-json unit and the next line is read whole', async () => {
    expect(brief(await read('{"a":1}\n{"b":[1,2\n{"c":"open\n{"d":4}\n'))).toEqual([
      [1, '{"a":1}'],
      [2, '!truncated-json'],
      [3, '!truncated-json'],
      [4, '{"d":4}'],
    ]);
  });

  it('a broken pretty-printed value (// comments, trailing comma) is ONE unit; reading resumes at the next value', async () => {
    const broken = '{\n  "a": 1, // a comment with "quotes" and a } brace\n  "b": {"c": 2,},\n  "d": [1, 2]\n}';
    const units = await read(broken, '\n{"ok":true}\n');
    expect(brief(units)).toEqual([
      [1, '!bad-json'],
      [6, '{"ok":true}'], // the broken value spans lines 1-5
    ]);
    expect(units[0].text).toBe(broken);
    // the `/` on line 2 follows `  "a": 1, ` (10 characters): column 11, byte 2 + 10 = 12
    expect(units[0].invalid?.detail).toBe('value at line 1 (byte 0): not valid JSON at line 2 column 11 (byte 12); reading resumed at the next value');
  });

  it('an extra closing brace and stray text after a broken value stay in that one unit', async () => {
    const units = await read('{"a": 1 //x\n},\n"b": {"c": 1}\n}\n{"next":1}');
    expect(brief(units)).toEqual([
      [1, '!bad-json'],
      [5, '{"next":1}'],
    ]);
  });

  it('a broken array element is one unit; the next element is read', async () => {
    expect(brief(await read('[\n  {"a": 1,},\n  {"b": 2}, 7, {"c": x}\n]'))).toEqual([
      [2, '!bad-json'],
      [3, '{"b":2}'],
      [3, '7'],
      [3, '!bad-json'],
    ]);
  });

  it('a file cut inside an array yields its partial last element as truncated-json', async () => {
    expect(brief(await read('[{"a":1},{"b":'))).toEqual([
      [1, '{"a":1}'],
      [1, '!truncated-json'],
    ]);
  });

  it('a value longer than maxValueBytes keeps only its start and is flagged truncated; the next is read', async () => {
    const units = await collect(readJsonValues(chunks(`{"a":"${'x'.repeat(50)}"}`, '\n{"b":1}'), { maxValueBytes: 20 }));
    expect(units.map((u) => [u.text.length, u.truncated ?? false])).toEqual([
      [20, true],
      [7, false],
    ]);
  });

  it('top-level scalars and garbage are units of their own (the parser quarantines them)', async () => {
    expect(brief(await read('null\n42 hello\n{"a":1}'))).toEqual([
      [1, 'null'],
      [2, '42'],
      [2, '!bad-json'],
      [3, '{"a":1}'],
    ]);
  });

  it('a multi-byte UTF-8 character split between chunks survives, byte offsets count bytes', async () => {
    const bytes = Buffer.from('{"n":"café"}{"m":1}');
    const units = await collect(readJsonValues(chunks(bytes.subarray(0, 10), bytes.subarray(10))));
    expect(units.map((u) => [u.byteOffset, u.value])).toEqual([
      [0, { n: 'café' }],
      [13, { m: 1 }], // "café" is 5 bytes: {"n":"café"} = 13 bytes
    ]);
  });
});
