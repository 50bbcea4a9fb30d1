import { withTestDatabase, type TestDatabase } from '../../../testing/test-database';
import { ingestText, services } from '../ingest-test-kit';
import { simulateQueueLog } from './queue-log-feed-kit';

/*
 * The defects issue 19 observed, each as it was reported (they failed before the order-free
 * queue_log ingest). Every file starts 2024-06-10 09:00 UTC; the KPI window is that day, asOf
 * 10 days later (every FCR subject eligible).
 */
const DAY = Date.parse('2024-06-10T00:00:00Z');
const window = { from: DAY, to: DAY + 86_400_000, asOf: DAY + 10 * 86_400_000 };
const enterprise = { scope: { kind: 'enterprise' as const }, ...window };

describe('queue_log defects observed in issue 19', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await withTestDatabase();
  });
  afterAll(() => db.close());
  beforeEach(() => db.truncate());

  it('the last call of a file is counted at once (200 calls in → 200 offered), not held back for a later line', async () => {
    const feed = simulateQueueLog({ calls: 200, agents: 5, seed: 1 });
    // The file ends with that call's COMPLETECALLER: no REMOVEMEMBER or wrap-up after it.
    const lines = feed.lines.filter((l) => !/REMOVEMEMBER|PAUSE/.test(l));
    expect(lines[lines.length - 1]).toMatch(/\|(COMPLETECALLER|COMPLETEAGENT|ABANDON)\|/);
    const svc = services(db);
    const s = await ingestText(svc.ingest, 'queue_log', lines.join('\n') + '\n');
    expect(s.accepted).toBe(lines.length);
    const k = (await svc.kpis.query(enterprise)).rows[0].kpis;
    expect(k.offered).toBe(200);
    expect(k.handled).toBe(feed.answered);
    expect(k.abandoned).toBe(feed.abandoned);
  });

  it('the same lines as one sorted file or as three chunks, latest chunk first, give the same KPIs by agent and by interval', async () => {
    const feed = simulateQueueLog({ calls: 300, agents: 6, seed: 2 });
    const svc = services(db);
    await ingestText(svc.ingest, 'queue_log', feed.lines.join('\n') + '\n');
    const whole = await Promise.all([svc.kpis.query(enterprise), svc.kpis.query({ ...enterprise, by: 'agent' }), svc.kpis.query({ ...enterprise, by: 'interval' })]);
    expect(whole[0].rows[0].kpis.offered).toBe(300);
    await db.truncate();
    const third = Math.ceil(feed.lines.length / 3);
    const chunks = [0, 1, 2].map((i) => feed.lines.slice(i * third, (i + 1) * third));
    const s2 = services(db);
    for (const [i, chunk] of [...chunks.entries()].reverse()) {
      const s = await ingestText(s2.ingest, 'queue_log', chunk.join('\n') + '\n', { source: `chunk-${i}` });
      expect(s.accepted).toBe(chunk.length);
    }
    const chunked = await Promise.all([s2.kpis.query(enterprise), s2.kpis.query({ ...enterprise, by: 'agent' }), s2.kpis.query({ ...enterprise, by: 'interval' })]);
    expect(chunked).toEqual(whole);
  });

  it('a call whose ENTERQUEUE is written after its CONNECT and COMPLETE is counted answered', async () => {
    const svc = services(db);
    const text = [
      '1718010000|CLI|sales|Agent/1001|ADDMEMBER|',
      '1718010610|c1|sales|Agent/1001|CONNECT|10|c1.2|3',
      '1718010910|c1|sales|Agent/1001|COMPLETECALLER|10|300|1',
      '1718010600|c1|sales|NONE|ENTERQUEUE||5551001|1',
    ].join('\n');
    await ingestText(svc.ingest, 'queue_log', text);
    const k = (await svc.kpis.query(enterprise)).rows[0].kpis;
    expect([k.offered, k.answered, k.handled, k.asaSeconds, k.ahtSeconds]).toEqual([1, 1, 1, 10, 300]);
    // One contact, enqueued at the ENTERQUEUE (09:10:00 UTC), with its caller as customer.
    const rows: { enqueued_at: Date; customer_key: string | null }[] = await db.dataSource.query(`SELECT enqueued_at, customer_key FROM contacts`);
    expect(rows).toHaveLength(1);
    expect(new Date(rows[0].enqueued_at).toISOString()).toBe('2024-06-10T09:10:00.000Z');
    expect(rows[0].customer_key).not.toBeNull();
  });

  it('calls CONNECTed and COMPLETEd by member NONE count as answered and handled at enterprise scope (4 calls → answered 4)', async () => {
    const svc = services(db);
    const lines: string[] = [];
    // Waits 5, 10, 15, 20 s; talks 100, 200, 300, 400 s.
    for (let i = 1; i <= 4; i++) {
      const t = 1718010000 + i * 1000;
      lines.push(`${t}|n${i}|sales|NONE|ENTERQUEUE||555000${i}|1`, `${t + 5 * i}|n${i}|sales|NONE|CONNECT|${5 * i}|x|1`, `${t + 5 * i + 100 * i}|n${i}|sales|NONE|COMPLETECALLER|${5 * i}|${100 * i}|1`);
    }
    await ingestText(svc.ingest, 'queue_log', lines.join('\n'));
    const k = (await svc.kpis.query(enterprise)).rows[0].kpis;
    expect([k.offered, k.answered, k.handled]).toEqual([4, 4, 4]);
    expect(k.asaSeconds).toBe((5 + 10 + 15 + 20) / 4);
    expect(k.ahtSeconds).toBe((100 + 200 + 300 + 400) / 4);
    // The same through the raw path (the rollups and computeKpis agree).
    svc.kpis.useRollups = false;
    const raw = (await svc.kpis.query(enterprise)).rows[0].kpis;
    expect([raw.offered, raw.answered, raw.handled, raw.asaSeconds]).toEqual([4, 4, 4, 12.5]);
  });
});
