import type { GroupBy, KpiRow } from '@floorwatch/contracts';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { ingestText, services } from '../ingest/ingest-test-kit';
import type { KpiQueryService } from '../kpi/kpi-query.service';
import { AGENT_TIME_THROUGH_KEY } from './rollup.service';
import { expectSameKpiRows } from './rollup-test-kit';

/*
 * Cross-channel consistency from the survey day rows (rollup_surveys_day), hand-computed.
 * Scale 1..7, so an item scores 100 × (v − 1) / 6: 7 → 100, 4 → 50, 1 → 0.
 *   r1 06-10 10:00Z phone  web>phone  7,7,7,7,7  → items 100 ×5, response 100
 *   r2 06-10 23:30Z phone  phone      1,4        → 2 answered: excluded
 *   r3 06-11 00:15Z chat   web>chat   4,4,4      → 50 ×3, response 50
 *   r4 06-11 12:00Z phone  phone      1,1,1,1,1  → 0 ×5, response 0
 *   r5 06-12 06:00Z chat   chat       7,1,4,7,1  → 100,0,50,100,0, response 250/5 = 50
 *   r6 06-10 18:00Z phone  phone      4,7,7      → 50,100,100, response 250/3 = 83.33…
 * r6 arrives in a second file, after 06-10's row was built: the late response re-aggregates its day.
 */
const HEADER = 'customer_id,responded_at,main_channel,channel_chain,q1,q2,q3,q4,q5,scale_min,scale_max\n';
const FIRST = [
  'c1,2024-06-10T10:00:00Z,phone,web>phone,7,7,7,7,7,1,7',
  'c2,2024-06-10T23:30:00Z,phone,phone,1,4,,,,1,7',
  'c3,2024-06-11T00:15:00Z,chat,web>chat,4,4,4,,,1,7',
  'c4,2024-06-11T12:00:00Z,phone,phone,1,1,1,1,1,1,7',
  'c5,2024-06-12T06:00:00Z,chat,chat,7,1,4,7,1,1,7',
];
const LATE = 'c6,2024-06-10T18:00:00Z,phone,phone,4,7,7,,,1,7';
const D10 = Date.parse('2024-06-10T00:00:00Z');
const DAY = 86_400_000;
const enterprise = { kind: 'enterprise' as const };

let db: TestDatabase;
let kpis: KpiQueryService;

beforeAll(async () => {
  db = await withTestDatabase();
  const svc = services(db);
  kpis = svc.kpis;
  // Two responses per batch, so the day rows are refreshed batch by batch.
  await ingestText(svc.ingest, 'survey', HEADER + FIRST.join('\n') + '\n', { batchSize: 2 });
  await ingestText(svc.ingest, 'survey', HEADER + LATE + '\n', { source: 'late.csv' });
  // The rollup path answers up to the agent-time watermark: as a state feed through 06-13 leaves it.
  await db.store.setSetting(AGENT_TIME_THROUGH_KEY, D10 + 3 * DAY);
});

afterAll(() => db?.close());

async function both(from: number, to: number, by?: GroupBy): Promise<[KpiRow[], number]> {
  const q = { scope: enterprise, from, to, by, asOf: D10 + 3 * DAY };
  kpis.useRollups = true;
  const rolled = await kpis.query(q);
  expect(kpis.lastPath).toBe('rollup');
  const days = kpis.lastSurveyDays;
  kpis.useRollups = false;
  const raw = await kpis.query(q);
  kpis.useRollups = true;
  expectSameKpiRows(rolled.rows, raw.rows);
  return [rolled.rows, days];
}

const pick = (rows: KpiRow[], key: string) => rows.find((r) => r.key === key)?.kpis;

it('stores one row per UTC day × main channel × chain, the late response included', async () => {
  const rows = await db.store.query<Record<string, unknown>>(
    `SELECT day::text AS day, main_channel, channel_chain, responses, excluded, score_sum, q1_sum, q1_n, q4_n
     FROM rollup_surveys_day ORDER BY day, main_channel, channel_chain`,
  );
  expect(rows).toEqual([
    { day: '2024-06-10', main_channel: 'phone', channel_chain: 'phone', responses: 1, excluded: 1, score_sum: 250 / 3, q1_sum: 50, q1_n: 1, q4_n: 0 },
    { day: '2024-06-10', main_channel: 'phone', channel_chain: 'web>phone', responses: 1, excluded: 0, score_sum: 100, q1_sum: 100, q1_n: 1, q4_n: 1 },
    { day: '2024-06-11', main_channel: 'chat', channel_chain: 'web>chat', responses: 1, excluded: 0, score_sum: 50, q1_sum: 50, q1_n: 1, q4_n: 0 },
    { day: '2024-06-11', main_channel: 'phone', channel_chain: 'phone', responses: 1, excluded: 0, score_sum: 0, q1_sum: 0, q1_n: 1, q4_n: 1 },
    { day: '2024-06-12', main_channel: 'chat', channel_chain: 'chat', responses: 1, excluded: 0, score_sum: 50, q1_sum: 100, q1_n: 1, q4_n: 1 },
  ]);
});

it('enterprise by day over three whole UTC days reads the day rows and equals raw', async () => {
  const [rows, days] = await both(D10, D10 + 3 * DAY, 'day');
  expect(days).toBe(3);
  // 06-10: (100 + 83.33…) / 2 = 91.67; q1 (100 + 50) / 2 = 75; q4 only r1 = 100; 1 excluded.
  expect(pick(rows, '2024-06-10')).toMatchObject({ consistencyIndex: (100 + 250 / 3) / 2, q1Index: 75, q4Index: 100, consistencyExcluded: 1 });
  // 06-11: (50 + 0) / 2 = 25; q4 only r4 = 0.   06-12: r5 alone = 50; q3 = 50.
  expect(pick(rows, '2024-06-11')).toMatchObject({ consistencyIndex: 25, q4Index: 0, consistencyExcluded: 0 });
  expect(pick(rows, '2024-06-12')).toMatchObject({ consistencyIndex: 50, q3Index: 50 });
});

it('by main channel and by chain, whole days from the rows', async () => {
  const [byMain, days] = await both(D10, D10 + 3 * DAY, 'mainChannel');
  expect(days).toBe(3);
  // phone: r1, r4, r6 = (100 + 0 + 83.33…) / 3 = 61.11; chat: r3, r5 = (50 + 50) / 2 = 50.
  expect(pick(byMain, 'phone')?.consistencyIndex).toBeCloseTo((100 + 0 + 250 / 3) / 3, 9);
  expect(pick(byMain, 'chat')?.consistencyIndex).toBe(50);
  const [byChain] = await both(D10, D10 + 3 * DAY, 'channelChain');
  // phone-only chain: r4, r6 = (0 + 83.33…) / 2; r2 excluded there.
  expect(pick(byChain, 'phone')).toMatchObject({ consistencyIndex: 250 / 6, consistencyExcluded: 1 });
});

it('a window with partial first and last days: the whole middle day from rows, the edges raw', async () => {
  const [rows, days] = await both(D10 + 12 * 3_600_000, D10 + 2 * DAY + 12 * 3_600_000);
  expect(days).toBe(1);
  // Edges: r6 (06-10 18:00), r2 (excluded), r5 (06-12 06:00); day 06-11: r3, r4.
  // (83.33… + 50 + 0 + 50) / 4 = 45.83…
  expect(pick(rows, 'all')?.consistencyIndex).toBeCloseTo((250 / 3 + 50 + 0 + 50) / 4, 9);
  expect(pick(rows, 'all')?.consistencyExcluded).toBe(1);
});

it('by hour reads raw surveys (no day rows) and still equals raw', async () => {
  const [rows, days] = await both(D10, D10 + 3 * DAY, 'hour');
  expect(days).toBe(0);
  // r3 at 00:15Z is hour 00 (the enterprise's sites are all UTC here: the default 'unassigned').
  expect(pick(rows, '00')?.consistencyIndex).toBe(50);
});

it('by site: unattributed surveys form the (none) row as on the raw path (the day rows key the attributed site, none here)', async () => {
  const [rows, days] = await both(D10, D10 + 3 * DAY, 'site');
  // customer.md: responses belong to their attributed segment's site; unattributed → "(none)".
  expect(days).toBe(3);
  expect(pick(rows, '(none)')?.consistencyIndex).toBeCloseTo((100 + 250 / 3 + 50 + 0 + 50) / 5, 9);
});
