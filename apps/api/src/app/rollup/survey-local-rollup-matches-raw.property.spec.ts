import fc from 'fast-check';
import type { GroupBy, KpiName, KpiRow, Scope } from '@floorwatch/contracts';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { ingestText, services } from '../ingest/ingest-test-kit';
import { AGENT_TIME_THROUGH_KEY } from './rollup.service';
import { expectSameKpiRows } from './rollup-test-kit';
import { refreshSurveyDays, utcDaysBetween } from './survey-rollup';

/*
 * Every survey KPI read through the local day rows (rollup_surveys_local_day, the attributed
 * site's clock) equals libs/kpi over the raw responses, with sites on three clocks (London,
 * Chicago, UTC), whatever the responses, the contacts they rate, the order they arrive in
 * (responses before their contacts are re-attributed), late responses, a rebuild, a site that
 * changes zone (its rows are stale until the next write re-aggregates them: not served meanwhile),
 * the scope, the grouping, the tz, the window (whole UTC days: enterprise by day reads each
 * site's own days; unaligned; on Chicago's midnights) and whether the ACD rollups have a
 * watermark (without one every read is the raw path, its surveys still from the rows).
 */
const DAY = 86_400_000;
const HOUR = 3_600_000;
const D0 = Date.parse('2024-05-01T00:00:00Z');
const org = (chicago: string): string =>
  JSON.stringify({
    sites: [{ id: 's1', name: 'London', timezone: 'Europe/London' }, { id: 's2', name: 'Chicago', timezone: chicago }, { id: 's3', name: 'Hub', timezone: 'UTC' }],
    teams: [{ id: 't1', name: 'One', siteId: 's1', leaderUserId: null }, { id: 't2', name: 'Two', siteId: 's2', leaderUserId: null }, { id: 't3', name: 'Three', siteId: 's3', leaderUserId: null }],
    agents: [
      { id: 'a1', name: 'Ann', teamId: 't1', aliases: [] }, { id: 'a2', name: 'Bob', teamId: 't1', aliases: [] },
      { id: 'a3', name: 'Cy', teamId: 't2', aliases: [] }, { id: 'a4', name: 'Di', teamId: 't3', aliases: [] },
    ],
    queues: [
      { id: 'q1', name: 'Sales', channel: 'voice', siteId: 's1', aliases: [], slSeconds: 20 },
      { id: 'q2', name: 'Help', channel: 'chat', siteId: 's2', aliases: [], slSeconds: 60 },
      { id: 'q3', name: 'Hub', channel: 'voice', siteId: 's3', aliases: [], slSeconds: 20 },
    ],
  });
const SURVEY_KPIS: KpiName[] = [
  'surveyResponses', 'surveyAttributedPct', 'csatResponses', 'csatMean', 'csatTopBoxPct', 'npsResponses', 'promoterPct', 'passivePct',
  'detractorPct', 'npsScore', 'consistencyResponses', 'consistencyIndex', 'q1Index', 'q2Index', 'q3Index', 'q4Index', 'q5Index',
];
const LOCAL_BYS = new Set<GroupBy | undefined>([undefined, 'agent', 'team', 'site', 'day']);
const BYS: (GroupBy | undefined)[] = [...LOCAL_BYS, 'day', 'day', 'queue', 'reason', 'channelChain'];
const SCOPES: Scope[] = [{ kind: 'enterprise' }, { kind: 'enterprise' }, { kind: 'team', id: 't2' }, { kind: 'agent', id: 'a1' }, { kind: 'site', id: 's2' }, { kind: 'site', id: 's3' }, { kind: 'queue', id: 'q1' }];
/** Whole UTC days 05-01..05-05; 05-01 09:45Z .. 05-05 13:30Z; Chicago's (CDT) midnights 05-01 05:00Z .. 05-04 05:00Z. */
const WINDOWS: [number, number][] = [[D0, D0 + 5 * DAY], [D0 + 9.75 * HOUR, D0 + 4 * DAY + 13.5 * HOUR], [D0 + 5 * HOUR, D0 + 3 * DAY + 5 * HOUR]];

const contactArb = fc.record({
  agent: fc.constantFrom('a1', 'a2', 'a3', 'a4', null),
  queue: fc.constantFrom('q1', 'q2', 'q3'),
  reason: fc.constantFrom('sales', 'billing'),
  customer: fc.constantFrom('C1', 'C2', 'C3'),
  start: fc.integer({ min: 0, max: 5 * DAY - 600_000 }),
});
const cell = fc.option(fc.integer({ min: 1, max: 5 }), { nil: null, freq: 3 });
const surveyArb = fc.record({
  customer: fc.constantFrom('C1', 'C2', 'C3', 'C4'),
  // From the evening before the first day (Chicago's 04-30 still) to past the last.
  at: fc.integer({ min: -8 * HOUR, max: 5 * DAY + 8 * HOUR }),
  contact: fc.option(fc.integer({ min: 0, max: 11 }), { nil: null }),
  items: fc.tuple(cell, cell, cell, cell, cell),
  csat: cell,
  nps: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
  chain: fc.constantFrom(['phone', 'phone'], ['chat', 'web>chat']),
});
const queryArb = fc.record({
  scope: fc.constantFrom(...SCOPES),
  by: fc.constantFrom(...BYS),
  tz: fc.constantFrom(undefined, undefined, 'UTC', 'America/Chicago'),
  window: fc.constantFrom(...WINDOWS),
});

type Survey = { customer: string; at: number; contact: number | null; items: readonly (number | null)[]; csat: number | null; nps: number | null; chain: readonly string[] };

let db: TestDatabase;
beforeAll(async () => {
  db = await withTestDatabase();
});
afterAll(() => db?.close());

const surveyCsv = (surveys: Survey[]): string =>
  'customer_id,responded_at,main_channel,channel_chain,q1,q2,q3,q4,q5,csat,nps,scale_min,scale_max,contact_id\n' +
  surveys.map((s) => [s.customer, new Date(D0 + s.at).toISOString(), ...s.chain, ...s.items.map((v) => v ?? ''), s.csat ?? '', s.nps ?? '', 1, 5, s.contact === null ? '' : `K${s.contact}`].join(',')).join('\n') + '\n';

it('survey KPIs: local day rows = raw for any responses, attribution order, late responses, zone change, scope, grouping, tz and window', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(contactArb, { minLength: 1, maxLength: 12 }),
      fc.array(surveyArb, { minLength: 1, maxLength: 30 }),
      fc.array(surveyArb, { minLength: 0, maxLength: 4 }),
      fc.record({ responsesFirst: fc.boolean(), batchSize: fc.integer({ min: 1, max: 7 }), watermark: fc.boolean(), moveZone: fc.boolean(), rebuild: fc.boolean() }),
      fc.array(queryArb, { minLength: 5, maxLength: 5 }),
      async (contacts, surveys, late, how, queries) => {
        await db.truncate();
        const svc = services(db);
        await ingestText(svc.ingest, 'org', org('America/Chicago'));
        const contactText = contacts
          .map((c, i) => {
            const start = new Date(D0 + c.start).toISOString();
            const end = new Date(D0 + c.start + 300_000).toISOString();
            return JSON.stringify({ contactId: `K${i}`, segmentId: `K${i}-1`, channel: c.queue === 'q2' ? 'chat' : 'voice', queueId: c.queue, reason: c.reason, agentId: c.agent, customerKey: c.customer, enqueuedAt: start, answeredAt: c.agent ? start : null, endedAt: end, waitSeconds: 0, talkSeconds: 240, holdSeconds: 0, acwSeconds: 60, outcome: c.agent ? 'handled' : 'abandoned', transferredTo: null });
          })
          .join('\n') + '\n';
        const feeds: [string, string][] = [['contacts-ndjson', contactText], ['survey', surveyCsv(surveys)]];
        for (const [format, text] of how.responsesFirst ? feeds.reverse() : feeds) await ingestText(svc.ingest, format, text, { batchSize: how.batchSize, hotline: false });
        // Chicago's site moves to Manila's clock: its rows are stale until a survey write re-aggregates them.
        if (how.moveZone) await ingestText(svc.ingest, 'org', org('Asia/Manila'), { source: 'org2.json' });
        if (late.length) await ingestText(svc.ingest, 'survey', surveyCsv(late), { source: 'late.csv', hotline: false });
        if (how.rebuild) {
          await db.store.query('DELETE FROM rollup_surveys_local_day; DELETE FROM rollup_surveys_site_day; DELETE FROM rollup_surveys_day');
          await refreshSurveyDays(db.store, utcDaysBetween(D0 - DAY, D0 + 6 * DAY));
        }
        // Without a watermark (as before the first ACD batch) the contacts' rollups answer nothing.
        if (how.watermark) await db.store.setSetting(AGENT_TIME_THROUGH_KEY, D0 + 6 * DAY);
        else await db.store.query('DELETE FROM settings WHERE key = $1', [AGENT_TIME_THROUGH_KEY]);
        const stale = how.moveZone && late.length === 0 && !how.rebuild;
        for (const { scope, by, tz, window } of queries) {
          const q = { scope, by, tz, from: window[0], to: window[1], asOf: D0 + 6 * DAY };
          svc.kpis.useRollups = true;
          const rolled = await svc.kpis.query(q);
          // Ungrouped or by site over whole UTC days: the sites' UTC day totals (no zone involved).
          const utcSites = (scope.kind === 'enterprise' || scope.kind === 'site') && (by === undefined || by === 'site') && window[0] % DAY === 0 && window[1] % DAY === 0;
          const local = utcSites || (scope.kind !== 'queue' && LOCAL_BYS.has(by) && (by !== 'day' || tz === undefined) && !stale);
          if (local) expect(svc.kpis.lastSurveySource).toBe('local');
          else expect(svc.kpis.lastSurveySource).not.toBe('local');
          expect(svc.kpis.lastPath).toBe(how.watermark ? 'rollup' : 'raw');
          svc.kpis.useRollups = false;
          const raw = await svc.kpis.query(q);
          expectSameKpiRows(surveyOnly(rolled.rows), surveyOnly(raw.rows));
        }
      },
    ),
    // No shrinking: every run ingests into the database, and the first counterexample says enough.
    { numRuns: 14, endOnFailure: true },
  );
}, 900_000);

/** The survey KPIs of the rows that have a response (contact-only rows are the contact rollups' business). */
function surveyOnly(rows: KpiRow[]): KpiRow[] {
  return rows
    .filter((r) => (r.kpis.surveyResponses ?? 0) > 0)
    .map((r) => ({ key: r.key, kpis: Object.fromEntries(SURVEY_KPIS.map((k) => [k, r.kpis[k]])) as KpiRow['kpis'] }));
}
