import type { GroupBy, KpiRow, Scope } from '@floorwatch/contracts';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { ingestText, services } from '../ingest/ingest-test-kit';
import type { KpiQueryService } from '../kpi/kpi-query.service';
import { AGENT_TIME_THROUGH_KEY } from './rollup.service';
import { expectSameKpiRows } from './rollup-test-kit';

/*
 * Local day bucketing of the survey local day rows (rollup_surveys_local_day), hand-computed.
 * Three responses at the same instant, 2026-12-05T03:00Z, csat on 1..5 (score 100 × (v − 1) / 4):
 *   rL rates London's agent al (contact KL): London in December is UTC+0 → 03:00 Sat 5 Dec;  csat 5 → 100
 *   rC rates Chicago's agent ac (contact KC): Chicago in December is UTC−6 → 03:00 − 6 h = 21:00
 *      Fri 4 Dec;                                                                            csat 2 → 25
 *   rU rates nothing (no contact): unattributed, UTC's clock → Sat 5 Dec;                  csat 4 → 75
 * So the rows are (12-04, chi, tc, ac) n 1 sum 25; (12-05, lon, tl, al) n 1 sum 100; (12-05, '', '', '') n 1 sum 75,
 * and the enterprise read of days 4..5 Dec on the sites' clocks is 12-04: 1 response, csat mean 25;
 * 12-05: 2 responses, csat mean (100 + 75) / 2 = 87.5. A UTC day table would have put all three
 * on 12-05.
 * There are no ACD feeds beyond the two contacts, and no agent-time watermark: a surveys-only
 * deployment, whose reads are the raw path for contacts and the local day rows for surveys.
 */
const ORG = JSON.stringify({
  sites: [{ id: 'lon', name: 'London', timezone: 'Europe/London' }, { id: 'chi', name: 'Chicago', timezone: 'America/Chicago' }],
  teams: [{ id: 'tl', name: 'L', siteId: 'lon', leaderUserId: null }, { id: 'tc', name: 'C', siteId: 'chi', leaderUserId: null }],
  agents: [{ id: 'al', name: 'Al', teamId: 'tl', aliases: [] }, { id: 'ac', name: 'Ac', teamId: 'tc', aliases: [] }],
  queues: [
    { id: 'ql', name: 'L', channel: 'voice', siteId: 'lon', aliases: [], slSeconds: 20 },
    { id: 'qc', name: 'C', channel: 'voice', siteId: 'chi', aliases: [], slSeconds: 20 },
  ],
});
const contact = (id: string, agent: string, queue: string): string =>
  JSON.stringify({ contactId: id, segmentId: `${id}-1`, channel: 'voice', queueId: queue, reason: 'sales', agentId: agent, customerKey: id, enqueuedAt: '2026-12-05T02:50:00Z', answeredAt: '2026-12-05T02:50:00Z', endedAt: '2026-12-05T02:55:00Z', waitSeconds: 0, talkSeconds: 240, holdSeconds: 0, acwSeconds: 60, outcome: 'handled', transferredTo: null });
const SURVEYS =
  'customer_id,responded_at,main_channel,channel_chain,q1,q2,q3,q4,q5,csat,nps,scale_min,scale_max,contact_id\n' +
  ['KL,2026-12-05T03:00:00Z,phone,phone,5,5,5,,,5,,1,5,KL', 'KC,2026-12-05T03:00:00Z,phone,phone,2,2,2,,,2,,1,5,KC', 'KU,2026-12-05T03:00:00Z,phone,phone,4,4,4,,,4,,1,5,'].join('\n') +
  '\n';
const DEC4 = Date.parse('2026-12-04T00:00:00Z');
const DAY = 86_400_000;

let db: TestDatabase;
let kpis: KpiQueryService;

beforeAll(async () => {
  db = await withTestDatabase();
  const svc = services(db);
  kpis = svc.kpis;
  await ingestText(svc.ingest, 'org', ORG);
  await ingestText(svc.ingest, 'contacts-ndjson', [contact('KL', 'al', 'ql'), contact('KC', 'ac', 'qc')].join('\n') + '\n', { hotline: false });
  await ingestText(svc.ingest, 'survey', SURVEYS, { hotline: false });
  await db.store.query('DELETE FROM settings WHERE key = $1', [AGENT_TIME_THROUGH_KEY]);
});

afterAll(() => db?.close());

/** Rows from the local day rows (checked), and the same from raw responses (must agree). */
async function read(scope: Scope, by?: GroupBy): Promise<KpiRow[]> {
  const q = { scope, by, from: DEC4, to: DEC4 + 2 * DAY, asOf: DEC4 + 2 * DAY };
  kpis.useRollups = true;
  const rolled = await kpis.query(q);
  expect([kpis.lastPath, kpis.lastSurveySource]).toEqual(['raw', 'local']);
  kpis.useRollups = false;
  const raw = await kpis.query(q);
  kpis.useRollups = true;
  expectSameKpiRows(rolled.rows, raw.rows);
  return rolled.rows;
}

const surveys = (rows: KpiRow[]): [string, number | null, number | null][] =>
  rows.filter((r) => (r.kpis.surveyResponses ?? 0) > 0).map((r) => [r.key, r.kpis.surveyResponses ?? null, r.kpis.csatMean ?? null]);

it('stores each response on its local day: Chicago on Fri 4 Dec, London and the unattributed on Sat 5 Dec', async () => {
  const rows = await db.store.query<{ day: string; site_id: string; agent_id: string; survey_n: number; csat_sum: number }>(
    `SELECT day::text AS day, site_id, agent_id, survey_n, csat_sum FROM rollup_surveys_local_day ORDER BY day, site_id`,
  );
  expect(rows.map((r) => [r.day, r.site_id, r.agent_id, Number(r.survey_n), Number(r.csat_sum)])).toEqual([
    ['2026-12-04', 'chi', 'ac', 1, 25],
    ['2026-12-05', '', '', 1, 75],
    ['2026-12-05', 'lon', 'al', 1, 100],
  ]);
  // The site totals (one agent per site here): the same three on local days; on UTC days all on 12-05.
  const sites = await db.store.query<{ clock: string; day: string; site_id: string; survey_n: number }>(`SELECT clock, day::text AS day, site_id, survey_n FROM rollup_surveys_site_day ORDER BY clock, day, site_id`);
  expect(sites.map((r) => [r.clock, r.day, r.site_id, Number(r.survey_n)])).toEqual([
    ['local', '2026-12-04', 'chi', 1], ['local', '2026-12-05', '', 1], ['local', '2026-12-05', 'lon', 1],
    ['utc', '2026-12-05', '', 1], ['utc', '2026-12-05', 'chi', 1], ['utc', '2026-12-05', 'lon', 1],
  ]);
});

it('enterprise by day on the sites clocks: 12-04 one response (25), 12-05 two (100 + 75) / 2 = 87.5', async () => {
  expect(surveys(await read({ kind: 'enterprise' }, 'day'))).toEqual([
    ['2026-12-04', 1, 25],
    ['2026-12-05', 2, 87.5],
  ]);
});

it('by site, by agent and ungrouped from the same rows; Chicago alone by day is its Friday', async () => {
  expect(surveys(await read({ kind: 'enterprise' }, 'site'))).toEqual([['(none)', 1, 75], ['chi', 1, 25], ['lon', 1, 100]]);
  expect(surveys(await read({ kind: 'enterprise' }, 'agent'))).toEqual([['(none)', 1, 75], ['ac', 1, 25], ['al', 1, 100]]);
  // (100 + 25 + 75) / 3 = 66.67
  expect(surveys(await read({ kind: 'enterprise' }))).toEqual([['all', 3, 200 / 3]]);
  expect(surveys(await read({ kind: 'site', id: 'chi' }, 'day'))).toEqual([['2026-12-04', 1, 25]]);
  expect(surveys(await read({ kind: 'team', id: 'tl' }, 'agent'))).toEqual([['al', 1, 100]]);
});
