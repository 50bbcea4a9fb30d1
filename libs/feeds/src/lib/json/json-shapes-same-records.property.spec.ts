import fc from 'fast-check';
import { Readable } from 'node:stream';
import type { FeedFormat } from '@floorwatch/contracts';
import { createParser, readUnits } from '../create-parser';
import type { LineOutcome } from '../types';

/** One file's bytes, cut at the given points so values straddle chunk boundaries. */
function chunked(bytes: Buffer, cuts: number[]): Readable {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    if (p > prev) parts.push(bytes.subarray(prev, p));
    prev = p;
  }
  return Readable.from(parts);
}

async function judge(format: FeedFormat, bytes: Buffer, cuts: number[]): Promise<Array<Pick<LineOutcome, 'status' | 'reason' | 'raw' | 'records'>>> {
  const parser = createParser(format);
  const out: Array<Pick<LineOutcome, 'status' | 'reason' | 'raw' | 'records'>> = [];
  for await (const unit of readUnits(format, chunked(bytes, cuts))) {
    const o = parser.push(unit);
    out.push({ status: o.status, reason: o.reason, raw: o.raw, records: o.records });
  }
  return out;
}

const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64');
/** The shapes of feeds.md, each a function of the same list of values. */
const SHAPES: Record<string, (values: unknown[]) => string> = {
  ndjson: (vs) => vs.map((v) => JSON.stringify(v)).join('\n') + '\n',
  array: (vs) => JSON.stringify(vs),
  prettyArray: (vs) => JSON.stringify(vs, null, 2),
  pretty: (vs) => vs.map((v) => JSON.stringify(v, null, 4)).join('\n'),
  concatenated: (vs) => vs.map((v) => JSON.stringify(v)).join(''),
  envelope: (vs) => JSON.stringify({ Records: vs.map((v) => ({ kinesis: { data: b64(v) } })) }),
  envelopePerValue: (vs) => vs.map((v) => JSON.stringify({ Records: [{ kinesis: { partitionKey: 'k', data: b64(v) } }] }, null, 2)).join('\n'),
};

const text = fc.string({ unit: fc.constantFrom('a', 'b', '{', '}', '[', ']', ',', '"', '\\', '\n', ':', 'é', '😀', ' '), maxLength: 12 });
const iso = fc.integer({ min: 1_700_000_000, max: 1_700_100_000 }).map((s) => new Date(s * 1000).toISOString());
const contact = fc.record({
  contactId: fc.oneof(fc.uuid(), text),
  channel: fc.constantFrom('voice', 'chat', 'email', 'fax'),
  queueId: fc.oneof(fc.constantFrom('sales', 'support', 'null'), text),
  agentId: fc.option(fc.constantFrom('a1', 'a2', 'null'), { nil: null }),
  customerKey: fc.option(text, { nil: undefined }),
  enqueuedAt: iso,
  endedAt: iso,
  waitSeconds: fc.integer({ min: -2, max: 600 }),
  talkSeconds: fc.double({ min: 0, max: 900, noNaN: true }),
  outcome: fc.constantFrom('handled', 'abandoned', 'exploded'),
  note: fc.option(fc.dictionary(text, fc.oneof(text, fc.integer(), fc.constant(null))), { nil: undefined }),
});
const state = fc.record({ agentId: fc.oneof(fc.constantFrom('a1', 'null'), text), at: iso, state: fc.constantFrom('available', 'aux:Lunch', 'on_contact', 'nap') });

describe('the same JSON values, however written, give the same records', () => {
  it.each<[FeedFormat, fc.Arbitrary<unknown>]>([
    ['contacts-ndjson', contact],
    ['agent-states-ndjson', state],
  ])('%s: NDJSON, array, pretty, concatenated and Kinesis envelopes judge alike, cut anywhere', async (format, arb) => {
    await fc.assert(
      fc.asyncProperty(fc.array(arb, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { maxLength: 6 }), async (values, cuts) => {
        const expected = await judge(format, Buffer.from(SHAPES['ndjson'](values)), []);
        expect(expected).toHaveLength(values.length);
        for (const [shape, write] of Object.entries(SHAPES)) {
          const got = await judge(format, Buffer.from(write(values)), cuts);
          expect({ shape, got }).toEqual({ shape, got: expected });
        }
      }),
      { numRuns: 60 },
    );
  });
});
