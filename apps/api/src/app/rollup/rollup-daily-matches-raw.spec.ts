import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GroupBy, KpiRow, Scope } from '@floorwatch/contracts';
import { generateWorld } from '@floorwatch/simulator';
import { TZDate } from '@date-fns/tz';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { services } from '../ingest/ingest-test-kit';
import type { KpiQueryService } from '../kpi/kpi-query.service';
import type { KpiQueryParams } from '../kpi/kpi-query.schema';
import { expectSameKpiRows, ingestSimulatedWorld } from './rollup-test-kit';

/*
 * The daily path (whole days from rollup_*_day, 15-minute rows for the partial days at the
 * edges, raw for the tail) must give the raw answer for every grouping the day rows support.
 * Ten days across the 2024-03-31 Europe/London spring-forward day (a 23-hour London day), ingested
 * in small batches so the day rows are kept by the per-batch refresh (days completing, late
 * schedule touching completed days, repeat counters becoming FCR-final a week later).
 */
const END = Date.parse('2024-04-04T15:00:00Z');

let db: TestDatabase;
let kpis: KpiQueryService;
let dir: string;

beforeAll(async () => {
  db = await withTestDatabase();
  const svc = services(db);
  kpis = svc.kpis;
  const world = generateWorld({ seed: 11, days: 10, endAt: END, agents: 30 });
  dir = mkdtempSync(join(tmpdir(), 'fw-daily-'));
  await ingestSimulatedWorld(svc.ingest, world, dir, 2000);
}, 1_500_000);

afterAll(async () => {
  await db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A KPI query as the service takes it. */
type Q = KpiQueryParams;

/** Rollup path (asserting it read day rows) and raw path for the same query. */
async function both(q: Q, dayRows = true): Promise<[KpiRow[], KpiRow[]]> {
  kpis.useRollups = true;
  const viaDaily = await kpis.query(q);
  expect([kpis.lastPath, kpis.lastDailyRanges > 0]).toEqual(['rollup', dayRows]);
  kpis.useRollups = false;
  const raw = await kpis.query(q);
  kpis.useRollups = true;
  return [viaDaily.rows, raw.rows];
}


const UTC_FROM = Date.parse('2024-03-25T00:00:00Z');
const UTC_TO = Date.parse('2024-04-05T00:00:00Z');
// Partial days at both ends: 09:45 UTC on the first day to 13:30 UTC on the last (live tail after 15:00).
const PART_FROM = Date.parse('2024-03-26T09:45:00Z');
const PART_TO = Date.parse('2024-04-04T16:30:00Z');
const DAILY_BY: (GroupBy | undefined)[] = [undefined, 'site', 'queue', 'reason', 'channel', 'day'];

describe('enterprise (whole UTC-midnight windows: by day, each site\'s own local days)', () => {
  it.each(DAILY_BY)('whole UTC days, by %s: daily path = raw path', async (by) => {
    const [d, raw] = await both({ scope: { kind: 'enterprise' }, from: UTC_FROM, to: UTC_TO, by });
    kpis.useRollups = true;
    await kpis.query({ scope: { kind: 'enterprise' }, from: UTC_FROM, to: UTC_TO, by });
    expect(kpis.lastDailyAgentRanges).toBeGreaterThan(0);
    expect(d.length).toBeGreaterThan(0);
    expectSameKpiRows(d, raw);
  });

  it.each(DAILY_BY)('partial first and last day, by %s: daily path = raw path', async (by) => {
    const [d, raw] = await both({ scope: { kind: 'enterprise' }, from: PART_FROM, to: PART_TO, by });
    expectSameKpiRows(d, raw);
  });

  it('by day in tz Europe/London (London site from its day rows, the others from 15-minute rows) = raw', async () => {
    const [d, raw] = await both({ scope: { kind: 'enterprise' }, from: UTC_FROM, to: UTC_TO, by: 'day', tz: 'Europe/London' });
    expect(d.map((r) => r.key)).toContain('2024-03-31');
    expectSameKpiRows(d, raw);
  });
});

describe('enterprise by day: each site\'s own local day, one time frame along the drill path', () => {
  const DAYS_FROM = '2024-03-25';
  const DAYS_TO = '2024-04-05'; // exclusive: the days asked for are 25 Mar … 4 Apr
  const SHARED = ['offered', 'handled', 'answered', 'abandoned', 'serviceLevelPct', 'ahtSeconds', 'adherencePct', 'occupancyPct'] as const;
  const local = (day: string, zone: string): number => {
    const [y, m, d] = day.split('-').map(Number);
    return new TZDate(y, m - 1, d, zone).getTime();
  };
  const pick = (r: KpiRow | undefined) => SHARED.map((n) => (r?.kpis as Record<string, number | null> | undefined)?.[n] ?? null);

  it('every enterprise row D is the sum of London\'s, Chicago\'s and Manila\'s own day rows D (each over its local 25 Mar – 4 Apr); daily path = raw', async () => {
    const [ent, entRaw] = await both({ scope: { kind: 'enterprise' }, from: Date.parse(`${DAYS_FROM}T00:00:00Z`), to: Date.parse(`${DAYS_TO}T00:00:00Z`), by: 'day' });
    expectSameKpiRows(ent, entRaw);
    // Only the days asked for: no clipped edge day of a site west or east of UTC.
    expect(ent.every((r) => r.key >= DAYS_FROM && r.key < DAYS_TO)).toBe(true);
    expect(ent.map((r) => r.key)).toContain('2024-03-31');
    const org = await db.store.loadOrg();
    const sum = new Map<string, { offered: number; handled: number }>();
    for (const site of org.sites) {
      const [rows, raw] = await both({ scope: { kind: 'site', id: site.id }, from: local(DAYS_FROM, site.timezone), to: local(DAYS_TO, site.timezone), by: 'day' });
      expectSameKpiRows(rows, raw);
      for (const r of rows) {
        const t = sum.get(r.key) ?? { offered: 0, handled: 0 };
        sum.set(r.key, { offered: t.offered + (r.kpis.offered ?? 0), handled: t.handled + (r.kpis.handled ?? 0) });
      }
    }
    expect(new Set(org.sites.map((x) => x.timezone)).size).toBeGreaterThanOrEqual(3);
    expect(ent.map((r) => [r.key, r.kpis.offered, r.kpis.handled])).toEqual([...sum].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, v.offered, v.handled]));
    expect(ent.reduce((n, r) => n + (r.kpis.offered ?? 0), 0)).toBeGreaterThan(1000);
  });

  it('enterprise by site over Chicago\'s local Mon 1 Apr is Chicago\'s own by-day row for 1 Apr (one click down, the same figures)', async () => {
    const from = local('2024-04-01', 'America/Chicago'); // 05:00Z (CDT, UTC−5)
    const to = local('2024-04-02', 'America/Chicago');
    // (Enterprise groupings without a time key read UTC day rows: a Chicago day is none of them.)
    const [bySite, bySiteRaw] = await both({ scope: { kind: 'enterprise' }, from, to, by: 'site' }, false);
    expectSameKpiRows(bySite, bySiteRaw);
    const [chiDays] = await both({ scope: { kind: 'site', id: 'chi' }, from, to, by: 'day' });
    expect(chiDays.map((r) => r.key)).toEqual(['2024-04-01']);
    expect(pick(bySite.find((r) => r.key === 'chi'))).toEqual(pick(chiDays[0]));
    expect(chiDays[0].kpis.handled).toBeGreaterThan(0);
  });
});

describe('FCR split inside the data (eligible days from day rows, pending days, split day from 15-minute rows)', () => {
  // asOf − 7 days = 2024-03-29T10:07:00.123Z: days ending by then are eligible, later ones pending.
  const asOf = Date.parse('2024-04-05T10:07:00.123Z');
  it.each(['day', 'channel', undefined] as (GroupBy | undefined)[])('enterprise by %s', async (by) => {
    const [d, raw] = await both({ scope: { kind: 'enterprise' }, from: UTC_FROM, to: UTC_TO, by, asOf });
    const k = raw.reduce((n, r) => n + Number((r.kpis as Record<string, number | null>)['fcrEligible'] ?? 0), 0);
    expect(k).toBeGreaterThan(0);
    expectSameKpiRows(d, raw);
  });
});

describe('site and queue scopes (site-local days)', () => {
  it('London by day across the spring-forward day (23 hours) = raw', async () => {
    const [d, raw] = await both({ scope: { kind: 'site', id: 'lon' }, from: UTC_FROM, to: UTC_TO, by: 'day' });
    expect(d.map((r) => r.key)).toContain('2024-03-31');
    expectSameKpiRows(d, raw);
  });

  it('the London day row of 2024-03-31 holds 23 hours: the contacts enqueued in [00:00Z, 23:00Z)', async () => {
    // 2024-03-31 00:00 GMT = 00:00Z; 2024-04-01 00:00 BST = 2024-03-31 23:00Z.
    const [day] = await db.store.query<{ offered: number }>(
      `SELECT sum(offered)::int AS offered FROM rollup_contacts_day WHERE day_zone = 'Europe/London' AND site_id = 'lon' AND day = '2024-03-31'`,
    );
    const [raw] = await db.store.query<{ offered: number }>(
      `SELECT count(*)::int AS offered FROM contacts WHERE site_id = 'lon' AND outcome <> 'blocked'
         AND enqueued_at >= '2024-03-31T00:00:00Z' AND enqueued_at < '2024-03-31T23:00:00Z'`,
    );
    expect(raw.offered).toBeGreaterThan(0);
    expect(day.offered).toBe(raw.offered);
  });

  it.each([
    [{ kind: 'site', id: 'chi' } as Scope, 'reason' as GroupBy],
    [{ kind: 'site', id: 'mnl' } as Scope, 'queue' as GroupBy],
    [{ kind: 'site', id: 'lon' } as Scope, undefined],
    [{ kind: 'queue', id: 'chi-billing' } as Scope, 'channel' as GroupBy],
    [{ kind: 'queue', id: 'lon-billing' } as Scope, 'day' as GroupBy],
  ])('%j by %s, partial edge days: daily path = raw path', async (scope, by) => {
    const q: Q = { scope, from: PART_FROM, to: PART_TO, by, ...(scope.kind === 'queue' && by === 'day' ? { tz: 'UTC' } : {}) };
    const [d, raw] = await both(q);
    expectSameKpiRows(d, raw);
  });
});

describe('effort rates and self-service share from the rollup counters (selfservice.md §3-4)', () => {
  const EFFORT = ['transferRatePct', 'agentDisconnectPct', 'shortHandledPct', 'selfServiceSharePct', 'inboundHandled'] as const;
  const values = (rows: KpiRow[], key: string): (number | null)[] => {
    const k = rows.find((r) => r.key === key)?.kpis as Record<string, number | null>;
    return EFFORT.map((n) => k[n]);
  };

  it.each([undefined, 'site', 'channel', 'day'] as (GroupBy | undefined)[])('whole days by %s: the rates are there (the world has transfers, Connect hang-ups, sessions) and daily = raw', async (by) => {
    const [d, raw] = await both({ scope: { kind: 'enterprise' }, from: UTC_FROM, to: UTC_TO, by });
    // Transfers (Manila, Chicago), DisconnectReason (Manila) and self-service sessions are in the world: no rate is null, so equality says something.
    const key = by === undefined ? 'all' : by === 'site' ? 'mnl' : by === 'channel' ? 'voice' : '2024-04-01';
    // (By channel the share of `voice` is 0: sessions are keyed `ivr`, selfservice.md §3.)
    expect(values(raw, key).every((v) => v !== null)).toBe(true);
    expectSameKpiRows(d, raw);
  });

  it('a 40-day window (over the 31 days raw contacts were once read for) has the rates on both paths, equal', async () => {
    const from = UTC_TO - 40 * 86_400_000;
    const [d, raw] = await both({ scope: { kind: 'enterprise' }, from, to: UTC_TO });
    // Values, not the null a window over 31 days used to get (shortHandledPct may be a true 0: no talk under 20 s).
    expect(values(d, 'all').every((v) => v !== null)).toBe(true);
    expect(values(d, 'all')[0]).toBeGreaterThan(0); // transferRatePct
    expectSameKpiRows(d, raw);
  });

  it('site scope: the transfer rate is the stored counters\' ratio, 100 × transferred / handled (Manila, whole days)', async () => {
    const [d] = await both({ scope: { kind: 'site', id: 'mnl' }, from: UTC_FROM, to: UTC_TO });
    const [c] = await db.store.query<{ transferred: number; handled: number }>(
      `SELECT count(*) FILTER (WHERE outcome = 'transferred')::int AS transferred, count(*)::int AS handled FROM contacts
        WHERE site_id = 'mnl' AND answered_at IS NOT NULL AND agent_id IS NOT NULL AND ended_at >= $1 AND ended_at < $2`,
      [new Date(UTC_FROM), new Date(UTC_TO)],
    );
    expect(c.transferred).toBeGreaterThan(0);
    expect((d[0].kpis as Record<string, number | null>)['transferRatePct']).toBeCloseTo((100 * c.transferred) / c.handled, 9);
  });
});
