import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { INestApplication } from '@nestjs/common';
import { UsersService } from '../../../apps/api/src/app/auth/users.service';
import { HttpApiModule } from '../../../apps/api/src/app/common/http-api.module';
import { TrainingModule } from '../../../apps/api/src/app/training/training.module';
import { createTestApp, loginAs } from '../../../apps/api/src/app/common/testing/test-app';
import { BulkWriter } from '../../../apps/api/src/app/database/bulk-writer';
import type { DatabaseHandle } from '../../../apps/api/src/app/database/open-database';
import type { KpiQueryParams } from '../../../apps/api/src/app/kpi/kpi-query.schema';
import { KpiQueryService } from '../../../apps/api/src/app/kpi/kpi-query.service';
import type { TestDatabase } from '../../../apps/api/src/testing/test-database';
import { BENCH_END, type BenchWorld } from './bench-world';

/** What the KPI benches read of a world: the simulated BenchWorld or the full-size loaded one (full-bench.ts). */
export type KpiBenchWorld = { world: Pick<BenchWorld['world'], 'org' | 'startAt'> & { contacts: { length: number } }; files: { length: number } };
import type { IngestedStore } from './ingest-bench';
import { percentile, round, type BenchFigure } from './sizes';

const DAY = 86_400_000;
const dayStart = (t: number): number => Math.floor(t / DAY) * DAY;
const iso = (t: number): string => new Date(t).toISOString();

export interface HttpKpiBench {
  app: INestApplication;
  base: string;
  token: string;
}

/** The API (HttpApiModule) on this database, listening on a free port, with a bench admin. */
export async function startApi(handle: DatabaseHandle, s: IngestedStore): Promise<HttpKpiBench> {
  const db: TestDatabase = {
    handle, dataSource: handle.dataSource, mode: handle.mode, store: s.store, writer: new BulkWriter(handle.dataSource, handle.mode),
    truncate: () => Promise.reject(new Error('not in a bench')), close: () => handle.close(),
  };
  // TrainingModule: the activity-effect line (action.md) is timed beside the KPI queries.
  const app = await createTestApp(db, [HttpApiModule, TrainingModule]);
  await app.get(UsersService).createUser({ username: 'bench', password: 'floorwatch', roles: ['admin'], agentId: null, teamIds: [], siteIds: [] });
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  return { app, base: `http://127.0.0.1:${port}`, token: await loginAs(app, 'bench') };
}

export async function timeRequests(api: HttpKpiBench, query: Record<string, string>, n: number, path = 'kpis'): Promise<{ p50: number; p95: number; rows: number }> {
  const url = `${api.base}/api/v1/${path}?${new URLSearchParams(query).toString()}`;
  const get = async () => {
    const res = await fetch(url, { headers: { Authorization: `Bearer ${api.token}` } });
    if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { rows: unknown[] };
  };
  const first = await get(); // warm-up: org cache, plan cache
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await get();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: round(percentile(ms, 50), 1), p95: round(percentile(ms, 95), 1), rows: first.rows.length };
}

/** KPI latency over HTTP for the performance.md queries (windows anchored on the world's last day). */
export async function benchKpiHttp(api: HttpKpiBench, w: KpiBenchWorld, requests: number, label: string): Promise<BenchFigure[]> {
  const to = dayStart(BENCH_END) + DAY;
  const org = w.world.org;
  const team = org.teams[0].id;
  const agent = org.agents.find((a) => a.teamId === team)?.id ?? org.agents[0].id;
  const site = org.sites[0].id;
  const data = `${org.agents.length} agents, ${w.world.contacts.length} contacts over ${w.files.length ? 'the simulated' : ''} ${(BENCH_END - w.world.startAt) / DAY | 0}+ days (scaled down from 5 000 agents/90 days/20 M contacts)`;
  const queries: [string, Record<string, string>][] = [
    ['KPI query: one team by agent, 30 days', { scope: `team:${team}`, by: 'agent', from: iso(to - 30 * DAY), to: iso(to) }],
    ['KPI query: enterprise by day, 90 days', { scope: 'enterprise', by: 'day', from: iso(to - 90 * DAY), to: iso(to) }],
    ['KPI query: enterprise by site, 90 days', { scope: 'enterprise', by: 'site', from: iso(to - 90 * DAY), to: iso(to) }],
    ['KPI query: site by day, 90 days', { scope: `site:${site}`, by: 'day', from: iso(to - 90 * DAY), to: iso(to) }],
    // customer.md / performance.md: survey KPIs by agent over 90 days (every KPI of the row is
    // computed; the survey part comes from rollup_surveys_day's attributed day rows).
    ['KPI query: survey KPIs, enterprise by agent, 90 days', { scope: 'enterprise', by: 'agent', from: iso(to - 90 * DAY), to: iso(to) }],
    ['KPI query: survey KPIs, one team by agent, 90 days', { scope: `team:${team}`, by: 'agent', from: iso(to - 90 * DAY), to: iso(to) }],
    ['KPI drill-down: agent by interval, 1 day', { scope: `agent:${agent}`, by: 'interval', from: iso(to - DAY), to: iso(to) }],
    ['KPI drill-down: team by reason, 7 days', { scope: `team:${team}`, by: 'reason', from: iso(to - 7 * DAY), to: iso(to) }],
  ];
  const out: BenchFigure[] = [];
  for (const [name, q] of queries) {
    const r = await timeRequests(api, q, requests);
    out.push({ name: `${name} (HTTP, ${label})`, size: data, value: r.p95, unit: 'ms p95', details: { p50Ms: r.p50, p95Ms: r.p95, requests, rows: r.rows, query: new URLSearchParams(q).toString() } });
  }
  // Training/coaching effectiveness (action.md, issue 25): before/after, control group and DiD of
  // every course and coaching of the window; the world's planted follow-ups are in it when the
  // history is long enough (course 16 days before the last day, needs 30 days of history).
  const effect = { scope: 'enterprise', by: 'name', from: iso(to - 60 * DAY), to: iso(to) };
  const e = await timeRequests(api, effect, Math.max(3, Math.ceil(requests / 10)), 'activity-effect');
  out.push({ name: `Activity effect: enterprise, 60 days (HTTP, ${label})`, size: data, value: e.p95, unit: 'ms p95', details: { p50Ms: e.p50, p95Ms: e.p95, requests: Math.max(3, Math.ceil(requests / 10)), rows: e.rows, query: new URLSearchParams(effect).toString() } });
  return out;
}

// kpis.md / selfservice.md §1: only queued inbound (and api) contacts are offered; answered = answeredAt set.
const NAIVE_SQL = `SELECT site_id, to_char(enqueued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
    count(*) FILTER (WHERE outcome <> 'blocked')::int AS offered,
    count(*) FILTER (WHERE outcome <> 'blocked' AND answered_at IS NOT NULL)::int AS answered,
    count(*) FILTER (WHERE outcome = 'abandoned' AND answered_at IS NULL)::int AS abandoned
  FROM contacts WHERE enqueued_at >= $1 AND enqueued_at < $2 AND queued AND direction IN ('inbound', 'api')
  GROUP BY 1, 2 ORDER BY 1, 2`;
const ROLLUP_SQL = `SELECT site_id, to_char(interval_start AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
    sum(offered)::int AS offered, sum(answered)::int AS answered, sum(abandoned)::int AS abandoned
  FROM rollup_contacts_15m WHERE interval_start >= $1 AND interval_start < $2 GROUP BY 1, 2 ORDER BY 1, 2`;

async function median(n: number, work: () => Promise<unknown>): Promise<number> {
  await work();
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await work();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return percentile(ms, 50);
}

/**
 * Offered/answered/abandoned per site and UTC day: a naive aggregate over raw contacts against
 * the same from the 15-minute rollup; then the whole KPI set through the service's raw path
 * against its rollup path for a team by agent (15-minute rows) and the enterprise by day and by
 * site over 90 days (daily rows, 15-minute edges, raw tail). Every pair must be identical.
 */
/**
 * `enterpriseDays`: window of the enterprise raw-vs-rollup comparisons. The raw path holds every
 * contact and state event of the window in memory, so on a loaded (full-size) world it is run
 * over a week, not 90 days (1 000 agents × 90 days is 2.7 M contacts and 8.2 M state events).
 */
export async function benchNaiveVsRollup(s: IngestedStore, w: KpiBenchWorld, repeats: number, label: string, enterpriseDays = 90): Promise<BenchFigure[]> {
  const to = dayStart(BENCH_END) + DAY;
  const from = to - 90 * DAY;
  const params = [new Date(from), new Date(to)];
  const naive = await s.store.query<Record<string, unknown>>(NAIVE_SQL, params);
  const rolled = await s.store.query<Record<string, unknown>>(ROLLUP_SQL, params);
  const sqlEqual = JSON.stringify(naive) === JSON.stringify(rolled);
  const naiveMs = await median(repeats, () => s.store.query(NAIVE_SQL, params));
  const rollupMs = await median(repeats, () => s.store.query(ROLLUP_SQL, params));

  const kpis = new KpiQueryService(s.store, s.orgs);
  const team = w.world.org.teams[0].id;
  const size = `${w.world.contacts.length} contacts, ${w.world.org.agents.length} agents (${label})`;
  const service = async (name: string, q: KpiQueryParams): Promise<BenchFigure> => {
    kpis.useRollups = false;
    const rawRows = (await kpis.query(q)).rows;
    // The raw path of a 90-day enterprise query reads every record: 3 timed runs are enough.
    const rawMs = await median(Math.min(3, repeats), () => kpis.query(q));
    kpis.useRollups = true;
    const rollRows = (await kpis.query(q)).rows;
    const usedRollups = kpis.lastPath === 'rollup';
    const dailyRanges = kpis.lastDailyRanges;
    const surveyDays = kpis.lastSurveyDays;
    const rollupMs = await median(repeats, () => kpis.query(q));
    return {
      name: `${name}: service raw path vs rollup path (${label})`, size, value: round(rawMs / rollupMs, 2), unit: 'x (raw ms / rollup ms)',
      details: { rawMs: round(rawMs, 2), rollupMs: round(rollupMs, 2), identical: sameRows(rawRows, rollRows), firstDifference: firstDifference(rawRows, rollRows), usedRollups, dailyRanges, surveyDays, rows: rollRows.length },
    };
  };
  return [
    {
      name: `offered/answered/abandoned by site by day, 90-day window: naive SQL over raw contacts vs rollup (${label})`,
      size, value: round(naiveMs / rollupMs, 2), unit: 'x (naive ms / rollup ms)',
      details: { naiveMs: round(naiveMs, 2), rollupMs: round(rollupMs, 2), identical: sqlEqual, groups: naive.length },
    },
    await service('every KPI, one team by agent, 30 days', { scope: { kind: 'team', id: team }, by: 'agent', from: to - 30 * DAY, to }),
    // performance.md "enterprise by site by day": by (UTC) day and by site, each through the daily rollups.
    await service(`every KPI, enterprise by day (UTC), ${enterpriseDays} days`, { scope: { kind: 'enterprise' }, by: 'day', from: to - enterpriseDays * DAY, to }),
    await service(`every KPI, enterprise by site, ${enterpriseDays} days`, { scope: { kind: 'enterprise' }, by: 'site', from: to - enterpriseDays * DAY, to }),
    await service(`every KPI (survey KPIs by agent), enterprise by agent, ${enterpriseDays} days`, { scope: { kind: 'enterprise' }, by: 'agent', from: to - enterpriseDays * DAY, to }),
  ];
}

function sameRows(a: { key: string; kpis: Record<string, number | null> }[], b: { key: string; kpis: Record<string, number | null> }[]): boolean {
  return firstDifference(a, b) === null;
}

/** Where two KPI row sets first differ (`key kpi: a vs b`), or null: a failing comparison says what differs. */
function firstDifference(a: { key: string; kpis: Record<string, number | null> }[], b: { key: string; kpis: Record<string, number | null> }[]): string | null {
  if (a.length !== b.length) return `${a.length} rows vs ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    if (a[i].key !== b[i].key) return `row ${i}: key ${a[i].key} vs ${b[i].key}`;
    for (const [k, v] of Object.entries(a[i].kpis)) {
      const u = b[i].kpis[k];
      const same = v === null || u === null ? v === u : Math.abs(v - u) <= 1e-9 * Math.max(1, Math.abs(v));
      if (!same) return `${a[i].key} ${k}: ${v} vs ${u}`;
    }
  }
  return null;
}
