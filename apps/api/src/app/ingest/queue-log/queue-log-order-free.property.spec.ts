import fc from 'fast-check';
import { withTestDatabase, type TestDatabase } from '../../../testing/test-database';
import { ingestText, services } from '../ingest-test-kit';
import { simulateQueueLog } from './queue-log-feed-kit';

/*
 * Metamorphic: the KPIs (`fw kpi`'s KpiQueryService: every KPI, by agent and by interval) of a
 * simulated feed are the same whether it arrives as one ordered file or cut at random points
 * into chunks ingested in random order with random duplicate re-sends. Runs on PGlite, and on
 * PostgreSQL with TEST_DATABASE_URL. Small sizes: each run is a truncate and a few ingests.
 */
const DAY = Date.parse('2024-06-10T00:00:00Z');
const window = { scope: { kind: 'enterprise' as const }, from: DAY, to: DAY + 86_400_000, asOf: DAY + 10 * 86_400_000 };

describe('queue_log KPIs are a function of the set of lines (any split, any order, re-sends)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await withTestDatabase();
  });
  afterAll(() => db.close());

  const kpisOf = async (svc: ReturnType<typeof services>) =>
    Promise.all([svc.kpis.query(window), svc.kpis.query({ ...window, by: 'agent' }), svc.kpis.query({ ...window, by: 'interval' })]);

  it('random chunks in random order with re-sends equal the single ordered pass', async () => {
    // 240 calls, 5 agents, 60 callers: about 3 calls per customer, so FCR repeats are common.
    const feed = simulateQueueLog({ calls: 240, agents: 5, seed: 19, callers: 60 });
    await db.truncate();
    const single = services(db);
    await ingestText(single.ingest, 'queue_log', feed.lines.join('\n') + '\n', { source: 'whole' });
    const expected = await kpisOf(single);
    expect(expected[0].rows[0].kpis.offered).toBe(240);
    expect(expected[0].rows[0].kpis.fcrEligible).toBeGreaterThan(0);
    expect(expected[0].rows[0].kpis.acwSeconds).toBeGreaterThan(0);
    const n = feed.lines.length;

    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: n - 1 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
        fc.array(fc.tuple(fc.nat({ max: n - 1 }), fc.integer({ min: 1, max: 40 })), { maxLength: 3 }),
        fc.boolean(),
        async (cuts, order, resends, grouped) => {
          await db.truncate();
          const svc = services(db);
          const source = grouped ? feed.grouped : feed.lines;
          const bounds = [0, ...[...cuts].sort((a, b) => a - b), n];
          const chunks = bounds.slice(1).map((end, i) => source.slice(bounds[i], end));
          // Random order: sort chunk indexes by the drawn keys.
          const idx = chunks.map((_, i) => i).sort((a, b) => (order[a % order.length] ?? 0) - (order[b % order.length] ?? 0) || a - b);
          const files = idx.map((i) => chunks[i]);
          for (const [at, len] of resends) files.splice(at % (files.length + 1), 0, source.slice(at, at + len));
          let accepted = 0;
          for (const [i, f] of files.entries()) accepted += (await ingestText(svc.ingest, 'queue_log', f.join('\n') + '\n', { source: `f${i}`, batchSize: 97 })).accepted;
          expect(accepted).toBe(n);
          expect(await kpisOf(svc)).toEqual(expected);
        },
      ),
      { numRuns: Number(process.env.FC_RUNS ?? 4) },
    );
  });
});
