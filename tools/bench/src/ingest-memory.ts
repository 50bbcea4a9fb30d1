import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchWorld } from './bench-world';
import { adminQuery } from './pg-admin';
import { round, type BenchFigure } from './sizes';

const ROOT = join(__dirname, '..', '..', '..');
const CLI = [join(ROOT, 'tools', 'register.cjs'), join(ROOT, 'tools', 'cli', 'src', 'main.ts')];
/** The old-generation cap the README recommends for bulk ingest (the live heap fits well inside it). */
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

/** Runs `fw <args>` in a process of its own against `url`, watching its memory. */
function runCli(url: string, args: string[], nodeFlags: string[]): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [...nodeFlags, '-r', CLI[0], CLI[1], ...args], {
      env: { ...process.env, DATABASE_URL: url, NODE_OPTIONS: '' },
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
 * queue_log file of the world. Once with Node's default heap sizing (V8 sizes the old generation
 * to the machine's memory and collects lazily) and once with the recommended heap cap, which
 * shows the live set is small and does not grow with the file; then `--bulk` with the cap, for
 * the backfill rate (whole process, start-up included, against the per-batch run's).
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
  const capped = [`--max-old-space-size=${INGEST_HEAP_MB}`];
  // The third run: `fw ingest --bulk` (rollups deferred, one rebuild after the files), capped heap.
  for (const [flags, bulk] of [[[], false], [capped, false], [capped, true]] as [string[], boolean][]) {
    await admin(`DROP DATABASE IF EXISTS ${db}`);
    await admin(`CREATE DATABASE ${db}`);
    try {
      if (org) await runCli(url.toString(), ['ingest', '--format', 'org', org.file], flags);
      const run = await runCli(url.toString(), ['ingest', '--format', 'queue_log', ...(bulk ? ['--bulk'] : []), ...queueLogs.map((f) => f.file)], flags);
      const heap = flags.length ? `heap capped at ${INGEST_HEAP_MB} MB (node ${flags[0]})` : 'default heap sizing';
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
