import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { ingestCentre, services } from '../ingest/ingest-test-kit';
import { analyzeStaleTables } from './analyze-stale';

describe('the tables a file filled are analysed after it (the next file plans from statistics)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await withTestDatabase();
  });
  afterAll(() => db.close());

  it('after the hand-computed centre, the table holding the contacts of 2024-06-10 is counted in pg_class, and nothing is stale', async () => {
    await ingestCentre(services(db).ingest);
    // The table (partition, or the table itself where contacts is not partitioned) holding that day.
    const rows = await db.store.query<{ n: number; live: number }>(
      `SELECT c.reltuples::float8 AS n, count(*)::float8 AS live
         FROM contacts x JOIN pg_class c ON c.oid = x.tableoid
        WHERE x.enqueued_at >= '2024-06-10' AND x.enqueued_at < '2024-06-11' GROUP BY c.reltuples`,
    );
    // ANALYZE of a table this small reads every row: its estimate is the count (c1..c4 and their segments).
    expect(rows).toHaveLength(1);
    expect(rows[0].live).toBeGreaterThan(0);
    expect(rows[0].n).toBe(rows[0].live);
    expect(await analyzeStaleTables(db.store)).toEqual([]);
  });

  it('a never-analysed table is analysed once, then again only after it grew by more than a fifth + 8 pages', async () => {
    await db.store.query('CREATE TABLE stale_probe (id int, pad text)');
    await db.store.query(`INSERT INTO stale_probe SELECT i, repeat('x', 100) FROM generate_series(1, 1000) i`);
    expect(await analyzeStaleTables(db.store)).toEqual(['stale_probe']);
    expect(await analyzeStaleTables(db.store)).toEqual([]);
    // 1 000 rows of ~130 bytes: ~17 pages; 10 more rows stay within the same pages' slack.
    await db.store.query(`INSERT INTO stale_probe SELECT i, repeat('x', 100) FROM generate_series(1, 10) i`);
    expect(await analyzeStaleTables(db.store)).toEqual([]);
    // 10 000 rows more: ~10× the pages.
    await db.store.query(`INSERT INTO stale_probe SELECT i, repeat('x', 100) FROM generate_series(1, 10000) i`);
    expect(await analyzeStaleTables(db.store)).toEqual(['stale_probe']);
    const [{ n }] = await db.store.query<{ n: number }>(`SELECT reltuples::float8 AS n FROM pg_class WHERE relname = 'stale_probe' AND relnamespace = current_schema()::regnamespace`);
    expect(n).toBe(11010);
    await db.store.query('DROP TABLE stale_probe');
  });
});
