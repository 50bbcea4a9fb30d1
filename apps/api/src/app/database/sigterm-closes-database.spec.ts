import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../../..');

describe('the api shuts down gracefully on SIGTERM (PGlite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fw-sigterm-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts, then on SIGTERM closes TypeORM and PGlite and releases the data dir', async () => {
    const child = spawn(process.execPath, ['-r', './tools/register.cjs', 'apps/api/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', FLOORWATCH_DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((res) => child.on('exit', (code, signal) => res(signal ?? code)));

    // Up to 60 s: PGlite start-up on a loaded 2-core machine can take tens of seconds.
    // The one-time admin password is the last start-up step of a real-data first start.
    for (let i = 0; i < 600 && !out.includes('one-time password'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain('database: pglite');
    expect(existsSync(join(dir, 'floorwatch.pid'))).toBe(true);

    child.kill('SIGTERM');
    // Nest re-raises the signal after its shutdown hooks ran (so the exit is "by SIGTERM")
    expect(await exited).toBe('SIGTERM');
    expect(existsSync(join(dir, 'floorwatch.pid'))).toBe(false);
  }, 120_000);
});
