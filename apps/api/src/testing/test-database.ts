import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { BulkWriter } from '../app/database/bulk-writer';
import { TABLES_IN_DROP_ORDER } from '../app/database/migrations';
import { openDatabase, type DatabaseHandle } from '../app/database/open-database';
import { RecordStore } from '../app/database/record-store';

export interface TestDatabase {
  handle: DatabaseHandle;
  dataSource: DataSource;
  mode: DatabaseHandle['mode'];
  store: RecordStore;
  writer: BulkWriter;
  /** Empties every table (and re-seeds the `unassigned` site): reuse one database across tests. */
  truncate(): Promise<void>;
  /** Closes the database and deletes it (temp dir or schema). Idempotent. */
  close(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Default true. False gives an empty database, e.g. to test the migrations themselves. */
  migrationsRun?: boolean;
}

/**
 * A migrated, isolated database for one test file: PGlite in a fresh temp dir by default, or,
 * when TEST_DATABASE_URL is set, that PostgreSQL in a fresh schema that is dropped afterwards.
 * PGlite takes ~2 s to start, so open ONE per file (beforeAll) and truncate() between tests:
 *
 *   let db: TestDatabase;
 *   beforeAll(async () => { db = await withTestDatabase(); });
 *   afterAll(() => db.close());
 *
 * or for a self-contained block: `await withTestDatabase(async (db) => { ... })`.
 */
export function withTestDatabase(options?: TestDatabaseOptions): Promise<TestDatabase>;
export function withTestDatabase<T>(work: (db: TestDatabase) => Promise<T>, options?: TestDatabaseOptions): Promise<T>;
export async function withTestDatabase<T>(
  workOrOptions?: ((db: TestDatabase) => Promise<T>) | TestDatabaseOptions,
  maybeOptions?: TestDatabaseOptions,
): Promise<TestDatabase | T> {
  const work = typeof workOrOptions === 'function' ? workOrOptions : null;
  const options = (typeof workOrOptions === 'function' ? maybeOptions : workOrOptions) ?? {};
  const db = await openTestDatabase(options);
  if (!work) return db;
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

async function openTestDatabase(options: TestDatabaseOptions): Promise<TestDatabase> {
  const url = process.env['TEST_DATABASE_URL'] || null;
  const migrationsRun = options.migrationsRun ?? true;
  let cleanup: () => Promise<void>;
  let handle: DatabaseHandle;
  if (url) {
    const schema = `fw_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    handle = await openDatabase({ url, schema, migrationsRun, poolSize: 4 });
    cleanup = () => dropSchema(url, schema);
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'fw-test-'));
    handle = await openDatabase({ dataDir, migrationsRun });
    cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
  }
  let closing: Promise<void> | null = null;
  return {
    handle,
    dataSource: handle.dataSource,
    mode: handle.mode,
    store: RecordStore.for(handle),
    writer: new BulkWriter(handle.dataSource, handle.mode),
    async truncate() {
      await handle.dataSource.query(`TRUNCATE ${TABLES_IN_DROP_ORDER.join(', ')}`);
      await handle.dataSource.query(`INSERT INTO sites (id, name, timezone) VALUES ('unassigned', 'Unassigned', 'UTC')`);
    },
    close() {
      closing ??= handle.close().finally(cleanup);
      return closing;
    },
  };
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
