import { createParser, readUnits, type FeedRecord } from '@floorwatch/feeds';
import { attributeSurvey, computeKpis } from '@floorwatch/kpi';
import type { AgentStateEvent, Contact, ScheduleSegment, SurveyResponse } from '@floorwatch/contracts';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { centreText, DAY, ingestCentre, services, textSource } from './ingest-test-kit';

/*
 * Two agents of team t1 (site s1, UTC), queue q1 (SL 20 s), 2024-06-10:
 *   a1 (Agent/1001): open 09:00–12:00, lunch 12:00–12:30, open 12:30–13:00; back from lunch 12:35.
 *   a2 (SIP/1002):   open 09:00–13:00.
 *   c1 5551001 → a1, wait 10, talk 300, acw 60 (PAUSE ACW at the call's end, UNPAUSE 60 s later)
 *   c2 5551002 → a2, wait 30, talk 240
 *   c3 5551003 abandoned after 45 s
 *   c4 5551001 → a2, wait 15, talk 300 (the customer of c1 calling back: c1 is repeated)
 */
describe('ingest of a hand-computed centre, then the fw kpi code path', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await withTestDatabase();
  });
  afterAll(() => db.close());

  it('gives the hand-computed KPIs and exactly what computeKpis gives over the parsed records', async () => {
    const svc = services(db);
    const summaries = await ingestCentre(svc.ingest);
    expect(summaries.map((s) => [s.read, s.accepted, s.duplicates, s.quarantined])).toEqual([
      [1, 1, 0, 0],
      [5, 5, 0, 0],
      [19, 19, 0, 0],
      [4, 4, 0, 0],
    ]);

    const result = await svc.kpis.query({ scope: { kind: 'enterprise' }, from: DAY.from, to: DAY.to, asOf: DAY.asOf });
    const k = result.rows[0].kpis;
    // a1: scheduled 10 800 + 1 800 + 1 800 = 14 400, out of adherence 12:30–12:35 = 300 → 14 100.
    // a2: scheduled 14 400, all in adherence. 100 × (14 100 + 14 400) / 28 800:
    expect(k.adherencePct).toBeCloseTo((100 * (14100 + 14400)) / 28800, 10);
    expect(k.scheduledSeconds).toBe(28800);
    expect(k.inAdherenceSeconds).toBe(28500);
    // handled c1 (300 + 60), c2 (240), c4 (300): (360 + 240 + 300) / 3 = 300.
    expect(k.handled).toBe(3);
    expect(k.ahtSeconds).toBe(300);
    expect(k.acwSeconds).toBe(20); // 60 / 3
    // offered 4, short-abandoned 0; within 20 s: c1 (10), c4 (15) → 100 × 2 / 4.
    expect(k.offered).toBe(4);
    expect(k.abandoned).toBe(1);
    expect(k.serviceLevelPct).toBe(50);
    // eligible c1, c2, c4 (asOf ≥ end + 7 d); c1 repeated by c4 → 100 × 2 / 3.
    expect(k.fcrEligible).toBe(3);
    expect(k.fcrPct).toBeCloseTo((100 * 2) / 3, 10);
    // responses: (100+100+50+50+0)/5 = 60; 2 items → excluded; (100+50+0)/3 = 50 → (60 + 50) / 2.
    expect(k.consistencyIndex).toBe(55);
    expect(k.consistencyExcluded).toBe(1);

    // selfservice.md §4 (computed beside computeKpis, so set apart below): c1, c4 COMPLETECALLER, c2
    // COMPLETEAGENT → agent hang-ups 1 / 3; no talk under 20 s; no transfer. Journeys: 5551001 (c1, c4
    // 3 h apart: one journey of 2), 5551002, 5551003 (abandoned, still a touch) → 3 journeys, 4 touches.
    expect([k.agentDisconnectPct, k.shortHandledPct, k.transferRatePct]).toEqual([100 / 3, 0, 0]);
    // journeys are read by their own grouping (derivedChain), not with every ungrouped query
    expect([k.journeys, k.customerEffort]).toEqual([null, null]);
    const chains = await svc.kpis.query({ scope: { kind: 'enterprise' }, from: DAY.from, to: DAY.to, asOf: DAY.asOf, by: 'derivedChain' });
    expect(chains.rows.map((r) => [r.key, r.kpis.journeys, r.kpis.journeyContacts, r.kpis.customerEffort])).toEqual([['voice', 3, 4, 4 / 3]]);
    const SELF_SERVICE_NAMES = ['agentDisconnectPct', 'shortHandledPct', 'transferRatePct', 'journeys', 'journeyContacts', 'journeysPending', 'customerEffort'];
    const withoutSelfService = (rows: typeof result.rows) => rows.map((r) => ({ key: r.key, kpis: Object.fromEntries(Object.entries(r.kpis).filter(([n]) => !SELF_SERVICE_NAMES.includes(n))) }));
    const direct = await computeDirect();
    expect(withoutSelfService(result.rows)).toEqual(withoutSelfService(direct));
    // Per agent too: a1 in adherence 14 100 / 14 400.
    const byAgent = await svc.kpis.query({ scope: { kind: 'team', id: 't1' }, from: DAY.from, to: DAY.to, asOf: DAY.asOf, by: 'agent' });
    expect(byAgent.rows.find((r) => r.key === 'a1')?.kpis.adherencePct).toBeCloseTo((100 * 14100) / 14400, 10);
  });

  it('stores customer keys only as salted hashes', async () => {
    const rows: { customer_key: string | null }[] = await db.dataSource.query('SELECT customer_key FROM contacts');
    expect(rows).toHaveLength(4);
    for (const r of rows) expect(r.customer_key).toMatch(/^[0-9a-f]{64}$/);
    // The raw caller ids are 5551001..5551003; a hex hash may contain "555" by chance, never "555100".
    const raw: { n: string }[] = await db.dataSource.query(
      `SELECT count(*) AS n FROM contacts WHERE customer_key LIKE '%555100%' OR contact_id LIKE '%555100%'`,
    );
    expect(Number(raw[0].n)).toBe(0);
    const surveys: { customer_key: string }[] = await db.dataSource.query('SELECT customer_key FROM survey_responses');
    expect(surveys.every((s) => /^[0-9a-f]{64}$/.test(s.customer_key))).toBe(true);
  });
});

/** libs/kpi over the parsed fixture records, mapped by hand (raw caller ids are as good as hashes for equality). */
async function computeDirect() {
  const agentOf: Record<string, string> = { 'Agent/1001': 'a1', 'SIP/1002': 'a2', a1: 'a1', a2: 'a2' };
  const records = async (format: 'org' | 'wfm-schedule' | 'queue_log' | 'survey', file: string): Promise<FeedRecord[]> => {
    const parser = createParser(format);
    const out: FeedRecord[] = [];
    for await (const unit of readUnits(format, textSource(centreText(file)))) out.push(...parser.push(unit).records);
    return out;
  };
  const orgRec = (await records('org', 'org.json'))[0];
  if (orgRec.kind !== 'org') throw new Error('no org');
  const org = { ...orgRec.org, sites: [...orgRec.org.sites, { id: 'unassigned', name: 'Unassigned', timezone: 'UTC' }] };
  const contacts: Contact[] = [];
  const stateEvents: AgentStateEvent[] = [];
  for (const r of await records('queue_log', 'queue_log')) {
    if (r.kind === 'state') stateEvents.push({ agentId: agentOf[r.agentRef], at: r.at, state: r.state });
    if (r.kind === 'contact') {
      const agentId = r.agentRef ? agentOf[r.agentRef] : null;
      const { kind: _k, naturalKey: _n, lastUpdatedAt: _l, queueRef: _q, agentRef: _a, customerRef, ...rest } = r;
      contacts.push({ ...rest, queueId: 'q1', reason: 'q1', agentId, customerKey: customerRef, siteId: 's1', teamId: agentId ? 't1' : null });
    }
  }
  const schedule: ScheduleSegment[] = (await records('wfm-schedule', 'schedule.csv')).flatMap((r) =>
    r.kind === 'schedule' ? [{ agentId: agentOf[r.agentRef], start: r.start, end: r.end, activity: r.activity }] : [],
  );
  const surveys: SurveyResponse[] = (await records('survey', 'survey.csv')).flatMap((r) =>
    r.kind === 'survey' ? [{ customerKey: r.customerRef, respondedAt: r.respondedAt, mainChannel: r.mainChannel, channelChain: r.channelChain, items: r.items, csat: r.csat, nps: r.nps, scaleMin: r.scaleMin, scaleMax: r.scaleMax }] : [],
  ).map((s) => ({ ...s, attribution: attributeSurvey({ ...s, contactId: null }, contacts) })); // customer.md attribution over the same contacts
  return computeKpis({ org, contacts, stateEvents, schedule, surveys }, { scope: { kind: 'enterprise' }, from: DAY.from, to: DAY.to, asOf: DAY.asOf });
}
