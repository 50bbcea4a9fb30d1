import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { MIGRATIONS, TABLES_IN_DROP_ORDER } from './migrations';

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
    // 25 model tables + TypeORM's own "migrations" bookkeeping table
    expect(up).toEqual([...TABLES_IN_DROP_ORDER, 'migrations'].sort());
    expect(await db.dataSource.query(`SELECT id, timezone FROM sites`)).toEqual([{ id: 'unassigned', timezone: 'UTC' }]);

    for (let i = 0; i < MIGRATIONS.length; i++) await db.dataSource.undoLastMigration();
    expect(await tables(db)).toEqual(['migrations']);

    await db.dataSource.runMigrations();
    expect((await tables(db)).length).toBe(26);
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
});
