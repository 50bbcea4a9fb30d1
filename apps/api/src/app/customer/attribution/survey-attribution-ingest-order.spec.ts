import { withTestDatabase, type TestDatabase } from '../../../testing/test-database';
import { ingestText, services } from '../../ingest/ingest-test-kit';

/*
 * customer.md worked example (customer C) through the real ingest path: K1 by a1 day 1
 * 10:00–10:05, K2 by a2 day 2 09:00–09:06; responses day 2 12:00 (no contact id → a2), contact_id
 * K1 (→ a1), day 5 09:06:00 (72 h exactly → a2), day 5 09:06:01 (unattributed). Ingested
 * responses-first or contacts-first, the KPIs are the same.
 */
const ORG = JSON.stringify({
  sites: [{ id: 's1', name: 'North', timezone: 'UTC' }],
  teams: [{ id: 't1', name: 'One', siteId: 's1', leaderUserId: null }, { id: 't2', name: 'Two', siteId: 's1', leaderUserId: null }],
  agents: [{ id: 'a1', name: 'Ann', teamId: 't1', aliases: [] }, { id: 'a2', name: 'Bob', teamId: 't2', aliases: [] }],
  queues: [{ id: 'q1', name: 'Sales', channel: 'voice', siteId: 's1', aliases: [], slSeconds: 20 }],
});
const contact = (id: string, agent: string, start: string, end: string): string =>
  JSON.stringify({ contactId: id, segmentId: `${id}-1`, channel: 'voice', queueId: 'q1', reason: 'sales', agentId: agent, customerKey: 'C', enqueuedAt: start, answeredAt: start, endedAt: end, waitSeconds: 0, talkSeconds: 240, holdSeconds: 0, acwSeconds: 60, outcome: 'handled', transferredTo: null });
const CONTACTS = [contact('K1', 'a1', '2024-05-01T10:00:00Z', '2024-05-01T10:05:00Z'), contact('K2', 'a2', '2024-05-02T09:00:00Z', '2024-05-02T09:06:00Z')].join('\n') + '\n';
const SURVEYS = [
  'customer_id,responded_at,main_channel,channel_chain,q1,q2,q3,q4,q5,csat,nps,scale_min,scale_max,contact_id,comment',
  'C,2024-05-02T12:00:00Z,phone,phone,7,7,7,,,7,10,1,7,,', // → a2 by window: csat 100, consistency 100
  'C,2024-05-02T13:00:00Z,phone,phone,1,1,1,,,1,0,1,7,K1,rude', // → a1 by contact id: csat 0, consistency 0
  'C,2024-05-05T09:06:00Z,phone,phone,4,4,4,,,4,8,1,7,,', // 72 h exactly → a2: csat 50
  'C,2024-05-05T09:06:01Z,phone,phone,4,4,4,,,4,8,1,7,,', // one second later → unattributed
].join('\n') + '\n';

const WINDOW = { from: Date.parse('2024-05-01T00:00:00Z'), to: Date.parse('2024-05-06T00:00:00Z'), asOf: Date.parse('2024-05-06T00:00:00Z') };

describe('survey attribution through ingest, either order', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await withTestDatabase();
  });
  afterAll(() => db.close());
  beforeEach(() => db.truncate());

  async function run(order: 'responses-first' | 'contacts-first') {
    const svc = services(db);
    await ingestText(svc.ingest, 'org', ORG);
    if (order === 'responses-first') {
      await ingestText(svc.ingest, 'survey', SURVEYS);
      await ingestText(svc.ingest, 'contacts-ndjson', CONTACTS);
    } else {
      await ingestText(svc.ingest, 'contacts-ndjson', CONTACTS);
      await ingestText(svc.ingest, 'survey', SURVEYS);
    }
    const byAgent = await svc.kpis.query({ scope: { kind: 'enterprise' }, by: 'agent', ...WINDOW });
    const team2 = await svc.kpis.query({ scope: { kind: 'team', id: 't2' }, ...WINDOW });
    const all = await svc.kpis.query({ scope: { kind: 'enterprise' }, ...WINDOW });
    const stored = await db.store.query<{ responded: string; agent: string | null; by: string | null }>(
      `SELECT to_char(responded_at AT TIME ZONE 'UTC', 'MM-DD HH24:MI:SS') AS responded, agent_id AS agent, attributed_by AS by FROM survey_responses ORDER BY responded_at`,
    );
    return { byAgent, team2, all, stored };
  }

  it('contacts first: 12:00 → a2 (window), K1 → a1 (contactId), 72 h exactly → a2, +1 s → none', async () => {
    const r = await run('contacts-first');
    expect(r.stored).toEqual([
      { responded: '05-02 12:00:00', agent: 'a2', by: 'window' },
      { responded: '05-02 13:00:00', agent: 'a1', by: 'contactId' },
      { responded: '05-05 09:06:00', agent: 'a2', by: 'window' },
      { responded: '05-05 09:06:01', agent: null, by: null },
    ]);
    // by agent: (none) = the unattributed one (csat 4 → 50); a1 = 0; a2 = (100 + 50) / 2 = 75
    expect(r.byAgent.rows.filter((x) => x.kpis.surveyResponses).map((x) => [x.key, x.kpis.surveyResponses, x.kpis.csatMean])).toEqual([
      ['(none)', 1, 50], ['a1', 1, 0], ['a2', 2, 75],
    ]);
    // team t2 = a2's two: nps 10 and 8 → promoter 50, detractor 0 → 50
    expect([r.team2.rows[0].kpis.surveyResponses, r.team2.rows[0].kpis.npsScore]).toEqual([2, 50]);
    // enterprise: 3 of 4 attributed
    expect(r.all.rows[0].kpis.surveyAttributedPct).toBe(75);
  });

  it('responses first, then the contacts they rate: the same attribution and the same KPIs', async () => {
    const late = await run('responses-first');
    const early = await run('contacts-first');
    expect(late.stored).toEqual(early.stored);
    expect(late.byAgent).toEqual(early.byAgent);
    expect(late.team2).toEqual(early.team2);
    expect(late.all).toEqual(early.all);
  });
});
