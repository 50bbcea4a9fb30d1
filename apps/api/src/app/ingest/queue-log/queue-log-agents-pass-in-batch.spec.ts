import { withTestDatabase, type TestDatabase } from '../../../testing/test-database';
import { ingestText, services } from '../ingest-test-kit';
import { simulateQueueLog } from './queue-log-feed-kit';

/*
 * A time-sorted queue_log runs its agents pass inside each batch, before the batch's calls are
 * derived: a call's wrap-up is linked as its contact is written (no UPDATE of the contact and its
 * rollup row at the end of the run). A call-grouped file, whose second batch would replay every
 * agent's history, leaves the pass to the end of the run. Both are the same function of the lines.
 */
const T0 = 1718010000; // 2024-06-10 09:00:00 UTC
const DAY = { from: Date.UTC(2024, 5, 10), to: Date.UTC(2024, 5, 11), asOf: Date.UTC(2024, 5, 11) };

describe('queue_log: the agents pass runs in the batch while it fits one group', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await withTestDatabase();
  });
  afterAll(() => db.close());
  beforeEach(() => db.truncate());

  it('a call and its wrap-up in one batch: the contact is written with acw 60 s and KPIs count it at once', async () => {
    const svc = services(db);
    // CONNECT at +5 s, call ends at +305 s; PAUSE ACW 2 s later (within the 5 s link), UNPAUSE at +367 s:
    // acw = 367 − 307 = 60 s; aht = talk 300 + acw 60 = 360 s.
    const lines = [
      `${T0}|CLI|sales|Agent/1001|ADDMEMBER|`,
      `${T0 + 10}|c1|sales|NONE|ENTERQUEUE||5551234|1`,
      `${T0 + 15}|c1|sales|Agent/1001|CONNECT|5|c1.1|2`,
      `${T0 + 315}|c1|sales|Agent/1001|COMPLETECALLER|5|300|1`,
      `${T0 + 317}|NONE|NONE|Agent/1001|PAUSE|ACW`,
      `${T0 + 377}|NONE|NONE|Agent/1001|UNPAUSE|`,
    ];
    await ingestText(svc.ingest, 'queue_log', lines.join('\n') + '\n', { source: 'day' });
    const rows: { acw: number }[] = await db.dataSource.query(`SELECT acw_seconds AS acw FROM contacts WHERE contact_id = 'c1'`);
    expect(rows.map((r) => Number(r.acw))).toEqual([60]);
    // Nothing left for the end-of-run pass.
    expect(await db.dataSource.query('SELECT agent_ref FROM queue_log_dirty_agents')).toEqual([]);
    const k = (await svc.kpis.query({ scope: { kind: 'enterprise' }, ...DAY })).rows[0].kpis;
    expect(k.ahtSeconds).toBe(360);
  });

  it('time-sorted and call-grouped, in batches of 50, in-batch pass or end-of-run pass: the same contacts, states and KPIs', async () => {
    const feed = simulateQueueLog({ calls: 80, agents: 4, seed: 3 });
    const snapshot = async () => {
      const svc = services(db);
      const window = { scope: { kind: 'enterprise' as const }, ...DAY };
      return {
        contacts: await db.dataSource.query('SELECT contact_id, agent_id, acw_seconds, (extract(epoch from ended_at))::float8 AS e FROM contacts ORDER BY contact_id, segment_id'),
        states: await db.dataSource.query('SELECT agent_id, (extract(epoch from at))::float8 AS at, seq, state FROM agent_state_events ORDER BY agent_id, at, seq'),
        kpis: await Promise.all([svc.kpis.query(window), svc.kpis.query({ ...window, by: 'agent' }), svc.kpis.query({ ...window, by: 'interval' })]),
      };
    };
    const runs: Awaited<ReturnType<typeof snapshot>>[] = [];
    for (const [text, agentsAtEnd] of [
      [feed.lines, false],
      [feed.lines, true],
      [feed.grouped, false],
    ] as const) {
      await db.truncate();
      await ingestText(services(db).ingest, 'queue_log', text.join('\n') + '\n', { source: 'f', batchSize: 50, agentsAtEnd });
      runs.push(await snapshot());
    }
    // Half the answered calls have a wrap-up: some contact carries a non-zero acw.
    expect(runs[0].contacts.some((c: { acw_seconds: number }) => Number(c.acw_seconds) > 0)).toBe(true);
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  });
});
