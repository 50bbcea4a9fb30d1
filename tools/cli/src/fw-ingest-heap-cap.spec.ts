import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * `npm run fw` is tools/cli/fw.sh: `fw ingest` runs with its old generation capped at 128 MB
 * (performance.md: ingest memory < 300 MB RSS; Node's default heap let it reach ~450 MB), the
 * other commands with Node's default. Each run loads a probe (NODE_OPTIONS=--require) that prints
 * V8's heap_size_limit, so the test sees the limit the CLI really ran with.
 */
describe('fw.sh: ingest runs with a capped heap, overridable', () => {
  let dir: string;
  let probe: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fw-heap-'));
    probe = join(dir, 'probe.cjs');
    writeFileSync(probe, `process.stderr.write('heap-limit-mb=' + Math.round(require('v8').getHeapStatistics().heap_size_limit / 1048576) + '\\n');\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync('sh', [join(ROOT, 'tools', 'cli', 'fw.sh'), ...args], {
      cwd: dir,
      env: { ...process.env, FLOORWATCH_DATA_DIR: join(dir, 'data'), DATABASE_URL: '', FW_INGEST_HEAP_MB: '', ...env, NODE_OPTIONS: `--require ${probe} ${env['NODE_OPTIONS'] ?? ''}` },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const limit = Number(/heap-limit-mb=(\d+)/.exec(r.stderr)?.[1]);
    return { code: r.status, err: r.stderr, limit };
  };
  // heap_size_limit = old generation + young generation (2 × 16 MB semi-spaces on 64-bit).
  const badIngest = ['ingest', '--format', 'nope', 'x'];

  it('caps ingest at 128 MB of old space by default, and the exit code and message pass through', () => {
    const r = run(badIngest);
    expect(r.limit).toBeGreaterThanOrEqual(128);
    expect(r.limit).toBeLessThan(200);
    expect(r.code).toBe(2);
    expect(r.err).toContain('fw: unknown feed format "nope"');
  });

  it('takes the cap from FW_INGEST_HEAP_MB, and 0 means none (V8 sizes it to the machine)', () => {
    const r = run(badIngest, { FW_INGEST_HEAP_MB: '400' });
    expect(r.limit).toBeGreaterThanOrEqual(400);
    expect(r.limit).toBeLessThan(480);
    expect(run(badIngest, { FW_INGEST_HEAP_MB: '0' }).limit).toBeGreaterThan(480);
  });

  it('leaves a --max-old-space-size in NODE_OPTIONS alone', () => {
    const r = run(badIngest, { NODE_OPTIONS: '--max-old-space-size=600' });
    expect(r.limit).toBeGreaterThanOrEqual(600);
    expect(r.limit).toBeLessThan(680);
  });

  it('does not cap the other commands (serve and simulate hold far more than an ingest batch)', () => {
    const r = run(['kpi', '--from', 'yesterday-ish', '--to', '2024-06-11']);
    expect(r.code).toBe(2);
    expect(r.limit).toBeGreaterThan(480);
  });
});
