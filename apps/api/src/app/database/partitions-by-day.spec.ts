import { createReadStream } from 'node:fs';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { centreFile, centreText, ingestText, services } from '../ingest/ingest-test-kit';
import { openDatabase, type DatabaseHandle } from './open-database';
import { DAY_MS, ensureDayPartitions, partitionDays, partitionName } from './partitions';
import { RecordStore } from './record-store';

/*
 * Day partitions of the raw tables (migration PartitionRawByDay1795820000000, partitions.ts).
 * The hand-computed centre's queue_log (2024-06-10: c1, c2, c4 handled, c3 abandoned; a1 took
 * c1, a2 took c2 and c4) is ingested three times, shifted by 0, 1 and 2 days, call ids renamed.
 */
const PG_URL = process.env['TEST_DATABASE_URL'];
const D0 = Date.UTC(2024, 5, 10); // 2024-06-10 00:00Z
const DAYS3 = [0, 1, 2].map((k) => D0 + k * DAY_MS);

function threeDaysOfQueueLog(): string {
  const lines = centreText('queue_log').trimEnd().split('\n');
  return [0, 1, 2]
    .flatMap((k) =>
      lines.map((line) => {
        const [ts, ...rest] = line.split('|');
        return [String(Number(ts) + k * 86_400), ...rest].join('|').replace(/\bc(\d)\b/g, `c$1d${k}`);
      }),
    )
    .join('\n');
}

/** Partition of each row: `SELECT tableoid::regclass` grouped. */
async function rowsPerPartition(db: TestDatabase, table: string): Promise<Record<string, number>> {
  const rows: { p: string; n: number }[] = await db.dataSource.query(`SELECT tableoid::regclass::text AS p, count(*)::int AS n FROM ${table} GROUP BY 1 ORDER BY 1`);
  return Object.fromEntries(rows.map((r) => [r.p, r.n]));
}

const stateEvent = (agentId: string, at: number) => ({ agentId, at, state: 'available' as const, source: 'test' });

(PG_URL ? describe : describe.skip)('raw tables partitioned by UTC day (PostgreSQL only: PGlite keeps them plain, see migration PartitionRawByDay)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await withTestDatabase();
  });
  afterAll(() => db?.close());

  it('ingesting calls on 3 days creates 3 day partitions per raw table and the KPI queries read every row back', async () => {
    const svc = services(db);
    await svc.ingest.ingest('org', createReadStream(centreFile('org.json')), { source: 'org.json' });
    const summary = await ingestText(svc.ingest, 'queue_log', threeDaysOfQueueLog());
    expect([summary.read, summary.accepted]).toEqual([57, 57]); // 19 lines × 3 days

    for (const table of ['contacts', 'agent_state_events']) {
      expect([...(await partitionDays(db.dataSource, table))].sort().map((d) => partitionName(table, d))).toEqual(
        ['20240610', '20240611', '20240612'].map((ymd) => `${table}_p${ymd}`),
      );
    }
    // 4 calls a day, each in its own day's partition (none elsewhere: there is no default partition).
    expect(await rowsPerPartition(db, 'contacts')).toEqual({ contacts_p20240610: 4, contacts_p20240611: 4, contacts_p20240612: 4 });

    const asOf = D0 + 10 * DAY_MS;
    const byDay = await svc.kpis.query({ scope: { kind: 'enterprise' }, from: D0, to: D0 + 3 * DAY_MS, by: 'day', tz: 'UTC', asOf });
    expect(byDay.rows.map((r) => [r.key, r.kpis.offered, r.kpis.handled, r.kpis.abandoned])).toEqual([
      ['2024-06-10', 4, 3, 1],
      ['2024-06-11', 4, 3, 1],
      ['2024-06-12', 4, 3, 1],
    ]);
    // Team by agent over the 3 days: a1 handled c1 each day (1 × 3), a2 c2 and c4 (2 × 3).
    const byAgent = await svc.kpis.query({ scope: { kind: 'team', id: 't1' }, from: D0, to: D0 + 3 * DAY_MS, by: 'agent', asOf });
    expect(byAgent.rows.map((r) => [r.key, r.kpis.handled])).toEqual([
      ['a1', 3],
      ['a2', 6],
    ]);
  });

  it('a row for a day with no partition lands in that new day partition, inside a transaction that already wrote another day', async () => {
    const lastMsOfJuly1 = Date.UTC(2024, 6, 2) - 1;
    const firstMsOfJuly2 = Date.UTC(2024, 6, 2);
    await db.store.transaction(async (tx) => {
      await tx.writeStateEvents([stateEvent('a1', D0 + 3_600_000)]); // 2024-06-10, partition exists
      await tx.writeStateEvents([stateEvent('a1', lastMsOfJuly1), stateEvent('a2', firstMsOfJuly2)]);
    });
    const rows: { agent_id: string; p: string }[] = await db.dataSource.query(
      `SELECT agent_id, tableoid::regclass::text AS p FROM agent_state_events WHERE at >= '2024-07-01Z' ORDER BY at`,
    );
    expect(rows).toEqual([
      { agent_id: 'a1', p: 'agent_state_events_p20240701' },
      { agent_id: 'a2', p: 'agent_state_events_p20240702' },
    ]);
  });

  it('two API processes creating the same day at once both succeed and make one partition', async () => {
    const [{ schema }]: { schema: string }[] = await db.dataSource.query(`SELECT current_schema() AS schema`);
    const other: DatabaseHandle = await openDatabase({ url: PG_URL, schema, migrationsRun: false, poolSize: 4 });
    try {
      const aug1 = Date.UTC(2024, 7, 1, 12);
      // Each process has its own cache, so both see the day missing and race for it.
      const created = await Promise.all([
        ensureDayPartitions(db.dataSource, 'contacts', [aug1]),
        ensureDayPartitions(other.dataSource, 'contacts', [aug1 + 1]),
        ensureDayPartitions(db.dataSource, 'contacts', [aug1 + 2]),
      ]);
      expect(created.reduce((a, b) => a + b, 0)).toBe(1);

      // And writers racing for the next day through the ordinary write path: 3 × 2 events, all kept.
      const aug2 = Date.UTC(2024, 7, 2, 8);
      const stores = [db.store, RecordStore.for(other), db.store];
      const written = await Promise.all(stores.map((s, i) => s.writeStateEvents([stateEvent(`w${i}`, aug2), stateEvent(`w${i}`, aug2 + 60_000)])));
      expect(written).toEqual([2, 2, 2]);
      expect(await rowsPerPartition(db, `agent_state_events WHERE at >= '2024-08-02Z'`)).toEqual({ agent_state_events_p20240802: 6 });
      expect(await partitionDays(db.dataSource, 'contacts')).toContain(Date.UTC(2024, 7, 1) / DAY_MS);
    } finally {
      await other.close();
    }
  });
});

(PG_URL ? describe.skip : describe)('raw tables on PGlite (partitioned only on real PostgreSQL)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await withTestDatabase();
  });
  afterAll(() => db?.close());

  it('stay plain tables and ensureDayPartitions creates nothing', async () => {
    expect(await ensureDayPartitions(db.dataSource, 'contacts', DAYS3)).toBe(0);
    const kinds: { relname: string; relkind: string }[] = await db.dataSource.query(
      `SELECT relname, relkind::text FROM pg_class WHERE relname IN ('contacts', 'agent_state_events') ORDER BY relname`,
    );
    expect(kinds).toEqual([
      { relname: 'agent_state_events', relkind: 'r' },
      { relname: 'contacts', relkind: 'r' },
    ]);
  });
});
