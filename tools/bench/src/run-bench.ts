import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { openDatabase, type DatabaseHandle } from '../../../apps/api/src/app/database/open-database';
import { BENCH_END, makeWorld, type BenchWorld } from './bench-world';
import { loadedWorldFigures } from './full-bench';
import { benchIngest, benchIngestDeferred } from './ingest-bench';
import { cliIngestMemory } from './ingest-memory';
import { CALL_GROUPED_CALLS, callGroupedIngestMemory } from './call-grouped-memory';
import { dropSchema } from './pg-admin';
import { benchKpiHttp, benchNaiveVsRollup, startApi } from './kpi-bench';
import { adherenceFigure, liveFigures, renderFigures } from './other-benches';
import { benchFollowLatency } from './follow-latency';
import { cliStartFigures } from './cli-start';
import { surveyLoadedFigures } from './survey-loaded';
import { sessionFigures } from './session-bench';
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

/** Parts of a run, to run one alone (`--only loaded`): the full-size load takes long. */
export const BENCH_PARTS = ['postgres', 'loaded', 'surveys', 'pglite', 'adherence', 'live', 'follow', 'grouped', 'cli', 'ingest', 'sessions'] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];

export interface BenchOptions {
  /** Default: every part the size has. */
  only?: readonly BenchPart[];
  /** Keep the full-size loaded schema and reuse it on the next run of the same size. */
  keepLoaded?: boolean;
  progress?: (line: string) => void;
}

interface StoreRun {
  label: string;
  /** KPI queries over HTTP on this store's (simulated) world. */
  http: boolean;
  /** First-render pages on this store. */
  render: boolean;
}

async function onStore(open: () => Promise<{ handle: DatabaseHandle; cleanup: () => Promise<void> }>, w: BenchWorld, size: BenchSize, run: StoreRun, log: (f: BenchFigure) => void): Promise<void> {
  const { handle, cleanup } = await open();
  try {
    const ingest = await benchIngest(handle, w, run.label);
    log(ingest.figure);
    const deferred = await open();
    try {
      log(await benchIngestDeferred(deferred.handle, w, run.label, Number(ingest.figure.details?.['rawInsertRowsPerSec'])));
    } finally {
      await deferred.handle.close().catch(() => undefined);
      await deferred.cleanup();
    }
    for (const f of await benchNaiveVsRollup(ingest.stores, w, Math.max(3, size.requests / 5), run.label)) log(f);
    if (run.http) {
      const api = await startApi(handle, ingest.stores);
      try {
        for (const f of await benchKpiHttp(api, w, size.requests, run.label)) log(f);
      } finally {
        await api.app.close();
      }
    }
    if (run.render) for (const f of await renderFigures(handle, run.label, BENCH_END, size.renderLoads)) log(f);
  } finally {
    await handle.close().catch(() => undefined);
    await cleanup();
  }
}

/** `--only ingest`: the per-batch queue_log ingest rate (and the raw insert rate beside it) on PostgreSQL (when reachable) and PGlite. */
async function ingestOnly(w: BenchWorld, pg: string | null): Promise<BenchFigure[]> {
  const out: BenchFigure[] = [];
  if (pg) {
    const schema = `fw_bench_${process.pid}_ingest`;
    const handle = await openDatabase({ url: pg, schema, migrationsRun: true, poolSize: 4 });
    try {
      out.push((await benchIngest(handle, w, 'PostgreSQL')).figure);
    } finally {
      await handle.close().catch(() => undefined);
      await dropSchema(pg, schema);
    }
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'fw-bench-pglite-'));
  const handle = await openDatabase({ dataDir, migrationsRun: true });
  try {
    out.push((await benchIngest(handle, w, 'PGlite')).figure);
  } finally {
    await handle.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
  return out;
}

/**
 * Runs every performance.md measurement at `size`, calling `log` as each figure is ready. With a
 * loaded (full-size) world, the KPI query and first-render figures on PostgreSQL come from it;
 * otherwise from the simulated world, and the pages are rendered on PGlite (the demo's store).
 */
export async function runBench(size: BenchSize, log: (f: BenchFigure) => void = () => undefined, options: BenchOptions = {}): Promise<BenchReport> {
  const figures: BenchFigure[] = [];
  const add = (f: BenchFigure) => {
    figures.push(f);
    log(f);
  };
  const want = (p: BenchPart) => !options.only || options.only.includes(p);
  const startedAt = new Date().toISOString();
  const simulated = want('postgres') || want('pglite') || want('ingest');
  const w = simulated ? makeWorld(size) : null;
  try {
    const pg = want('postgres') || want('ingest') || want('grouped') || want('sessions') || (want('loaded') && size.loaded) ? await postgresUrl() : null;
    if (w && want('postgres')) {
      if (pg) {
        let opened = 0;
        await onStore(async () => {
          // A schema per store: onStore opens a second one for the deferred-rollup ingest.
          const schema = `fw_bench_${process.pid}_${++opened}`;
          return { handle: await openDatabase({ url: pg, schema, migrationsRun: true, poolSize: 4 }), cleanup: () => dropSchema(pg, schema) };
        }, w, size, { label: 'PostgreSQL', http: !size.loaded, render: false }, add);
        for (const f of await cliIngestMemory(pg, w)) add(f);
      } else {
        add({ name: 'ingest queue_log, PostgreSQL', size: '-', value: null, unit: 'lines/s', skipped: 'no PostgreSQL (set BENCH_DATABASE_URL or TEST_DATABASE_URL)' });
      }
    }
    // The per-batch ingest figure alone on each store (what `postgres` and `pglite` measure first), to compare runs quickly.
    if (w && want('ingest') && !want('postgres') && !want('pglite')) for (const f of await ingestOnly(w, pg)) add(f);
    // Issue 19's call-grouped queue_log through `fw ingest` (the full 300 000 calls at the full size; a tenth at small).
    if (want('grouped') && pg) add(await callGroupedIngestMemory(pg, size.loaded ? CALL_GROUPED_CALLS : CALL_GROUPED_CALLS / 10));
    if (size.loaded && want('loaded')) {
      if (pg) await loadedWorldFigures(pg, size, { ...size.loaded, keep: options.keepLoaded ?? false }, add, options.progress ?? (() => undefined));
      else add({ name: 'full-size world load', size: '-', value: null, unit: 's', skipped: 'no PostgreSQL (set BENCH_DATABASE_URL or TEST_DATABASE_URL)' });
    }
    // performance.md "survey KPIs by agent / by site, 90 days, full size with surveys": only when asked (`--only surveys`).
    if (options.only?.includes('surveys')) {
      const url = pg ?? (await postgresUrl());
      // 10 timed requests per query at most (p95 is then the slowest of 10) (the 90-day enterprise reads take seconds each under load).
      const run = { ...(size.loaded ?? { agents: size.agents, days: 30 }), requests: Math.min(size.requests, 10), keep: options.keepLoaded ?? false };
      if (url) await surveyLoadedFigures(url, run, add, options.progress ?? (() => undefined));
      else add({ name: 'survey population KPI queries', size: '-', value: null, unit: 'ms', skipped: 'no PostgreSQL (set BENCH_DATABASE_URL or TEST_DATABASE_URL)' });
    }
    if (w && want('pglite')) {
      await onStore(async () => {
        const dataDir = mkdtempSync(join(tmpdir(), 'fw-bench-pglite-'));
        return { handle: await openDatabase({ dataDir, migrationsRun: true }), cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
      }, w, size, { label: 'PGlite', http: true, render: !(size.loaded && want('loaded')) }, add);
    }
    // selfservice.md KPIs over 90 days of sessions (performance.md: same p95 goals as the contact KPIs).
    if (want('sessions')) {
      if (pg) for (const f of await sessionFigures(pg, size, options.progress)) add(f);
      else add({ name: 'self-service KPI queries', size: '-', value: null, unit: 'ms p95', skipped: 'no PostgreSQL (set BENCH_DATABASE_URL or TEST_DATABASE_URL)' });
    }
    if (want('adherence')) add(adherenceFigure(size.adherenceAgents));
    if (want('live')) for (const f of await liveFigures(size)) add(f);
    if (want('follow')) add(await benchFollowLatency({ seconds: size.name === 'tiny' ? 5 : 20 }));
    if (want('cli')) for (const f of await cliStartFigures()) add(f);
  } finally {
    if (w) rmSync(w.dir, { recursive: true, force: true });
  }
  return { size: size.name, machine: `${require('node:os').cpus().length} cores, Node ${process.version}`, startedAt, figures };
}
