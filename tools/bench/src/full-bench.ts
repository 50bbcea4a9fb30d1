import { openDatabase, type DatabaseHandle } from '../../../apps/api/src/app/database/open-database';
import { RecordStore } from '../../../apps/api/src/app/database/record-store';
import { IngestEvents } from '../../../apps/api/src/app/ingest/ingest-events';
import { IngestService } from '../../../apps/api/src/app/ingest/ingest.service';
import { OrgService } from '../../../apps/api/src/app/org/org.service';
import { BENCH_END } from './bench-world';
import { FULL_WORLD_KEY, loadFullWorld, schemaBytes } from './full-load';
import { dropSchema } from './pg-admin';
import { dayList } from './full-world';
import { benchKpiHttp, benchNaiveVsRollup, startApi, type KpiBenchWorld } from './kpi-bench';
import type { IngestedStore } from './ingest-bench';
import { renderFigures } from './other-benches';
import { round, type BenchFigure, type BenchSize } from './sizes';

export interface LoadedRun {
  agents: number;
  days: number;
  /** Keep the schema (and reuse it next run with the same size) instead of dropping it. */
  keep: boolean;
}

const SEED = 11;
/**
 * The simulator's traffic at scale 1 is ≈ 24.5 contacts per agent-day (11 M over 5 000 × 90);
 * calls 0.53 as long give ≈ 45, performance.md's 20 M contacts on the same staff and schedule.
 */
const HANDLE_SCALE = 0.53;
const LAST_DAY = new Date(BENCH_END).toISOString().slice(0, 10);

interface StoredMark {
  agents: number;
  days: number;
  seed: number;
  lastDay: string;
  handleScale?: number;
  rows: Record<string, number>;
  ms: Record<string, number>;
}

async function orSkip(name: string, size: string, log: (f: BenchFigure) => void, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (e) {
    log({ name: `${name} (PostgreSQL, loaded)`, size, value: null, unit: '-', skipped: `failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` });
  }
}

/**
 * The KPI query figures on PostgreSQL at full size: loads `run.agents` x `run.days` (full-load.ts)
 * into its own schema — or reuses a kept schema holding that world — then the naive/rollup
 * comparison, the KPI HTTP queries and the first-render pages on it.
 */
export async function loadedWorldFigures(url: string, size: BenchSize, run: LoadedRun, log: (f: BenchFigure) => void, progress: (line: string) => void): Promise<void> {
  const schema = `fw_bench_full_${run.agents}x${run.days}`;
  const label = 'PostgreSQL, loaded';
  let handle: DatabaseHandle = await openDatabase({ url, schema, migrationsRun: true, poolSize: 4 });
  try {
    let store = RecordStore.for(handle);
    const mark = await store.getSetting<StoredMark>(FULL_WORLD_KEY);
    const reuse = mark !== null && mark.agents === run.agents && mark.days === run.days && mark.seed === SEED && mark.lastDay === LAST_DAY && (mark.handleScale ?? 1) === HANDLE_SCALE;
    let world: KpiBenchWorld['world'];
    const startAt = Date.parse(`${dayList(LAST_DAY, run.days)[0]}T00:00:00Z`);
    const sizeText = `${run.agents} agents x ${run.days} days (performance.md: 5 000 x 90, 20 M contacts)`;
    if (reuse) {
      progress(`reusing the loaded world in schema ${schema}`);
      world = { org: await store.loadOrg(), startAt, contacts: { length: mark.rows['contacts'] ?? 0 } };
      log({ name: 'full-size world load (kept schema reused)', size: sizeText, value: round((mark.ms['total'] ?? 0) / 1000, 1), unit: 's (when it was loaded)', details: { ...mark.rows, dbMb: round((await schemaBytes(store, schema)) / 2 ** 20, 0) } });
    } else {
      // A half-loaded schema from an interrupted run: start again from empty.
      await handle.close();
      await dropSchema(url, schema);
      handle = await openDatabase({ url, schema, migrationsRun: true, poolSize: 4 });
      store = RecordStore.for(handle);
      const r = await loadFullWorld(store, { agents: run.agents, days: run.days, lastDay: LAST_DAY, seed: SEED, handleScale: HANDLE_SCALE }, progress);
      await store.query('ANALYZE');
      const bytes = await schemaBytes(store, schema);
      const records = r.rows.contacts + r.rows.stateEvents + r.rows.scheduleSegments + r.rows.forecasts + r.rows.surveys;
      world = { org: r.org, startAt, contacts: { length: r.rows.contacts } };
      log({
        name: 'full-size world load: generate + write through RecordStore (COPY) + RollupService.rebuild, PostgreSQL',
        size: sizeText,
        value: round(r.ms.total / 1000, 1),
        unit: 's',
        details: {
          ...r.rows, recordsPerSec: round(records / (r.ms.write / 1000), 0), generateS: round(r.ms.generate / 1000, 1), writeS: round(r.ms.write / 1000, 1),
          rebuildS: round(r.ms.rebuild / 1000, 1), rebuildRepeatsS: round(r.rebuild.ms.repeats / 1000, 1), rebuildContactsS: round(r.rebuild.ms.contacts / 1000, 1),
          rebuildAgentTimeS: round(r.rebuild.ms.agentTime / 1000, 1), rebuildSurveysS: round(r.rebuild.ms.surveys / 1000, 1), dbMb: round(bytes / 2 ** 20, 0), peakRssMb: r.peakRssMb,
          contactsPerAgentDay: round(r.rows.contacts / (run.agents * run.days), 1),
        },
      });
    }
    const w: KpiBenchWorld = { world, files: [] };
    const stores: IngestedStore = { store, orgs: new OrgService(handle.dataSource), ingest: new IngestService(store, new OrgService(handle.dataSource), new IngestEvents()) };
    // Three repeats: the raw path this compares against takes seconds at this size; its
    // enterprise comparisons over a week (it holds the window's records in memory). A failure is
    // reported and the query figures still run.
    await orSkip('naive SQL / service raw path vs rollup', sizeText, log, async () => {
      for (const f of await benchNaiveVsRollup(stores, w, 3, label, 7)) log(f);
    });
    // startApi creates the `bench` admin; a reused schema has it from the last run.
    await store.query(`DELETE FROM users WHERE username = 'bench'`);
    const api = await startApi(handle, stores);
    try {
      await orSkip('KPI queries over HTTP', sizeText, log, async () => {
        for (const f of await benchKpiHttp(api, w, size.requests, label)) log(f);
      });
    } finally {
      await api.app.close();
    }
    for (const f of await renderFigures(handle, label, BENCH_END, size.renderLoads)) log(f);
  } finally {
    await handle.close().catch(() => undefined);
    if (!run.keep) await dropSchema(url, schema);
  }
}
