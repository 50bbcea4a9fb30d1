import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { MIGRATIONS, TABLES_IN_DROP_ORDER } from './migrations';
import { PartitionRawByDay1795820000000 } from './migrations/1795820000000-partition-raw-by-day';
import { DAY_MS } from './partitions';
import { RecordStore } from './record-store';

/** Tables of the current schema (search_path), so a PostgreSQL test schema sees only its own. */
async function tables(db: TestDatabase): Promise<string[]> {
  const rows: { table_name: string }[] = await db.dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

describe(`initial migration (${process.env['TEST_DATABASE_URL'] ? 'PostgreSQL' : 'PGlite'})`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await withTestDatabase({ migrationsRun: false });
  });
  afterAll(() => db?.close());

  it('creates every table going up, drops every table going down, and goes up again', async () => {
    expect(await tables(db)).toEqual([]);

    await db.dataSource.runMigrations();
    const up = await tables(db);
    // every model table + TypeORM's own "migrations" bookkeeping table
    expect(up).toEqual([...TABLES_IN_DROP_ORDER, 'migrations'].sort());
    expect(await db.dataSource.query(`SELECT id, timezone FROM sites`)).toEqual([{ id: 'unassigned', timezone: 'UTC' }]);

    for (let i = 0; i < MIGRATIONS.length; i++) await db.dataSource.undoLastMigration();
    expect(await tables(db)).toEqual(['migrations']);

    await db.dataSource.runMigrations();
    expect((await tables(db)).length).toBe(TABLES_IN_DROP_ORDER.length + 1);
    expect(await db.dataSource.showMigrations()).toBe(false);
  });

  it('matches the entities: TypeORM would change no table or column', async () => {
    const pending = await db.dataSource.driver.createSchemaBuilder().log();
    // Indexes, foreign keys and CHECKs live only in the migration, so TypeORM proposes to drop
    // them (and re-state the uuid defaults); any other statement means an entity drifted.
    const columnLevel = pending.upQueries
      .map((q) => q.query)
      .filter((sql) => !/DROP INDEX|DROP CONSTRAINT|ALTER COLUMN "id" (DROP|SET) DEFAULT/.test(sql));
    expect(columnLevel).toEqual([]);
  });

  it('keeps every raw row, key and index name when the day partitioning goes down and up again', async () => {
    const store = RecordStore.for(db.handle);
    const d0 = Date.UTC(2024, 5, 10, 9); // 2024-06-10 09:00Z, then the next day
    const contact = (id: string, enqueuedAt: number) => ({
      source: 'test', contactId: id, segmentId: '1', channel: 'voice' as const, queueId: 'q1', reason: 'q1', agentId: 'a1',
      customerKey: null, enqueuedAt, answeredAt: enqueuedAt + 10_000, endedAt: enqueuedAt + 300_000, waitSeconds: 10,
      talkSeconds: 280, holdSeconds: 0, acwSeconds: 10, outcome: 'handled' as const, transferredTo: null, siteId: 'unassigned', teamId: null,
    });
    await store.writeContacts([contact('c1', d0), contact('c2', d0 + DAY_MS)]);
    await store.writeStateEvents([0, 1].map((k) => ({ agentId: 'a1', at: d0 + k * DAY_MS, state: 'available' as const, source: 'test' })));
    const snapshot = async () => ({
      contacts: await db.dataSource.query(`SELECT * FROM contacts ORDER BY enqueued_at`),
      states: await db.dataSource.query(`SELECT * FROM agent_state_events ORDER BY at`),
      indexes: await db.dataSource.query(
        `SELECT tablename, indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN ('contacts', 'agent_state_events') ORDER BY 1, 2`,
      ),
    });
    const kinds = async () =>
      (await db.dataSource.query(`SELECT relname, relkind::text FROM pg_class WHERE oid IN ('contacts'::regclass, 'agent_state_events'::regclass) ORDER BY 1`)).map(
        (r: { relname: string; relkind: string }) => `${r.relname}:${r.relkind}`,
      );
    const partitioned = db.mode === 'postgres' ? 'p' : 'r'; // PGlite keeps plain tables
    const before = await snapshot();
    expect(before.contacts).toHaveLength(2);
    expect(await kinds()).toEqual([`agent_state_events:${partitioned}`, `contacts:${partitioned}`]);

    // Down to just before the partitioning: the migrations after it first, then it.
    for (let i = MIGRATIONS.indexOf(PartitionRawByDay1795820000000); i < MIGRATIONS.length; i++) await db.dataSource.undoLastMigration();
    expect(await kinds()).toEqual(['agent_state_events:r', 'contacts:r']);
    // Columns that later migrations add are gone at this point (ContactDirection1795910000000: direction, queued, exited_by_key; SelfService1795970000000: ended_by),
    // and so are later migrations' own contacts indexes (customer.md attribution's id look-ups).
    const laterColumns = ['direction', 'queued', 'exited_by_key', 'ended_by'];
    const laterIndexes = new Set(['contacts_contact_id_idx', 'contacts_segment_id_idx']);
    const withoutLater = (snap: typeof before) => ({
      ...snap,
      contacts: snap.contacts.map((row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).filter(([k]) => !laterColumns.includes(k)))),
      indexes: snap.indexes.filter((i: { indexname: string }) => !laterIndexes.has(i.indexname)),
    });
    expect(await snapshot()).toEqual(withoutLater(before));

    await db.dataSource.runMigrations();
    expect(await kinds()).toEqual([`agent_state_events:${partitioned}`, `contacts:${partitioned}`]);
    expect(await snapshot()).toEqual(before);
    if (db.mode === 'postgres') {
      const parts = await db.dataSource.query(`SELECT tableoid::regclass::text AS p FROM contacts ORDER BY enqueued_at`);
      expect(parts).toEqual([{ p: 'contacts_p20240610' }, { p: 'contacts_p20240611' }]);
    }
    // The primary key still is the ON CONFLICT target: a newer copy of c1 replaces it, a new day gets its partition.
    await store.writeContacts([{ ...contact('c1', d0), talkSeconds: 100, sourceUpdatedAt: d0 + DAY_MS }, contact('c3', d0 + 5 * DAY_MS)]);
    expect(await db.dataSource.query(`SELECT natural_key, talk_seconds FROM contacts ORDER BY enqueued_at`)).toEqual([
      { natural_key: 'c1#1', talk_seconds: 100 },
      { natural_key: 'c2#1', talk_seconds: 280 },
      { natural_key: 'c3#1', talk_seconds: 280 },
    ]);
  });
});
