import fc from 'fast-check';
import type { GroupBy, KpiName, KpiRow, Scope } from '@floorwatch/contracts';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { ingestText, services } from '../ingest/ingest-test-kit';
import { AGENT_TIME_THROUGH_KEY } from './rollup.service';
import { expectSameKpiRows } from './rollup-test-kit';

/*
 * Every survey KPI from the attributed UTC day rows (rollup_surveys_day) equals libs/kpi over the
 * raw responses, whatever the responses, the contacts they rate, the order they arrive in
 * (responses before their contacts are re-attributed), the batch size, the scope and the grouping:
 * whole UTC days from the day rows, the partial edge days raw.
 */
const DAY = 86_400_000;
const D0 = Date.parse('2024-05-01T00:00:00Z');
const ORG = JSON.stringify({
  sites: [{ id: 's1', name: 'North', timezone: 'UTC' }, { id: 's2', name: 'South', timezone: 'UTC' }],
  teams: [{ id: 't1', name: 'One', siteId: 's1', leaderUserId: null }, { id: 't2', name: 'Two', siteId: 's2', leaderUserId: null }],
  agents: [
    { id: 'a1', name: 'Ann', teamId: 't1', aliases: [] }, { id: 'a2', name: 'Bob', teamId: 't1', aliases: [] },
    { id: 'a3', name: 'Cy', teamId: 't2', aliases: [] },
  ],
  queues: [
    { id: 'q1', name: 'Sales', channel: 'voice', siteId: 's1', aliases: [], slSeconds: 20 },
    { id: 'q2', name: 'Help', channel: 'chat', siteId: 's2', aliases: [], slSeconds: 60 },
  ],
});
const SURVEY_KPIS: KpiName[] = [
  'surveyResponses', 'surveyAttributedPct', 'csatResponses', 'csatMean', 'csatTopBoxPct', 'npsResponses', 'promoterPct', 'passivePct',
  'detractorPct', 'npsScore', 'consistencyResponses', 'consistencyIndex', 'q1Index', 'q2Index', 'q3Index', 'q4Index', 'q5Index',
];
const BYS: (GroupBy | undefined)[] = [undefined, 'agent', 'team', 'site', 'queue', 'reason', 'channel', 'mainChannel', 'channelChain', 'day'];
const SCOPES: Scope[] = [{ kind: 'enterprise' }, { kind: 'team', id: 't1' }, { kind: 'agent', id: 'a2' }, { kind: 'site', id: 's2' }, { kind: 'queue', id: 'q1' }];

const contactArb = fc.record({
  agent: fc.constantFrom('a1', 'a2', 'a3', null),
  queue: fc.constantFrom('q1', 'q2'),
  reason: fc.constantFrom('sales', 'billing'),
  customer: fc.constantFrom('C1', 'C2', 'C3'),
  start: fc.integer({ min: 0, max: 4 * DAY - 600_000 }),
});
const cell = fc.option(fc.integer({ min: 1, max: 5 }), { nil: null, freq: 3 });
const surveyArb = fc.record({
  customer: fc.constantFrom('C1', 'C2', 'C3', 'C4'),
  at: fc.integer({ min: 0, max: 5 * DAY - 1 }),
  contact: fc.option(fc.integer({ min: 0, max: 11 }), { nil: null }),
  items: fc.tuple(cell, cell, cell, cell, cell),
  csat: cell,
  nps: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
  chain: fc.constantFrom(['phone', 'phone'], ['chat', 'web>chat']),
});
const queryArb = fc.record({ scope: fc.constantFrom(...SCOPES), by: fc.constantFrom(...BYS), partial: fc.boolean() });

let db: TestDatabase;
beforeAll(async () => {
  db = await withTestDatabase();
});
afterAll(() => db?.close());

it('survey KPIs: rollup path = raw path for any responses, contacts, arrival order, scope and grouping', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(contactArb, { minLength: 1, maxLength: 12 }),
      fc.array(surveyArb, { minLength: 1, maxLength: 30 }),
      fc.boolean(),
      fc.integer({ min: 1, max: 7 }),
      fc.array(queryArb, { minLength: 4, maxLength: 4 }),
      async (contacts, surveys, responsesFirst, batchSize, queries) => {
        await db.truncate();
        const svc = services(db);
        await ingestText(svc.ingest, 'org', ORG);
        const contactText = contacts
          .map((c, i) => {
            const start = new Date(D0 + c.start).toISOString();
            const end = new Date(D0 + c.start + 300_000).toISOString();
            return JSON.stringify({ contactId: `K${i}`, segmentId: `K${i}-1`, channel: c.queue === 'q1' ? 'voice' : 'chat', queueId: c.queue, reason: c.reason, agentId: c.agent, customerKey: c.customer, enqueuedAt: start, answeredAt: c.agent ? start : null, endedAt: end, waitSeconds: 0, talkSeconds: 240, holdSeconds: 0, acwSeconds: 60, outcome: c.agent ? 'handled' : 'abandoned', transferredTo: null });
          })
          .join('\n') + '\n';
        const surveyText =
          'customer_id,responded_at,main_channel,channel_chain,q1,q2,q3,q4,q5,csat,nps,scale_min,scale_max,contact_id\n' +
          surveys.map((s) => [s.customer, new Date(D0 + s.at).toISOString(), ...s.chain, ...s.items.map((v) => v ?? ''), s.csat ?? '', s.nps ?? '', 1, 5, s.contact === null ? '' : `K${s.contact}`].join(',')).join('\n') + '\n';
        const feeds: [string, string][] = [['contacts-ndjson', contactText], ['survey', surveyText]];
        for (const [format, text] of responsesFirst ? feeds.reverse() : feeds) await ingestText(svc.ingest, format, text, { batchSize, hotline: false });
        await db.store.setSetting(AGENT_TIME_THROUGH_KEY, D0 + 6 * DAY);
        for (const { scope, by, partial } of queries) {
          // Whole UTC days 05-01..05-06, or 05-01 09:45 .. 05-05 13:30 (edges raw, three whole days rolled).
          const [from, to] = partial ? [D0 + 9.75 * 3_600_000, D0 + 4 * DAY + 13.5 * 3_600_000] : [D0, D0 + 6 * DAY];
          const q = { scope, by, from, to, asOf: D0 + 6 * DAY };
          svc.kpis.useRollups = true;
          const rolled = await svc.kpis.query(q);
          expect([svc.kpis.lastPath, svc.kpis.lastSurveyDays]).toEqual(['rollup', partial ? 3 : 6]);
          svc.kpis.useRollups = false;
          const raw = await svc.kpis.query(q);
          expectSameKpiRows(surveyOnly(rolled.rows), surveyOnly(raw.rows));
        }
      },
    ),
    // No shrinking: every run ingests into the database, and the first counterexample says enough.
    { numRuns: 12, endOnFailure: true },
  );
}, 600_000);

/** The survey KPIs of the rows that have a response (contact-only rows are the contact rollups' business). */
function surveyOnly(rows: KpiRow[]): KpiRow[] {
  return rows
    .filter((r) => (r.kpis.surveyResponses ?? 0) > 0)
    .map((r) => ({ key: r.key, kpis: Object.fromEntries(SURVEY_KPIS.map((k) => [k, r.kpis[k]])) as KpiRow['kpis'] }));
}
