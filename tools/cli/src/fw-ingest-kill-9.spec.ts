import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulateQueueLog } from '@floorwatch/api/ingest/queue-log/queue-log-feed-kit';

const ROOT = join(__dirname, '..', '..', '..');
const FW = join(ROOT, 'tools', 'cli', 'fw.sh');

/**
 * `kill -9` of `fw ingest` on an embedded PGlite data dir mid-ingest: the data dir opens again
 * (stale lock taken over, PGlite recovers its WAL) and re-running the same command completes
 * with exact counts, nothing doubled: every committed batch's lines count as duplicates, and the
 * agents the killed run had marked are re-derived by the re-run.
 */
describe('fw ingest killed with SIGKILL, then run again', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fw-kill-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const env = () => ({ ...process.env, FLOORWATCH_DATA_DIR: join(dir, 'data'), DATABASE_URL: '', FW_INGEST_HEAP_MB: '' });

  it('re-running the same ingest after kill -9 gives the exact counts of the feed', async () => {
    // 3 000 calls grouped per call (~10 500 lines), over about 17 hours.
    const feed = simulateQueueLog({ calls: 3000, agents: 10, seed: 9 });
    const file = join(dir, 'grouped.queue_log');
    writeFileSync(file, feed.grouped.join('\n') + '\n');

    const child = spawn('sh', [FW, 'ingest', '--format', 'queue_log', file], { cwd: dir, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // Start-up is ~3-5 s; the kill lands in the batch or in the agents pass after it (either is the case under test).
    await new Promise((r) => setTimeout(r, 7000));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const rerun = spawnSync('sh', [FW, 'ingest', '--format', 'queue_log', file], { cwd: dir, env: env(), encoding: 'utf8', timeout: 180_000 });
    expect(rerun.stderr).not.toMatch(/error|corrupt/i);
    expect(rerun.status).toBe(0);
    const summary = JSON.parse(rerun.stdout.trim().split('\n').pop() as string) as { read: number; accepted: number; duplicates: number; quarantined: number };
    expect(summary.read).toBe(feed.grouped.length);
    expect(summary.accepted + summary.duplicates).toBe(feed.grouped.length);

    const kpi = spawnSync('sh', [FW, 'kpi', '--from', '2024-06-10T00:00:00Z', '--to', '2024-06-20T00:00:00Z', '--as-of', '2024-06-30T00:00:00Z'], { cwd: dir, env: env(), encoding: 'utf8', timeout: 120_000 });
    expect(kpi.status).toBe(0);
    const k = (JSON.parse(kpi.stdout) as { rows: { kpis: Record<string, number> }[] }).rows[0].kpis;
    expect([k.offered, k.handled, k.abandoned]).toEqual([3000, feed.answered, feed.abandoned]);
    expect(feed.answered + feed.abandoned).toBe(3000);
  }, 300_000);
});
