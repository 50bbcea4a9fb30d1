import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { hashPassword } from '../auth/password-hash';
import { databaseOptionsFromEnv } from '../database/database-config';
import { openDatabase } from '../database/open-database';
import { DEMO_SEED_SETTING } from './demo-world';
import { realModeRefusal } from './real-mode-check';

const ROOT = resolve(__dirname, '../../../../..');

/** Issue 20 item 1: known passwords never reach real mode. */
describe('real mode refuses demo passwords and the demo world', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await withTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('the api started with --real on a store whose admin still has "floorwatch" exits 1 with how to fix it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-real-'));
    try {
      const handle = await openDatabase({ dataDir: dir });
      await handle.dataSource.query(`INSERT INTO users (username, password_hash, roles) VALUES ('admin', $1, '{admin}')`, [await hashPassword('floorwatch')]);
      await handle.close();
      const run = spawnSync(process.execPath, ['-r', './tools/register.cjs', 'apps/api/src/main.ts'], {
        cwd: ROOT,
        env: { ...process.env, FLOORWATCH_DEMO: '0', FLOORWATCH_DATA_DIR: dir, DATABASE_URL: '', PORT: '0' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr.trim()).toBe(
        `floorwatch: real mode refuses to start: admin still has the published demo password "floorwatch" in pglite ${dir}. ` +
          'Change it first (in demo mode: log in and use "Change password", or PATCH /api/v1/me/password), or start real mode on an empty store.',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it('names the demo world marker; accepts a store without either (changed or disabled demo accounts)', async () => {
    const ds = db.dataSource;
    expect(await realModeRefusal(ds, 'here')).toBeNull();
    await ds.query(`INSERT INTO users (username, password_hash, roles) VALUES ('desk', $1, '{control_desk}'), ('lead', $2, '{team_leader}')`, [
      await hashPassword('floorwatch'),
      await hashPassword('a changed password'),
    ]);
    expect(await realModeRefusal(ds, 'here')).toMatch(/^real mode refuses to start: desk still has the published demo password/);
    await ds.query(`UPDATE users SET disabled = true WHERE username = 'desk'`);
    expect(await realModeRefusal(ds, 'here')).toBeNull();
    await ds.query(`INSERT INTO settings (key, value) VALUES ($1, '{}'::jsonb)`, [DEMO_SEED_SETTING]);
    expect(await realModeRefusal(ds, 'here')).toMatch(/^real mode refuses to start: here holds the demo world .* Demo data now lives in its own directory \(\.\/\.floorwatch-demo by default\)/);
  });

  it('demo and real mode have different default data dirs', () => {
    expect(databaseOptionsFromEnv({ FLOORWATCH_DEMO: '1' }).dataDir).toBe('./.floorwatch-demo');
    expect(databaseOptionsFromEnv({ FLOORWATCH_DEMO: '0' }).dataDir).toBe('./.floorwatch');
    expect(databaseOptionsFromEnv({ FLOORWATCH_DEMO: '1', FLOORWATCH_DATA_DIR: '/x' }).dataDir).toBe('/x');
  });
});
