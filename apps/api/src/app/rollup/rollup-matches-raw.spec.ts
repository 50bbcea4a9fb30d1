import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GroupBy, KpiRow, Scope } from '@floorwatch/contracts';
import { generateWorld } from '@floorwatch/simulator';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { services } from '../ingest/ingest-test-kit';
import type { KpiQueryService } from '../kpi/kpi-query.service';
import { StaffingService } from '../kpi/staffing.service';
import { OrgService } from '../org/org.service';
import { TargetsService } from '../targets/targets.service';
import { RollupService } from './rollup.service';
import { expectSameKpiRows, ingestSimulatedWorld } from './rollup-test-kit';

/*
 * The rollup path must give the raw answer (libs/kpi over raw records) for every scope and
 * grouping. The world is ingested in small batches (rollups maintained batch by batch) and in an
 * order where the schedule arrives AFTER the ACD feeds, so the late-schedule refresh is exercised.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let db: TestDatabase;
let kpis: KpiQueryService;
let dir: string;
let endAt: number;
let startAt: number;

beforeAll(async () => {
  db = await withTestDatabase();
  const svc = services(db);
  kpis = svc.kpis;
  endAt = Date.parse('2024-06-12T15:00:00Z');
  const world = generateWorld({ seed: 7, days: 2, endAt, agents: 30 });
  startAt = world.startAt;
  dir = mkdtempSync(join(tmpdir(), 'fw-rollup-'));
  await ingestSimulatedWorld(svc.ingest, world, dir, 700);
}, 240_000);

afterAll(async () => {
  await db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function both(scope: Scope, from: number, to: number, by?: GroupBy, asOf?: number): Promise<[KpiRow[], KpiRow[]]> {
  kpis.useRollups = true;
  const viaRollup = await kpis.query({ scope, from, to, by, asOf });
  expect(kpis.lastPath).toBe('rollup');
  kpis.useRollups = false;
  const raw = await kpis.query({ scope, from, to, by, asOf });
  kpis.useRollups = true;
  return [viaRollup.rows, raw.rows];
}


it('the ingest left the agent-time watermark at the interval of the latest event', async () => {
  const through = await RollupService.agentTimeThrough(db.store);
  const latest = (await db.store.latestEventTime()) as number;
  expect(through).toBe(Math.floor(latest / 900_000) * 900_000);
});

it('the site-level 15-minute rows are the agent-keyed ones summed over agents and teams, row for row', async () => {
  const counters = 'offered, answered, answered_in_sl, abandoned, short_abandoned, blocked, wait_answered_seconds, handled, talk_seconds, hold_seconds, acw_seconds, fcr_subjects, fcr_not_repeated, fcr_cross_channel, fcr_unknown';
  const key = 'interval_start, site_id, queue_id, reason, channel';
  const summed = `SELECT ${key}, ${counters.split(', ').map((c) => `sum(${c})::float8 AS ${c}`).join(', ')} FROM rollup_contacts_15m GROUP BY ${key}`;
  const stored = `SELECT ${key}, ${counters.split(', ').map((c) => `${c}::float8`).join(', ')} FROM rollup_contacts_site_15m`;
  const [n] = await db.store.query<{ n: number }>('SELECT count(*)::int AS n FROM rollup_contacts_site_15m');
  expect(n.n).toBeGreaterThan(100);
  // Both directions of the difference are empty (float sums compared after rounding to 1e-6 s).
  const round = (q: string) => `SELECT ${key}, ${counters.split(', ').map((c) => `round(${c}::numeric, 6)`).join(', ')} FROM (${q}) x`;
  expect(await db.store.query(`(${round(summed)}) EXCEPT (${round(stored)})`)).toEqual([]);
  expect(await db.store.query(`(${round(stored)}) EXCEPT (${round(summed)})`)).toEqual([]);
});

const GROUPINGS: (GroupBy | undefined)[] = [undefined, 'agent', 'team', 'site', 'queue', 'reason', 'channel', 'day', 'hour', 'interval'];

it.each(GROUPINGS)('enterprise, whole history, by %s: rollup path = raw path', async (by) => {
  const from = Math.floor(startAt / DAY) * DAY;
  const [r, raw] = await both({ kind: 'enterprise' }, from, from + 3 * DAY, by);
  expect(r.length).toBeGreaterThan(0);
  expectSameKpiRows(r, raw);
});

it.each([
  [{ kind: 'site', id: 'lon' } as Scope, 'day' as GroupBy],
  [{ kind: 'site', id: 'mnl' } as Scope, 'agent' as GroupBy],
  [{ kind: 'queue', id: 'chi-billing' } as Scope, 'interval' as GroupBy],
])('%j by %s over one aligned day: rollup path = raw path', async (scope, by) => {
  const from = Math.floor(startAt / DAY) * DAY + DAY;
  const [r, raw] = await both(scope, from, from + DAY, by);
  expectSameKpiRows(r, raw);
});

it('a team by agent, an agent by reason, with asOf mid-interval (rollup + raw tail) = raw', async () => {
  const org = (await db.store.loadOrg());
  const team = org.teams[0].id;
  const agent = org.agents.find((a) => a.teamId === team)?.id as string;
  const from = Math.floor(startAt / DAY) * DAY;
  const asOf = endAt - 7 * 60_000;
  for (const [scope, by] of [[{ kind: 'team', id: team }, 'agent'], [{ kind: 'agent', id: agent }, 'reason']] as [Scope, GroupBy][]) {
    const [r, raw] = await both(scope, from, from + 3 * DAY, by, asOf);
    expectSameKpiRows(r, raw);
  }
});

describe('FCR from the rollup (repeats stored at ingest) = raw', () => {
  const W = 7 * DAY;
  it.each(GROUPINGS)('every subject eligible (asOf a week after the data), by %s', async (by) => {
    const from = Math.floor(startAt / DAY) * DAY;
    const asOf = endAt + W + DAY;
    const [r, raw] = await both({ kind: 'enterprise' }, from, from + 3 * DAY, by, asOf);
    expectSameKpiRows(r, raw);
  });

  // (Cross-channel repeats: rollup-fcr-late-repeat-and-dst.spec.ts; this world's repeats share a channel.)
  it('the world has repeats, so the comparison is not vacuous', async () => {
    const from = Math.floor(startAt / DAY) * DAY;
    const [[all]] = await both({ kind: 'enterprise' }, from, from + 3 * DAY, undefined, endAt + W + DAY);
    const k = all.kpis as Record<string, number | null>;
    expect(k['fcrEligible']).toBeGreaterThan(100);
    expect(k['fcrPct']).toBeLessThan(100);
  });

  it.each(['day', 'agent', 'channel', undefined] as (GroupBy | undefined)[])(
    'asOf − W falls mid-interval inside the data (eligible | split interval raw | pending), by %s',
    async (by) => {
      const from = Math.floor(startAt / DAY) * DAY;
      const asOf = startAt + 30 * HOUR + 7 * 60_000 + 123 + W; // split interval lies in the data's second day
      const [r, raw] = await both({ kind: 'enterprise' }, from, from + 3 * DAY, by, asOf);
      const all = raw.reduce((n, row) => n + Number((row.kpis as Record<string, number | null>)['fcrPending'] ?? 0), 0);
      expect(all).toBeGreaterThan(0);
      expectSameKpiRows(r, raw);
    },
  );

  it('a site by agent and a queue by day across the pending boundary', async () => {
    const from = Math.floor(startAt / DAY) * DAY;
    const asOf = startAt + 20 * HOUR + W; // aligned to the hour: the split interval starts exactly at asOf − W
    for (const [scope, by] of [[{ kind: 'site', id: 'mnl' }, 'agent'], [{ kind: 'queue', id: 'chi-billing' }, 'day']] as [Scope, GroupBy][]) {
      const [r, raw] = await both(scope, from, from + 3 * DAY, by, asOf);
      expectSameKpiRows(r, raw);
    }
  });
});

describe('staffing: actual agents from the agent-time rollups = swept from raw state events', () => {
  const staffingOf = async (useRollups: boolean, siteId: string, from: number, to: number, asOf?: number) => {
    const service = new StaffingService(db.store, new TargetsService(db.dataSource));
    service.useRollups = useRollups;
    return service.staffing(siteId, from, to, await new OrgService(db.dataSource).get(), asOf);
  };

  it.each([
    ['the whole history, asOf = the latest event (live last interval)', 'lon', () => [startAt, endAt + HOUR, undefined]],
    ['a day in the middle, asOf mid-interval inside it', 'mnl', () => [startAt + 12 * HOUR, startAt + 36 * HOUR, startAt + 30 * HOUR + 7 * 60_000]],
    ['a window wholly before asOf', 'chi', () => [startAt, startAt + 20 * HOUR, endAt]],
  ] as [string, string, () => [number, number, number | undefined]][])('%s (site %s)', async (_name, site, window) => {
    const [from, to, asOf] = window();
    const viaRollup = await staffingOf(true, site, from, to, asOf);
    const raw = await staffingOf(false, site, from, to, asOf);
    expect(viaRollup.rows.length).toBeGreaterThan(8);
    expect(raw.rows.some((r) => r.actualAgents > 0)).toBe(true);
    expect(viaRollup.rows.map((r) => r.intervalStart)).toEqual(raw.rows.map((r) => r.intervalStart));
    viaRollup.rows.forEach((r, i) => {
      expect([r.intervalStart, r.actualAgents]).toEqual([raw.rows[i].intervalStart, expect.closeTo(raw.rows[i].actualAgents, 9)]);
      expect(r.scheduledAgents).toBe(raw.rows[i].scheduledAgents);
    });
  });
});
