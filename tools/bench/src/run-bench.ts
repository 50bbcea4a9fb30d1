import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { openDatabase, type DatabaseHandle } from '../../../apps/api/src/app/database/open-database';
import { makeWorld, type BenchWorld } from './bench-world';
import { benchIngest } from './ingest-bench';
import { benchKpiHttp, benchNaiveVsRollup, startApi } from './kpi-bench';
import { adherenceFigure, liveFigures, renderFigures } from './other-benches';
import type { BenchFigure, BenchSize } from './sizes';

export interface BenchReport {
  size: BenchSize['name'];
  machine: string;
  startedAt: string;
  figures: BenchFigure[];
}

/** BENCH_DATABASE_URL or TEST_DATABASE_URL when it answers, else null. */
export async function postgresUrl(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const url = env['BENCH_DATABASE_URL'] || env['TEST_DATABASE_URL'];
  if (!url) return null;
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return url;
  } catch {
    return null;
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function onStore(open: () => Promise<{ handle: DatabaseHandle; cleanup: () => Promise<void> }>, w: BenchWorld, size: BenchSize, label: string, withHttp: boolean, log: (f: BenchFigure) => void): Promise<void> {
  const { handle, cleanup } = await open();
  try {
    const ingest = await benchIngest(handle, w, label);
    log(ingest.figure);
    for (const f of await benchNaiveVsRollup(ingest.stores, w, Math.max(3, size.requests / 5), label)) log(f);
    if (!withHttp) return;
    const api = await startApi(handle, ingest.stores);
    try {
      for (const f of await benchKpiHttp(api, w, size.requests, label)) log(f);
      for (const f of await renderFigures(api)) log(f);
    } finally {
      await api.app.close();
    }
  } finally {
    await handle.close().catch(() => undefined);
    await cleanup();
  }
}

/** Runs every performance.md measurement at `size`, calling `log` as each figure is ready. */
export async function runBench(size: BenchSize, log: (f: BenchFigure) => void = () => undefined): Promise<BenchReport> {
  const figures: BenchFigure[] = [];
  const add = (f: BenchFigure) => {
    figures.push(f);
    log(f);
  };
  const startedAt = new Date().toISOString();
  const w = makeWorld(size);
  try {
    const pg = await postgresUrl();
    if (pg) {
      const schema = `fw_bench_${process.pid}`;
      await onStore(async () => ({
        handle: await openDatabase({ url: pg, schema, migrationsRun: true, poolSize: 4 }),
        cleanup: async () => {
          const c = new Client({ connectionString: pg });
          await c.connect();
          await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await c.end();
        },
      }), w, size, 'PostgreSQL', true, add);
    } else {
      add({ name: 'ingest queue_log, PostgreSQL', size: '-', value: null, unit: 'lines/s', skipped: 'no PostgreSQL (set BENCH_DATABASE_URL or TEST_DATABASE_URL)' });
    }
    await onStore(async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'fw-bench-pglite-'));
      return { handle: await openDatabase({ dataDir, migrationsRun: true }), cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
    }, w, size, 'PGlite', true, add);
    add(adherenceFigure(size.adherenceAgents));
    for (const f of await liveFigures(size)) add(f);
  } finally {
    rmSync(w.dir, { recursive: true, force: true });
  }
  return { size: size.name, machine: `${require('node:os').cpus().length} cores, Node ${process.version}`, startedAt, figures };
}
