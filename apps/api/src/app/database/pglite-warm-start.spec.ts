import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { openDatabase } from './open-database';
import { warmEmbeddedPostgres } from './pglite-server';
import { startPglite } from './pglite-start';

/**
 * The CLI's warm start (issue 21): PGlite's worker loads before the data directory is named, the
 * directory is locked and opened later, and a worker never opened touches nothing.
 */
describe('PGlite warm start: the worker first, the data directory later', () => {
  const root = mkdtempSync(join(tmpdir(), 'fw-warm-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('a discarded warm worker creates no data directory, and cannot be opened afterwards', async () => {
    const warm = warmEmbeddedPostgres();
    warm.discard();
    await expect(warm.open(join(root, 'never'))).rejects.toThrow('the warm PGlite worker was already discarded');
    expect(existsSync(join(root, 'never'))).toBe(false);
  });

  it('opens the directory it is given, locked by this process, with the extra settings, and openDatabase migrates it', async () => {
    const dir = join(root, 'data');
    const started = startPglite(dir, warmEmbeddedPostgres(['-c', 'shared_buffers=16MB']));
    const { embedded, unlock } = await started;
    // The lock file names this process while PGlite runs.
    expect(readFileSync(join(dir, 'floorwatch.pid'), 'utf8')).toBe(String(process.pid));
    const client = new Client({ host: embedded.host, port: embedded.port, user: 'postgres', database: 'postgres' });
    await client.connect();
    // PGlite's default is 128MB; the warm start asked for 16MB (16 MB / 8 kB pages = 2 048 buffers).
    expect((await client.query<{ shared_buffers: string }>('SHOW shared_buffers')).rows).toEqual([{ shared_buffers: '16MB' }]);
    expect((await client.query<{ n: string }>(`SELECT setting AS n FROM pg_settings WHERE name = 'shared_buffers'`)).rows).toEqual([{ n: '2048' }]);
    await client.end();
    await embedded.stop();
    unlock();
    expect(existsSync(join(dir, 'floorwatch.pid'))).toBe(false);

    // The same start handed to openDatabase: it connects TypeORM and runs the migrations.
    const handle = await openDatabase({ dataDir: dir }, startPglite(dir, warmEmbeddedPostgres()));
    try {
      expect(handle.description).toBe(`pglite ${dir}`);
      expect(await handle.dataSource.showMigrations()).toBe(false);
    } finally {
      await handle.close();
    }
    expect(existsSync(join(dir, 'floorwatch.pid'))).toBe(false);
  }, 120_000);
});
