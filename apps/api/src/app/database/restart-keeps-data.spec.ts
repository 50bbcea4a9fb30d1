import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './open-database';
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
      expect(await second.dataSource.showMigrations()).toBe(false);
      expect(await second.dataSource.query(`SELECT count(*)::int AS n FROM migrations`)).toEqual([{ n: 1 }]);
      expect((await RecordStore.for(second).loadOrg()).sites.map((s) => s.id)).toEqual(['lon', 'unassigned']);
    } finally {
      await second.close();
    }
  });
});
