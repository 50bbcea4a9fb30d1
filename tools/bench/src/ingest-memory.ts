import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchWorld } from './bench-world';
import { adminQuery } from './pg-admin';
import { round, type BenchFigure } from './sizes';

const ROOT = join(__dirname, '..', '..', '..');
/** `npm run fw`: a shell script that execs node, so the spawned pid is the CLI's own. */
const FW = join(ROOT, 'tools', 'cli', 'fw.sh');
/** fw.sh's default old-generation cap for `fw ingest` (FW_INGEST_HEAP_MB). */
export const INGEST_HEAP_MB = 128;

interface ChildRun {
  seconds: number;
  peakRssMb: number;
  /** RSS sampled every 0.5 s (MB), to show it is flat. */
  samplesMb: number[];
}

/** VmRSS and VmHWM (peak) of a live process in MB, from /proc (Linux); null once it has exited. */
function memoryOf(pid: number): { rss: number; hwm: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string): number => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** Runs `fw <args>` as `npm run fw` does, in a process of its own against `url`, watching its memory. */
export function runCli(url: string, args: string[], heapMb: string): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child = spawn('sh', [FW, ...args], {
      env: { ...process.env, DATABASE_URL: url, NODE_OPTIONS: '', FW_INGEST_HEAP_MB: heapMb },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let peak = 0;
    const samples: number[] = [];
    const tick = (): void => {
      const m = child.pid ? memoryOf(child.pid) : null;
      // An exited child not yet reaped still has a status file, without memory lines (0).
      if (!m || m.rss === 0) return;
      peak = Math.max(peak, m.hwm, m.rss);
      if (samples.length < 10_000) samples.push(round(m.rss, 0));
    };
    const timer = setInterval(tick, 500);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      if (code !== 0) reject(new Error(`fw ${args.join(' ')} exited ${code}: ${stderr.trim().split('\n').pop()}`));
      else resolve({ seconds: (Date.now() - t0) / 1000, peakRssMb: round(peak, 0), samplesMb: samples });
    });
  });
}

/**
 * performance.md's "memory flat (< 300 MB RSS)" for queue_log ingest on PostgreSQL, measured on
 * the CLI (`fw ingest`) in a process of its own, into a database of its own: the org, then every
 * queue_log file of the world. Once as shipped (fw.sh caps the old generation at 128 MB), once
 * with FW_INGEST_HEAP_MB=0 (V8 sizes the heap to the machine and collects lazily: what the cap
 * saves); then `--bulk` as shipped, for the backfill rate (whole process, start-up included,
 * against the per-batch run's).
 */
export async function cliIngestMemory(pgUrl: string, w: BenchWorld): Promise<BenchFigure[]> {
  const db = `fw_bench_cli_${process.pid}`;
  const admin = (sql: string): Promise<void> => adminQuery(pgUrl, sql);
  const url = new URL(pgUrl);
  url.pathname = `/${db}`;
  const org = w.files.find((f) => f.format === 'org');
  const queueLogs = w.files.filter((f) => f.format === 'queue_log');
  // The lines the simulator wrote, as the ingest figure counts them (benchIngest).
  const lines = queueLogs.reduce((n, f) => n + f.records, 0);
  const figures: BenchFigure[] = [];
  const shipped = String(INGEST_HEAP_MB);
  // The third run: `fw ingest --bulk` (rollups deferred, one rebuild after the files), as shipped.
  for (const [heapMb, bulk] of [[shipped, false], ['0', false], [shipped, true]] as [string, boolean][]) {
    await admin(`DROP DATABASE IF EXISTS ${db}`);
    await admin(`CREATE DATABASE ${db}`);
    try {
      if (org) await runCli(url.toString(), ['ingest', '--format', 'org', org.file], heapMb);
      const run = await runCli(url.toString(), ['ingest', '--format', 'queue_log', ...(bulk ? ['--bulk'] : []), ...queueLogs.map((f) => f.file)], heapMb);
      const heap = heapMb === '0' ? 'FW_INGEST_HEAP_MB=0 (no cap: V8 default heap sizing)' : `as shipped (fw.sh: old space capped at ${heapMb} MB)`;
      const size = `${lines} queue_log lines (simulator ${w.world.org.agents.length} agents)`;
      const details = { peakRssMb: run.peakRssMb, linesPerSecWithStartup: round(lines / run.seconds, 0), seconds: round(run.seconds, 1), rssSamplesMb: run.samplesMb.join(' ') };
      figures.push(
        bulk
          ? { name: `ingest queue_log, CLI --bulk (rollups deferred, one rebuild at the end), PostgreSQL, ${heap}`, size, value: details.linesPerSecWithStartup, unit: 'lines/s (process start to exit)', details }
          : { name: `ingest queue_log memory, CLI process of its own, PostgreSQL, ${heap}`, size, value: run.peakRssMb, unit: 'MB peak RSS', details },
      );
    } finally {
      await admin(`DROP DATABASE IF EXISTS ${db}`);
    }
  }
  return figures;
}
