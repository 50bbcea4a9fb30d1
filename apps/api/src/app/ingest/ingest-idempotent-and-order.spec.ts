import fc from 'fast-check';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { centreText, DAY, ingestCentre, ingestText, services } from './ingest-test-kit';

const enterprise = { scope: { kind: 'enterprise' as const }, from: DAY.from, to: DAY.to, asOf: DAY.asOf, by: 'agent' as const };

/** Splits lines into chunks of `size`; CSV chunks each repeat the header, as separate exports would. */
function chunks(text: string, size: number, header: boolean): string[] {
  const lines = text.trimEnd().split('\n');
  const head = header ? [lines.shift() as string] : [];
  const out: string[] = [];
  for (let i = 0; i < lines.length; i += size) out.push([...head, ...lines.slice(i, i + size)].join('\n') + '\n');
  return out;
}

describe('ingest is idempotent and order-tolerant', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await withTestDatabase();
  });
  afterAll(() => db.close());
  beforeEach(() => db.truncate());

  it('a second ingest of the same files is all duplicates and changes no KPI', async () => {
    const svc = services(db);
    await ingestCentre(svc.ingest);
    const first = await svc.kpis.query(enterprise);
    const again = await ingestCentre(svc.ingest);
    for (const s of again) expect(s).toEqual({ read: s.read, accepted: 0, duplicates: s.read, quarantined: 0, reasons: {} });
    expect(await svc.kpis.query(enterprise)).toEqual(first);
    const counts: { n: string }[] = await db.dataSource.query('SELECT count(*) AS n FROM contacts');
    expect(Number(counts[0].n)).toBe(4);
  });

  it('the files cut into chunks, CSV chunks shuffled, over many ingests give the same KPIs', async () => {
    const svc = services(db);
    await ingestCentre(svc.ingest);
    const expected = await svc.kpis.query(enterprise);
    // Chunking changes which batch commits what, so batches of 3 lines exercise the boundaries too.
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 1000 }), async (qlSize, csvSize, seed) => {
        await db.truncate();
        const s = services(db);
        await ingestText(s.ingest, 'org', centreText('org.json'));
        const shuffle = <T>(xs: T[]): T[] => xs.map((x, i) => [((i + 1) * (seed + 7919)) % 101, x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);
        const csv = [
          ...chunks(centreText('schedule.csv'), csvSize, true).map((t) => ['wfm-schedule', t] as const),
          ...chunks(centreText('survey.csv'), csvSize, true).map((t) => ['survey', t] as const),
        ];
        const ql = chunks(centreText('queue_log'), qlSize, false);
        let total = 0;
        for (const [format, text] of shuffle(csv).slice(0, 2)) total += (await ingestText(s.ingest, format, text, { batchSize: 3 })).accepted;
        for (const text of ql) total += (await ingestText(s.ingest, 'queue_log', text, { source: `ql-${total}`, batchSize: 3 })).accepted;
        for (const [format, text] of shuffle(csv).slice(2)) total += (await ingestText(s.ingest, format, text, { batchSize: 3 })).accepted;
        expect(await s.kpis.query(enterprise)).toEqual(expected);
      }),
      { numRuns: 8 },
    );
  });

  it('a call spanning two ingests completes', async () => {
    const svc = services(db);
    await ingestText(svc.ingest, 'org', centreText('org.json'));
    const lines = centreText('queue_log').trimEnd().split('\n');
    // Split right after c1's CONNECT: the call is open across the two files.
    const cut = lines.findIndex((l) => l.includes('|c1|') && l.includes('CONNECT')) + 1;
    await ingestText(svc.ingest, 'queue_log', lines.slice(0, cut).join('\n'), { source: 'part1' });
    expect(await db.dataSource.query('SELECT 1 FROM contacts')).toHaveLength(0);
    await ingestText(svc.ingest, 'queue_log', lines.slice(cut).join('\n'), { source: 'part2' });
    const c1: { agent_id: string; talk_seconds: number; acw_seconds: number; wait_seconds: number }[] = await db.dataSource.query(
      `SELECT agent_id, talk_seconds, acw_seconds, wait_seconds FROM contacts WHERE contact_id = 'c1'`,
    );
    expect(c1).toEqual([{ agent_id: 'a1', talk_seconds: 300, acw_seconds: 60, wait_seconds: 10 }]);
  });
});
