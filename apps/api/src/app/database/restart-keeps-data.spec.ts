import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { openDatabase } from './open-database';
import { MIGRATIONS } from './migrations';
import { RecordStore } from './record-store';

describe('PGlite data directory survives a restart', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'fw-restart-')), 'data'); // does not exist yet
  afterAll(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('creates and migrates an empty dir, keeps the data on reopen and does not re-apply migrations', async () => {
    const first = await openDatabase({ dataDir: dir });
    expect(first.mode).toBe('pglite');
    await RecordStore.for(first).upsertOrg({ sites: [{ id: 'lon', name: 'London', timezone: 'Europe/London' }] });
    await first.close();
    expect(readdirSync(dir).length).toBeGreaterThan(0);

    const second = await openDatabase({ dataDir: dir });
    try {
      // a second process on the same directory would corrupt it: refused with one line
      const other = spawnSync(process.execPath, ['-r', './tools/register.cjs', 'apps/api/src/main.ts'], {
        cwd: resolve(__dirname, '../../../../..'),
        env: { ...process.env, DATABASE_URL: '', FLOORWATCH_DATA_DIR: dir, PORT: '0' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(other.status).toBe(1);
      expect(other.stderr).toBe(`floorwatch: database: the data directory ${dir} is in use by process ${process.pid} (a running Floorwatch?); stop it, or send data to it over HTTP, or set DATABASE_URL\n`);

      expect(await second.dataSource.showMigrations()).toBe(false);
      expect(await second.dataSource.query(`SELECT count(*)::int AS n FROM migrations`)).toEqual([{ n: MIGRATIONS.length }]);
      expect((await RecordStore.for(second).loadOrg()).sites.map((s) => s.id)).toEqual(['lon', 'unassigned']);
    } finally {
      await second.close();
    }
  });
});
