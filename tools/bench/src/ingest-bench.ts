import { createReadStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DatabaseHandle } from '../../../apps/api/src/app/database/open-database';
import { RecordStore } from '../../../apps/api/src/app/database/record-store';
import { IngestEvents } from '../../../apps/api/src/app/ingest/ingest-events';
import { IngestService } from '../../../apps/api/src/app/ingest/ingest.service';
import { OrgService } from '../../../apps/api/src/app/org/org.service';
import type { BenchWorld } from './bench-world';
import { round, type BenchFigure } from './sizes';

/** The 8-column narrow row of performance.md's raw-rate figures. */
const RAW_TABLE = `CREATE TABLE IF NOT EXISTS bench_raw (id bigint, agent text, at timestamptz, state text, seq integer, wait double precision, queue text, ok boolean)`;
const RAW_BATCH = 1000;

function rawRow(i: number): string[] {
  return [String(i), `agent-${i % 5000}`, new Date(1_717_000_000_000 + i * 1000).toISOString(), 'available', String(i % 7), String((i % 300) / 10), `q-${i % 40}`, i % 2 ? 't' : 'f'];
}

/** Raw store insert rate of `n` narrow rows: COPY (1 000 rows a chunk) on PostgreSQL, multi-row INSERT of 1 000 on PGlite. */
export async function rawInsertRate(handle: DatabaseHandle, n: number): Promise<number> {
  const ds = handle.dataSource;
  await ds.query(RAW_TABLE);
  await ds.query('TRUNCATE bench_raw');
  const t0 = performance.now();
  if (handle.mode === 'postgres') {
    const runner = ds.createQueryRunner();
    try {
      const client = (await runner.connect()) as PoolClient;
      const chunks = function* (): Generator<string> {
        for (let s = 0; s < n; s += RAW_BATCH) {
          let text = '';
          for (let i = s; i < Math.min(n, s + RAW_BATCH); i++) text += rawRow(i).join('\t') + '\n';
          yield text;
        }
      };
      await pipeline(Readable.from(chunks()), client.query(copyFrom('COPY bench_raw FROM STDIN')));
    } finally {
      await runner.release();
    }
  } else {
    for (let s = 0; s < n; s += RAW_BATCH) {
      const values: string[] = [];
      const params: unknown[] = [];
      for (let i = s; i < Math.min(n, s + RAW_BATCH); i++) {
        const base = params.length;
        params.push(...rawRow(i));
        values.push(`(${Array.from({ length: 8 }, (_, k) => `$${base + k + 1}`).join(',')})`);
      }
      await ds.query(`INSERT INTO bench_raw VALUES ${values.join(',')}`, params);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  await ds.query('DROP TABLE bench_raw');
  return n / seconds;
}

/**
 * The same world into a fresh store with the rollups deferred (`fw ingest --bulk`, the demo
 * backfill): the queue_log files' rate is then parse + dedupe + raw writes alone, the ceiling the
 * per-batch figure is measured against; the one rebuild afterwards is timed apart.
 */
export async function benchIngestDeferred(handle: DatabaseHandle, w: BenchWorld, label: string, rawInsertRowsPerSec: number): Promise<BenchFigure> {
  const ingest = new IngestService(RecordStore.for(handle), new OrgService(handle.dataSource), new IngestEvents());
  const { lines, seconds } = await ingestWorld(ingest, w, true);
  const t0 = performance.now();
  await ingest.rebuildRollups();
  const rebuildSeconds = (performance.now() - t0) / 1000;
  const rate = lines / seconds;
  return {
    name: `ingest queue_log, rollups deferred (the --bulk path), ${label}`,
    size: `${lines} queue_log lines (simulator ${w.world.org.agents.length} agents); one rebuild after every file of the world`,
    value: round(rate, 0),
    unit: 'lines/s',
    details: {
      ratioToRawPct: round((100 * rate) / rawInsertRowsPerSec, 1),
      rawInsertRowsPerSec: round(rawInsertRowsPerSec, 0),
      rebuildSeconds: round(rebuildSeconds, 2),
      note: 'parse, line hashes, raw rows; no rollup work until the rebuild',
    },
  };
}

/** Every file of the world in order (org and schedule first, as a deployment would); the queue_log files' lines and seconds. */
async function ingestWorld(ingest: IngestService, w: BenchWorld, deferRollups: boolean): Promise<{ lines: number; seconds: number }> {
  let lines = 0;
  let seconds = 0;
  for (const f of w.files) {
    const t0 = performance.now();
    await ingest.ingest(f.format, createReadStream(f.file), { source: f.file, deferRollups });
    if (f.format === 'queue_log') {
      seconds += (performance.now() - t0) / 1000;
      lines += f.records;
    }
  }
  return { lines, seconds };
}

export interface IngestedStore {
  store: RecordStore;
  orgs: OrgService;
  ingest: IngestService;
}

/**
 * Ingests the whole world (org and schedule first, as a deployment would), timing the queue_log
 * files alone, then measures the raw insert rate of as many narrow rows on the same store.
 */
export async function benchIngest(handle: DatabaseHandle, w: BenchWorld, label: string): Promise<{ figure: BenchFigure; stores: IngestedStore }> {
  const store = RecordStore.for(handle);
  const orgs = new OrgService(handle.dataSource);
  const ingest = new IngestService(store, orgs, new IngestEvents());
  // RSS before the first file: the process already holds the world, the code and (PGlite) the
  // database itself; the growth from here is what ingest costs.
  const startRss = process.memoryUsage().rss;
  let peakRss = startRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const { lines, seconds } = await ingestWorld(ingest, w, false).finally(() => clearInterval(sampler));
  const rate = lines / seconds;
  const raw = await rawInsertRate(handle, lines);
  return {
    stores: { store, orgs, ingest },
    figure: {
      name: `ingest queue_log, ${label}`,
      size: `${lines} queue_log lines (simulator ${w.world.org.agents.length} agents); rollups refreshed per batch`,
      value: round(rate, 0),
      unit: 'lines/s',
      details: {
        rawInsertRowsPerSec: round(raw, 0),
        rawMethod: handle.mode === 'postgres' ? 'COPY FROM STDIN, 1 000 rows/chunk, 8 columns' : 'multi-row INSERT of 1 000, 8 columns',
        ratioToRawPct: round((100 * rate) / raw, 1),
        startRssMb: round(startRss / 2 ** 20, 0),
        peakRssMb: round(peakRss / 2 ** 20, 0),
      },
    },
  };
}
