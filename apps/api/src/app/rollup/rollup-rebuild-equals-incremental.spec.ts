import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GroupBy, KpiRow } from '@floorwatch/contracts';
import { generateWorld, writeFeeds, type FeedFile } from '@floorwatch/simulator';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { services } from '../ingest/ingest-test-kit';
import type { IngestService } from '../ingest/ingest.service';
import type { KpiQueryService } from '../kpi/kpi-query.service';
import { DAILY_STATE_KEY } from './daily-refresh';
import { ROLLUP_PENDING_KEY, type PendingSpan } from './rollup-rebuild';
import { AGENT_TIME_THROUGH_KEY } from './rollup.service';
import { expectSameKpiRows } from './rollup-test-kit';

/*
 * Bulk mode: the same world ingested with the per-batch refresh (A) and with deferRollups plus
 * one rebuild at the end (B) must leave identical rollup tables, FCR repeat columns and watermark,
 * (the daily ones included) and B's rollup path must give the raw answer. C defers in two rounds (ACD feeds, rebuild, then
 * the schedule, rebuild): the second rebuild starts below the watermark the first one set.
 */
const DAY = 86_400_000;

let a: TestDatabase;
let b: TestDatabase;
let c: TestDatabase;
let kpisB: KpiQueryService;
let dir: string;
let startAt: number;
let endAt: number;
let deferredState: { rows: number; watermark: number | null; pending: PendingSpan | null };

const ingestAll = async (svc: IngestService, files: FeedFile[], deferRollups: boolean): Promise<void> => {
  for (const f of files) await svc.ingest(f.format, createReadStream(f.file), { source: f.file, batchSize: 700, deferRollups });
};

beforeAll(async () => {
  endAt = Date.parse('2024-06-12T15:00:00Z');
  const world = generateWorld({ seed: 11, days: 2, endAt, agents: 30 });
  startAt = world.startAt;
  dir = mkdtempSync(join(tmpdir(), 'fw-rebuild-'));
  const all = writeFeeds(world, dir);
  // Schedule after the ACD feeds, as in rollup-matches-raw.spec.ts: exercises late agent time.
  const acd = all.filter((f) => f.format !== 'wfm-schedule');
  const schedule = all.filter((f) => f.format === 'wfm-schedule');
  [a, b, c] = [await withTestDatabase(), await withTestDatabase(), await withTestDatabase()];
  await ingestAll(services(a).ingest, [...acd, ...schedule], false);
  const svcB = services(b);
  kpisB = svcB.kpis;
  await ingestAll(svcB.ingest, [...acd, ...schedule], true);
  deferredState = {
    rows: Number((await b.store.query<{ n: string }>('SELECT (SELECT count(*) FROM rollup_contacts_15m) + (SELECT count(*) FROM rollup_agent_time_15m) + (SELECT count(*) FROM rollup_surveys_day) AS n'))[0].n),
    watermark: await b.store.getSetting<number>(AGENT_TIME_THROUGH_KEY),
    pending: await b.store.getSetting<PendingSpan>(ROLLUP_PENDING_KEY),
  };
  await svcB.ingest.rebuildRollups();
  const svcC = services(c).ingest;
  await ingestAll(svcC, acd, true);
  await svcC.rebuildRollups();
  await ingestAll(svcC, schedule, true);
  await svcC.rebuildRollups();
}, 300_000);

afterAll(async () => {
  for (const db of [a, b, c]) await db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const TABLES: [string, string][] = [
  ['rollup_contacts_15m', 'interval_start, site_id, queue_id, team_id, agent_id, reason, channel'],
  ['rollup_agent_time_15m', 'interval_start, agent_id, aux_reason'],
  ['contacts', 'source, natural_key, enqueued_at'],
  ['rollup_contacts_day', 'day_zone, site_id, day, queue_id, reason, channel'],
  ['rollup_agent_time_day', 'day_zone, site_id, day, aux_reason'],
  ['rollup_surveys_day', 'day, main_channel, channel_chain, site_id, team_id, agent_id, queue_id, reason, channel'],
  ['rollup_contacts_site_15m', 'interval_start, site_id, queue_id, reason, channel'],
];

async function dump(db: TestDatabase, table: string, order: string): Promise<string[]> {
  const cols = table === 'contacts' ? 'source, natural_key, enqueued_at, repeat_enqueued_at, repeat_channel' : '*';
  const rows = await db.store.query<Record<string, unknown>>(`SELECT ${cols} FROM ${table} ORDER BY ${order}`);
  // Day rows are SQL sums of float seconds, whose last bit depends on the scan order: 1e-6 s.
  const round = table.endsWith('_day');
  return rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (v instanceof Date ? v.toISOString() : round && typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v)));
}

it('a deferred ingest writes no rollup rows and records the span it touched, surveys included', async () => {
  expect(deferredState.rows).toBe(0);
  expect(deferredState.watermark).toBeNull();
  const p = deferredState.pending as PendingSpan;
  // The world's contacts and state events lie inside [startAt, endAt]; the schedule may start earlier.
  expect(p.contactsFrom).toBeGreaterThanOrEqual(startAt);
  expect(p.contactsTo).toBeLessThanOrEqual(endAt + DAY);
  expect(p.agentFrom).toBeLessThanOrEqual(p.contactsFrom as number);
  // Responses come after their contact (up to a few hours), never after the world's end.
  expect(p.surveysFrom).toBeGreaterThan(startAt);
  expect(p.surveysTo).toBeLessThanOrEqual(endAt);
});

describe.each([
  ['B (one rebuild)', () => b],
  ['C (two rebuilds, schedule late)', () => c],
])('%s', (_name, db) => {
  it.each(TABLES)('%s is identical row for row to the incremental ingest', async (table, order) => {
    const [want, got] = [await dump(a, table, order), await dump(db(), table, order)];
    expect(want.length).toBeGreaterThan(table === 'rollup_surveys_day' ? 5 : table.endsWith('_day') ? 20 : 100);
    expect(got.length).toBe(want.length);
    const diff = got.findIndex((row, i) => row !== want[i]);
    expect(diff === -1 ? null : [got[diff], want[diff]]).toBeNull();
  });

  it('the watermark is the incremental one and nothing is left pending', async () => {
    const want = await a.store.getSetting<number>(AGENT_TIME_THROUGH_KEY);
    expect(want).toBe(Math.floor(((await a.store.latestEventTime()) as number) / 900_000) * 900_000);
    expect(await db().store.getSetting<number>(AGENT_TIME_THROUGH_KEY)).toBe(want);
    expect(await db().store.getSetting(ROLLUP_PENDING_KEY)).toBeNull();
    expect(await db().store.getSetting(DAILY_STATE_KEY)).toEqual(await a.store.getSetting(DAILY_STATE_KEY));
  });
});


it.each([undefined, 'agent', 'queue', 'day', 'interval'] as (GroupBy | undefined)[])(
  'after the rebuild, the rollup path = raw path (enterprise by %s, FCR eligible)',
  async (by) => {
    const from = Math.floor(startAt / DAY) * DAY;
    const q = { scope: { kind: 'enterprise' as const }, from, to: from + 3 * DAY, by, asOf: endAt + 8 * DAY };
    kpisB.useRollups = true;
    const viaRollup = await kpisB.query(q);
    expect(kpisB.lastPath).toBe('rollup');
    kpisB.useRollups = false;
    const raw = await kpisB.query(q);
    kpisB.useRollups = true;
    expect(viaRollup.rows.length).toBeGreaterThan(0);
    expectSameKpiRows(viaRollup.rows, raw.rows);
  },
);

it('a rebuild with nothing deferred changes nothing', async () => {
  const before = await dump(b, 'rollup_agent_time_15m', TABLES[1][1]);
  const report = await services(b).ingest.rebuildRollups();
  expect(report.span).toBeNull();
  expect(await dump(b, 'rollup_agent_time_15m', TABLES[1][1])).toEqual(before);
});
