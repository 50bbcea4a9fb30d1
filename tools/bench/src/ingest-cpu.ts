import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { openDatabase } from '../../../apps/api/src/app/database/open-database';
import { RecordStore } from '../../../apps/api/src/app/database/record-store';
import { IngestEvents } from '../../../apps/api/src/app/ingest/ingest-events';
import { IngestService } from '../../../apps/api/src/app/ingest/ingest.service';
import { OrgService } from '../../../apps/api/src/app/org/org.service';
import { makeWorld } from './bench-world';
import { dropSchema } from './pg-admin';
import { SIZES } from './sizes';

/**
 * The small bench's queue_log file alone, on PostgreSQL: wall lines/s, this process's CPU and the
 * CPU of the database's backends (read from /proc: the server runs on this machine), so a run on
 * a loaded machine still measures the work. `node -r ./tools/register.cjs tools/bench/src/ingest-cpu.ts <url> [runs]`.
 * The files before the world's first queue_log file (org, schedule, forecast) go in first, untimed, as in the bench;
 * with INGEST_ALL_BEFORE=1 every other file of the world does (the hooks on a fuller database, docs/perf.md
 * "Ingest hooks on a fuller database"). Per-statement times: add `-r ./tools/bench/src/sql-timing.cjs`.
 */
async function main(): Promise<void> {
  const url = process.argv[2];
  const runs = Number(process.argv[3] ?? 1);
  const w = makeWorld(SIZES.small);
  for (let run = 0; run < runs; run++) {
    const schema = `fw_cpu_${process.pid}_${run}`;
    const handle = await openDatabase({ url, schema, migrationsRun: true, poolSize: 4 });
    const admin = new Client({ connectionString: url });
    await admin.connect();
    try {
      const ingest = new IngestService(RecordStore.for(handle), new OrgService(handle.dataSource), new IngestEvents());
      const first = w.files.findIndex((x) => x.format === 'queue_log');
      // INGEST_ALL_BEFORE=1: every other file of the world goes in first (a fuller database), the first queue_log file last.
      const before = process.env['INGEST_ALL_BEFORE'] ? w.files.filter((_, i) => i !== first) : w.files.slice(0, first);
      for (const f of before) await ingest.ingest(f.format, createReadStream(f.file), { source: f.file });
      for (const f of [w.files[first]]) {
        // INGEST_CPU_PROF=<file>: a V8 CPU profile of the queue_log file alone (not the world's generation).
        const session = process.env['INGEST_CPU_PROF'] ? new Session() : null;
        if (session) {
          session.connect();
          await session.post('Profiler.enable');
          await session.post('Profiler.start');
        }
        const timing = (globalThis as { __sqlTimingOn?: (on: boolean) => void }).__sqlTimingOn;
        timing?.(true);
        const ticks0 = await backendTicks(admin);
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        await ingest.ingest(f.format, createReadStream(f.file), { source: f.file });
        const seconds = (performance.now() - t0) / 1000;
        const cpu = process.cpuUsage(cpu0);
        timing?.(false);
        const after = await backendTicks(admin);
        if (session) {
          const { profile } = await session.post('Profiler.stop');
          writeFileSync(`${process.env['INGEST_CPU_PROF']}.${run}.cpuprofile`, JSON.stringify(profile));
          session.disconnect();
        }
        let pgTicks = 0;
        for (const [pid, t] of after) pgTicks += t - (ticks0.get(pid) ?? 0);
        const node = (cpu.user + cpu.system) / 1e6;
        (globalThis as { __sqlTimingDump?: () => void }).__sqlTimingDump?.();
        process.stdout.write(`run ${run}: ${f.records} lines ${(f.records / seconds).toFixed(0)} lines/s wall ${seconds.toFixed(2)} s; node CPU ${node.toFixed(2)} s; pg backends CPU ${(pgTicks / 100).toFixed(2)} s\n`);
      }
    } finally {
      await admin.end();
      await handle.close().catch(() => undefined);
      // INGEST_CPU_KEEP=1: keep the schema to look at (dropped otherwise).
      if (!process.env['INGEST_CPU_KEEP']) await dropSchema(url, schema);
    }
  }
}

/** utime+stime (clock ticks) of every backend connected to the database, by pid. */
async function backendTicks(admin: Client): Promise<Map<number, number>> {
  const { rows } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      out.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // the backend exited
    }
  }
  return out;
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(String(err instanceof Error ? err.stack : err) + '\n');
    process.exit(1);
  },
);
