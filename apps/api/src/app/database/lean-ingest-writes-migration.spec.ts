import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { ingestText, services } from '../ingest/ingest-test-kit';
import { QUEUE_LOG_LATEST_LINE_KEY } from './migrations/1796040000000-lean-ingest-writes';

const MODE = process.env['TEST_DATABASE_URL'] ? 'PostgreSQL' : 'PGlite';

async function indexes(db: TestDatabase, table: string): Promise<string[]> {
  const rows: { indexname: string }[] = await db.dataSource.query(`SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1 ORDER BY 1`, [table]);
  return rows.map((r) => r.indexname);
}

/** Whether ANALYZE skips the column (SET STATISTICS 0); the default is -1 (PostgreSQL 15) or NULL (16+). */
async function skipped(db: TestDatabase, table: string, column: string): Promise<boolean> {
  const rows: { t: number }[] = await db.dataSource.query(
    `SELECT COALESCE(attstattarget, -1)::int AS t FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = $2`,
    [table, column],
  );
  expect(rows).toHaveLength(1);
  return Number(rows[0].t) === 0;
}

async function latestLine(db: TestDatabase): Promise<number | null> {
  const rows: { v: number }[] = await db.dataSource.query(`SELECT (value #>> '{}')::float8 AS v FROM settings WHERE key = $1`, [QUEUE_LOG_LATEST_LINE_KEY]);
  return rows.length ? Number(rows[0].v) : null;
}

describe(`migration LeanIngestWrites: no index or statistics that no query reads (${MODE})`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await withTestDatabase({ migrationsRun: false });
    await db.dataSource.runMigrations();
  });
  afterAll(() => db?.close());

  it('on a database holding queue_log lines: the latest line moves into settings, three indexes and the payload statistics go; down brings them back', async () => {
    await db.dataSource.undoLastMigration();
    expect(await indexes(db, 'queue_log_lines')).toContain('queue_log_lines_at_idx');
    const line = (hash: string, at: string) =>
      db.dataSource.query(`INSERT INTO queue_log_lines (line_hash, at, call_id, agent_ref, text, source, line_number) VALUES ($1, $2, 'c1', NULL, 'x', 'f', 1)`, [hash, at]);
    await line('00000000-0000-0000-0000-000000000001', '2024-06-10T09:00:00Z');
    await line('00000000-0000-0000-0000-000000000002', '2024-06-10T09:05:30.250Z');
    await line('00000000-0000-0000-0000-000000000003', '2024-06-10T08:00:00Z');

    await db.dataSource.runMigrations();
    // max(at) of the three lines, 09:05:30.250, as epoch ms.
    expect(await latestLine(db)).toBe(Date.parse('2024-06-10T09:05:30.250Z'));
    expect(await indexes(db, 'rollup_agent_time_15m')).toEqual(['rollup_agent_time_15m_agent_idx', 'rollup_agent_time_15m_pkey']);
    expect(await indexes(db, 'queue_log_lines')).toEqual(['queue_log_lines_agent_idx', 'queue_log_lines_call_idx', 'queue_log_lines_pkey']);
    // Summed or shown only: out of ANALYZE. Filtered, joined or grouped on: kept.
    for (const [t, c] of [['rollup_agent_time_15m', 'logged_in_seconds'], ['rollup_contacts_15m', 'offered'], ['rollup_contacts_15m', 'talk_seconds'], ['queue_log_lines', 'text'], ['queue_log_agent_checkpoints', 'snapshot'], ['contacts', 'ingested_at']]) {
      expect([t, c, await skipped(db, t, c)]).toEqual([t, c, true]);
    }
    for (const [t, c] of [['rollup_agent_time_15m', 'agent_id'], ['rollup_agent_time_15m', 'interval_start'], ['rollup_contacts_15m', 'site_id'], ['queue_log_lines', 'agent_ref'], ['contacts', 'agent_id'], ['contacts', 'customer_key']]) {
      expect([t, c, await skipped(db, t, c)]).toEqual([t, c, false]);
    }

    await db.dataSource.undoLastMigration();
    expect(await latestLine(db)).toBeNull();
    expect(await indexes(db, 'rollup_agent_time_15m')).toHaveLength(4);
    expect(await indexes(db, 'queue_log_lines')).toContain('queue_log_lines_at_idx');
    expect(await skipped(db, 'rollup_contacts_15m', 'offered')).toBe(false);
    await db.dataSource.runMigrations();
    await db.truncate();
  });

  it("a day partition made after it (PostgreSQL) leaves the parent's payload columns out of ANALYZE too; each stored line raises the latest line, a late one leaves it", async () => {
    const { ingest } = services(db);
    await ingestText(ingest, 'queue_log', ['1718010000|c1|q1|NONE|ENTERQUEUE||5551234|1', '1718010030|c1|q1|NONE|ABANDON|1|1|30'].join('\n') + '\n', { source: 'a.log' });
    // 1718010030 s = 2024-06-10T09:00:30Z, the later of the two lines.
    expect(await latestLine(db)).toBe(1718010030_000);
    await ingestText(ingest, 'queue_log', ['1717990000|c0|q1|NONE|ENTERQUEUE||5551234|1', '1717990020|c0|q1|NONE|ABANDON|1|1|20'].join('\n') + '\n', { source: 'b.log' });
    expect(await latestLine(db)).toBe(1718010030_000);

    const parts: { p: string }[] = await db.dataSource.query(
      `SELECT c.relname AS p FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass('contacts') ORDER BY 1`,
    );
    expect(await db.dataSource.query(`SELECT count(*)::int AS n FROM contacts`)).toEqual([{ n: 2 }]);
    // PostgreSQL: the 2024-06-10 partition, made by the first ingest. PGlite keeps contacts one plain table.
    expect(parts.map((r) => r.p)).toEqual(MODE === 'PostgreSQL' ? ['contacts_p20240610'] : []);
    for (const { p } of MODE === 'PostgreSQL' ? parts : [{ p: 'contacts' }]) {
      expect([p, await skipped(db, p, 'ingested_at'), await skipped(db, p, 'agent_id')]).toEqual([p, true, false]);
    }
  });
});
