import type { Org } from '@floorwatch/contracts';
import type { RecordStore } from '../../../apps/api/src/app/database/record-store';
import { customerKeySalt } from '../../../apps/api/src/app/ingest/customer-key';
import type { RebuildReport } from '../../../apps/api/src/app/rollup/rollup-rebuild';
import { RollupService } from '../../../apps/api/src/app/rollup/rollup.service';
import { fullWorldChunks, type FullWorldChunk, type FullWorldOptions } from './full-world';

/** settings key: the loaded world's options, written once the load (and rollup rebuild) finished. */
export const FULL_WORLD_KEY = 'bench.fullWorld';
/** Records per transaction, as one ingest batch writes them. */
const BATCH = 50_000;

export interface FullWorldLoad {
  options: FullWorldOptions;
  org: Org;
  rows: { contacts: number; stateEvents: number; scheduleSegments: number; forecasts: number; surveys: number };
  ms: { generate: number; write: number; rebuild: number; total: number };
  /** Of ms.write, per table. */
  tableMs: Record<string, number>;
  rebuild: RebuildReport;
  peakRssMb: number;
}

export type LoadProgress = (line: string) => void;

/**
 * Writes the full-size world through the product's write path — RecordStore (BulkWriter: COPY
 * through a staging table on PostgreSQL, the same upserts ingest does) with the rollups deferred
 * per batch exactly as a backfill ingest defers them — chunk by chunk so memory stays flat, then
 * RollupService.rebuild builds every rollup with the product's own code. Returns what was written
 * and how long each part took; marks the store complete (FULL_WORLD_KEY) at the end.
 */
export async function loadFullWorld(store: RecordStore, options: FullWorldOptions, progress: LoadProgress = () => undefined): Promise<FullWorldLoad> {
  const t0 = Date.now();
  const rollups = new RollupService();
  const salt = await customerKeySalt(store);
  const rows = { contacts: 0, stateEvents: 0, scheduleSegments: 0, forecasts: 0, surveys: 0 };
  const ms = { generate: 0, write: 0, rebuild: 0, total: 0 };
  const tableMs: Record<string, number> = {};
  let org: Org | null = null;
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
  try {
    for (const chunk of fullWorldChunks(options, salt)) {
      ms.generate += chunk.generateMs;
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      const tw = Date.now();
      if (!org) {
        org = chunk.org;
        await store.upsertOrg(org);
      }
      await writeChunk(store, rollups, chunk, rows, tableMs);
      ms.write += Date.now() - tw;
      progress(`chunk ${chunk.index + 1}: ${chunk.days[0]}..${chunk.days[chunk.days.length - 1]} generated in ${(chunk.generateMs / 1000).toFixed(1)} s, written in ${((Date.now() - tw) / 1000).toFixed(1)} s; ${rows.contacts} contacts, ${rows.stateEvents} state events so far`);
    }
    if (!org) throw new Error('full world: no days to load');
    const tr = Date.now();
    const rebuild = await store.transaction((tx) =>
      rollups.rebuild(tx, (step, done, total) => {
        if (done === 0 || done === total) progress(`rollup rebuild: ${step} ${done}/${total}`);
      }),
    );
    ms.rebuild = Date.now() - tr;
    ms.total = Date.now() - t0;
    await store.setSetting(FULL_WORLD_KEY, { ...options, rows, ms });
    return { options, org, rows, ms, tableMs, rebuild, peakRssMb: Math.round(peakRss / 2 ** 20) };
  } finally {
    clearInterval(sampler);
  }
}

async function writeChunk(store: RecordStore, rollups: RollupService, c: FullWorldChunk, rows: FullWorldLoad['rows'], tableMs: Record<string, number>): Promise<void> {
  const timed = async (table: string, work: () => Promise<void>) => {
    const t = Date.now();
    await work();
    tableMs[table] = (tableMs[table] ?? 0) + Date.now() - t;
  };
  // Schedule and forecasts first, as a deployment's WFM feed lands before the ACD's.
  await timed('schedule', () => inBatches(c.schedule, (b) => store.transaction(async (tx) => {
    rows.scheduleSegments += await tx.writeScheduleSegments(b);
    await rollups.defer(tx, { contacts: [], agentTimes: b.map((s) => ({ agentId: s.agentId, at: s.start })) });
  })));
  await timed('forecasts', () => inBatches(c.forecasts, async (b) => void (rows.forecasts += await store.writeForecasts(b))));
  await timed('contacts', () => inBatches(c.contacts, (b) => store.transaction(async (tx) => {
    rows.contacts += await tx.writeContacts(b);
    await rollups.defer(tx, { contacts: b, agentTimes: [] });
  })));
  await timed('stateEvents', () => inBatches(c.states, (b) => store.transaction(async (tx) => {
    rows.stateEvents += await tx.writeStateEvents(b);
    await rollups.defer(tx, { contacts: [], agentTimes: b.map((e) => ({ agentId: e.agentId, at: e.at })) });
  })));
  await timed('surveys', () => inBatches(c.surveys, (b) => store.transaction(async (tx) => {
    rows.surveys += await tx.writeSurveys(b);
    await rollups.defer(tx, { contacts: [], agentTimes: [], surveys: b });
  })));
}

async function inBatches<T>(items: readonly T[], write: (batch: readonly T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH) await write(items.slice(i, i + BATCH));
}

/** Bytes on disk of every table and index in `schema` (PostgreSQL). */
export async function schemaBytes(store: RecordStore, schema: string): Promise<number> {
  const r = await store.query<{ bytes: string | null }>(
    `SELECT sum(pg_total_relation_size(c.oid))::bigint::text AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'm')`,
    [schema],
  );
  return Number(r[0]?.bytes ?? 0);
}
