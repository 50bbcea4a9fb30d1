import type { Org } from '@floorwatch/contracts';
import { buildOrg, toContractOrg } from '@floorwatch/simulator';
import { openDatabase, type DatabaseHandle } from '../../../apps/api/src/app/database/open-database';
import { RecordStore } from '../../../apps/api/src/app/database/record-store';
import { IngestEvents } from '../../../apps/api/src/app/ingest/ingest-events';
import { IngestService } from '../../../apps/api/src/app/ingest/ingest.service';
import { OrgService } from '../../../apps/api/src/app/org/org.service';
import { AGENT_TIME_THROUGH_KEY } from '../../../apps/api/src/app/rollup/rollup.service';
import { BENCH_END } from './bench-world';
import { startApi, timeRequests } from './kpi-bench';
import { dropSchema } from './pg-admin';
import { round, type BenchFigure } from './sizes';
import { loadPopulation, SURVEY_POPULATION_KEY } from './survey-population';

const DAY = 86_400_000;
const SEED = 11;

export interface SurveyLoadedRun {
  agents: number;
  days: number;
  requests: number;
  /** Keep the schema (and reuse it next run with the same size) instead of dropping it. */
  keep: boolean;
}

/**
 * performance.md "survey and self-service KPIs by agent / by site, 90 days | full size with
 * surveys": a survey population of `agents` × `days` × RESPONSES_PER_AGENT_DAY responses written
 * straight into survey_responses (survey-population.ts: attributed to the org's agents, teams,
 * queues and sites as customer/attribution would have stored them, rollup_surveys_day and
 * rollup_surveys_local_day built by RollupService.rebuild), then the survey KPI queries the screens make, timed over HTTP (p50/p95).
 * No contacts: the contact KPIs of these rows read empty rollups, so the figures are the survey
 * path's cost. `--keep-loaded` keeps the schema and reuses it on the next run of the same size.
 */
export async function surveyLoadedFigures(url: string, run: SurveyLoadedRun, log: (f: BenchFigure) => void, progress: (line: string) => void): Promise<void> {
  const schema = `fw_bench_surveys_${run.agents}x${run.days}`;
  let handle = await openDatabase({ url, schema, migrationsRun: true, poolSize: 4 });
  try {
    let store = RecordStore.for(handle);
    const org = toContractOrg(buildOrg(SEED, run.agents));
    if (await store.getSetting(SURVEY_POPULATION_KEY)) {
      progress(`reusing the survey population in schema ${schema}`);
    } else {
      // A half-loaded schema from an interrupted run: start again from empty.
      await handle.close();
      await dropSchema(url, schema);
      handle = await openDatabase({ url, schema, migrationsRun: true, poolSize: 4 });
      store = RecordStore.for(handle);
      await loadPopulation(store, org, run, schema, log, progress);
    }
    await timeQueries(handle, store, org, run, log);
  } finally {
    await handle.close().catch(() => undefined);
    if (!run.keep) await dropSchema(url, schema);
  }
}

async function timeQueries(handle: DatabaseHandle, store: RecordStore, org: Org, run: SurveyLoadedRun, log: (f: BenchFigure) => void): Promise<void> {
  const [n] = await store.query<{ responses: number }>('SELECT count(*)::int AS responses FROM survey_responses');
  const size = `${run.agents} agents x ${run.days} days, ${n.responses} survey responses (performance.md full size: 5 000 x 90, ~1.6 M)`;
  const to = Math.floor(BENCH_END / DAY) * DAY + DAY;
  // The ACD feeds of a deployment are current through the last day: the agent-time watermark the
  // rollup path needs (rollup-kpi-path.ts). Without it the whole window is read raw — every survey
  // response of 90 days (measured: 6.5 s at 324 000 responses; the 30 s statement timeout at 1.6 M).
  if ((await store.getSetting<number>(AGENT_TIME_THROUGH_KEY)) === null) await store.setSetting(AGENT_TIME_THROUGH_KEY, to);
  // startApi creates the `bench` admin; a reused schema has it from the last run.
  await store.query(`DELETE FROM users WHERE username = 'bench'`);
  const orgs = new OrgService(handle.dataSource);
  const api = await startApi(handle, { store, orgs, ingest: new IngestService(store, orgs, new IngestEvents()) });
  const iso = (t: number): string => new Date(t).toISOString();
  const window = (days: number) => ({ from: iso(to - days * DAY), to: iso(to) });
  // [name, query, performance.md's p95 goal in ms]
  const queries: [string, Record<string, string>, number][] = [
    ['survey KPIs: one team by agent, 30 days', { scope: `team:${org.teams[0].id}`, by: 'agent', ...window(30) }, 50],
    // By agent over 90 days as a team leader or a site manager reads it (the contact KPIs' by-agent goal).
    ['survey KPIs: one team by agent, 90 days', { scope: `team:${org.teams[0].id}`, by: 'agent', ...window(90) }, 50],
    ['survey KPIs: one site by agent, 90 days', { scope: `site:${org.sites[0].id}`, by: 'agent', ...window(90) }, 100],
    ['survey KPIs: enterprise by agent, 90 days', { scope: 'enterprise', by: 'agent', ...window(90) }, 100],
    ['survey KPIs: enterprise by site, 90 days', { scope: 'enterprise', by: 'site', ...window(90) }, 100],
    // By day on the sites' own clocks (London, Manila, Chicago): the local day rows.
    ['survey KPIs: enterprise by day, 90 days', { scope: 'enterprise', by: 'day', ...window(90) }, 100],
  ];
  // A surveys-only deployment (or before the first ACD batch): no agent-time watermark, the
  // contacts read raw (none here), the surveys from their own rows all the same.
  const noWatermark: [string, Record<string, string>, number][] = [
    ['survey KPIs, no ACD watermark: enterprise by agent, 90 days', { scope: 'enterprise', by: 'agent', ...window(90) }, 100],
    ['survey KPIs, no ACD watermark: enterprise by site, 90 days', { scope: 'enterprise', by: 'site', ...window(90) }, 100],
  ];
  try {
    for (const [i, [name, q, goal]] of [...queries, ...noWatermark].entries()) {
      if (i === queries.length) await store.query('DELETE FROM settings WHERE key = $1', [AGENT_TIME_THROUGH_KEY]);
      const label = `${name} (HTTP, PostgreSQL, survey population)`;
      try {
        const r = await timeRequests(api, q, run.requests, 'kpis', surveyFigures);
        log({
          name: label, size, value: r.p95, unit: 'ms p95',
          details: { p50Ms: r.p50, p95Ms: r.p95, goalP95Ms: goal, withinGoal: r.p95 < goal, requests: run.requests, rows: r.rows, ...r.sample, query: new URLSearchParams(q).toString() },
        });
      } catch (e) {
        // A query the API stops (statement timeout → 503) is a result too: say so and go on.
        log({ name: label, size, value: null, unit: 'ms p95', skipped: `failed: ${e instanceof Error ? e.message.split('\n')[0].slice(0, 300) : String(e)}` });
      }
    }
  } finally {
    await api.app.close();
    await store.setSetting(AGENT_TIME_THROUGH_KEY, to);
  }
}

/** What the first answer held (shows the figures are real survey KPIs, not empty rows). */
function surveyFigures(body: { rows: { key: string; kpis: Record<string, number | null> }[] }): Record<string, number | string | null> {
  const withSurveys = body.rows.filter((r) => (r.kpis['surveyResponses'] ?? 0) > 0);
  const first = withSurveys[0];
  const one = (k: string): number | null => (first?.kpis[k] == null ? null : round(first.kpis[k] as number, 1));
  return { rowsWithSurveys: withSurveys.length, sampleKey: first?.key ?? null, sampleSurveyResponses: one('surveyResponses'), sampleCsatMean: one('csatMean'), sampleNpsScore: one('npsScore') };
}
