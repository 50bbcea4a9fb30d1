import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { openDatabase } from '@floorwatch/api/database/open-database';
import { RecordStore } from '@floorwatch/api/database/record-store';
import { ROLLUP_PENDING_KEY } from '@floorwatch/api/rollup/rollup-rebuild';
import { RollupService } from '@floorwatch/api/rollup/rollup.service';

const ROOT = join(__dirname, '..', '..', '..');
const CENTRE = join(ROOT, 'apps', 'api', 'src', 'app', 'ingest', 'fixtures', 'centre');

describe('fw: exit codes, one-line errors, JSON on stdout', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'fw-cli-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const fwIn = (dir: string, ...args: string[]) => {
    const r = spawnSync(process.execPath, ['-r', './tools/register.cjs', 'tools/cli/src/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, FLOORWATCH_DATA_DIR: dir, DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const fw = (...args: string[]) => fwIn(dataDir, ...args);
  const oneLine = (s: string) => expect(s.trimEnd().split('\n')).toHaveLength(1);

  it('bad usage and unreadable input exit 2 with one line on stderr', () => {
    const missing = fw('ingest', '--format', 'queue_log', join(CENTRE, 'no-such-file'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^fw: .*no-such-file: no such file\n$/);
    // PGlite's worker is already loading when the arguments are checked (cli-database.ts), but a
    // usage error opens no data directory: this one is not even created.
    const untouched = join(dataDir, 'untouched');
    const badFrom = fwIn(untouched, 'kpi', '--from', 'yesterday-ish', '--to', '2024-06-11');
    expect(badFrom.code).toBe(2);
    expect(badFrom.err).toBe('fw: --from: is not an ISO 8601 date or date-time\n');
    expect(existsSync(untouched)).toBe(false);
    const badFormat = fw('ingest', '--format', 'csv-of-doom', join(CENTRE, 'queue_log'));
    expect(badFormat.code).toBe(2);
    oneLine(badFormat.err);
    expect(fw('kpi', '--to', '2024-06-11').code).toBe(2);
    expect(fw('no-such-command').code).toBe(2);
    for (const r of [missing, badFrom, badFormat]) expect(r.out).toBe('');
  }, 60_000);

  it('ingests the hand-computed centre and prints its KPIs (exit 0, JSON on stdout)', () => {
    const files: Array<[string, string]> = [
      ['org', 'org.json'],
      ['wfm-schedule', 'schedule.csv'],
      ['queue_log', 'queue_log'],
      ['survey', 'survey.csv'],
    ];
    for (const [format, file] of files) {
      const r = fw('ingest', '--format', format, join(CENTRE, file));
      expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
      const s = JSON.parse(r.out) as { read: number; accepted: number };
      expect(s.accepted).toBe(s.read);
    }
    const k = fw('kpi', '--from', '2024-06-10T00:00:00Z', '--to', '2024-06-11T00:00:00Z', '--as-of', '2024-06-20T00:00:00Z');
    expect(k.code).toBe(0);
    const result = JSON.parse(k.out) as { scope: string; rows: Array<{ key: string; kpis: Record<string, number | null> }> };
    expect(result.scope).toBe('enterprise');
    const kpis = result.rows[0].kpis;
    expect(kpis['adherencePct']).toBeCloseTo((100 * (14100 + 14400)) / 28800, 10);
    expect(kpis['ahtSeconds']).toBe((360 + 240 + 300) / 3);
    expect(kpis['serviceLevelPct']).toBe((100 * 2) / 4);
    expect(kpis['fcrPct']).toBeCloseTo((100 * 2) / 3, 10);
    expect(kpis['consistencyIndex']).toBe((60 + 50) / 2);

    const again = fw('ingest', '--format', 'queue_log', join(CENTRE, 'queue_log'));
    expect(JSON.parse(again.out)).toEqual({ read: 19, accepted: 0, duplicates: 19, quarantined: 0, reasons: {} });
    const q = fw('quarantine');
    expect({ code: q.code, out: JSON.parse(q.out) }).toEqual({ code: 0, out: [] });
    const unknownScope = fw('kpi', '--from', '2024-06-10', '--to', '2024-06-11', '--scope', 'site:atlantis');
    expect(unknownScope.code).toBe(2);
    expect(unknownScope.err).toBe('fw: --scope: unknown site:atlantis\n');
  }, 120_000);

  it('--bulk (rollups deferred, one rebuild) gives the same KPIs as the per-batch ingest', async () => {
    const bulkDir = mkdtempSync(join(tmpdir(), 'fw-cli-bulk-'));
    try {
      for (const [format, file] of [['org', 'org.json'], ['wfm-schedule', 'schedule.csv'], ['queue_log', 'queue_log'], ['survey', 'survey.csv']]) {
        const r = fwIn(bulkDir, 'ingest', '--format', format, '--bulk', join(CENTRE, file));
        expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
      }
      const args = ['kpi', '--from', '2024-06-10T00:00:00Z', '--to', '2024-06-11T00:00:00Z', '--as-of', '2024-06-20T00:00:00Z', '--by', 'agent'];
      const bulk = fwIn(bulkDir, ...args);
      const perBatch = fw(...args); // the first test ingested the same files into dataDir
      expect(bulk.code).toBe(0);
      const rows = (JSON.parse(bulk.out) as { rows: Array<{ kpis: Record<string, number | null> }> }).rows;
      // (360 + 240 + 300) / 3 handled over the agents: the centre's handled calls all came through
      expect(rows.reduce((n, r) => n + (r.kpis['handled'] ?? 0), 0)).toBe(3);
      expect(JSON.parse(bulk.out)).toEqual(JSON.parse(perBatch.out));
      // Same answer either way (raw records without rollups give it too): the rebuild must also have run.
      const handle = await openDatabase({ dataDir: bulkDir });
      try {
        const [pending] = await handle.dataSource.query(`SELECT count(*)::int AS n FROM settings WHERE key = $1`, [ROLLUP_PENDING_KEY]);
        const [rolled] = await handle.dataSource.query(`SELECT count(*)::int AS n FROM rollup_contacts_15m`);
        expect([pending.n, rolled.n > 0]).toEqual([0, true]);
        expect(await RollupService.agentTimeThrough(RecordStore.for(handle))).not.toBeNull();
      } finally {
        await handle.close();
      }
    } finally {
      rmSync(bulkDir, { recursive: true, force: true });
    }
  }, 120_000);
});
