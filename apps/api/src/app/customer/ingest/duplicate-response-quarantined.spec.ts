import { withTestDatabase, type TestDatabase } from '../../../testing/test-database';
import { ingestText, services } from '../../ingest/ingest-test-kit';
import { QuarantineService } from '../../ingest/quarantine.service';

/*
 * customer.md "Survey feed": responseId = (customerKey, respondedAt, contactId or empty); an
 * identical line read again is a duplicate, a different line with the same responseId is
 * quarantined `duplicate-response` (the first answer stands, it raises no HOTLINE case).
 */
const HEADER = 'customer_id,responded_at,main_channel,channel_chain,q1,q2,q3,q4,q5,csat,nps,scale_min,scale_max,contact_id,comment';
const FIRST = [
  HEADER,
  'C1,2024-05-02T12:00:00Z,phone,phone,7,7,7,,,7,10,1,7,K1,', // line 2: accepted (csat 7, nps 10)
  'C1,2024-05-02T12:00:00Z,chat,chat,1,1,1,,,1,0,1,7,K1,changed my mind', // line 3: same (C1, 12:00, K1) → duplicate-response
  'C1,2024-05-02T12:00:00Z,phone,phone,2,2,2,,,2,7,1,7,,', // line 4: no contact id → another responseId, accepted
  'C2,2024-05-02T13:00:00Z,phone,phone,4,4,4,,,4,8,1,7,,', // line 5: accepted
].join('\n') + '\n';
const SECOND = [
  HEADER,
  'C2,2024-05-02T13:00:00Z,phone,phone,1,1,1,,,1,0,1,7,,awful', // line 2: edited answer of (C2, 13:00, '') → duplicate-response
  'C2,2024-05-02T13:00:00Z,phone,phone,4,4,4,,,4,8,1,7,,', // line 3: identical to the first file's line 5 → duplicate
].join('\n') + '\n';
const WINDOW = { from: Date.parse('2024-05-02T00:00:00Z'), to: Date.parse('2024-05-03T00:00:00Z'), asOf: Date.parse('2024-05-03T00:00:00Z') };

describe('a survey response id seen again with a different line is quarantined duplicate-response', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await withTestDatabase();
  });
  afterAll(() => db.close());

  it('within a file and across files: the first answer stands, the other lines are listed with their reason, KPIs count each response once', async () => {
    const svc = services(db);
    const first = await ingestText(svc.ingest, 'survey', FIRST, { source: 'first.csv' });
    expect(first).toMatchObject({ quarantined: 1, reasons: { 'duplicate-response': 1 } });
    expect(first.accepted + first.duplicates + first.quarantined).toBe(first.read);
    const second = await ingestText(svc.ingest, 'survey', SECOND, { source: 'second.csv' });
    expect(second).toMatchObject({ quarantined: 1, reasons: { 'duplicate-response': 1 } });
    expect(second.duplicates).toBeGreaterThanOrEqual(1);

    const listed = await new QuarantineService(db.store, svc.orgs).list();
    expect(listed.filter((q) => q.reason === 'duplicate-response').map((q) => [q.source, q.lineNumber])).toEqual(
      expect.arrayContaining([['first.csv', 3], ['second.csv', 2]]),
    );
    expect(listed.filter((q) => q.reason === 'duplicate-response')).toHaveLength(2);

    const stored = await db.store.query<{ csat: number; nps: number; channel: string }>('SELECT csat, nps, main_channel AS channel FROM survey_responses ORDER BY responded_at, csat');
    // Line 3's chat answer (csat 1) and the second file's edit (csat 1, nps 0) are not stored.
    expect(stored).toEqual([
      { csat: 2, nps: 7, channel: 'phone' },
      { csat: 7, nps: 10, channel: 'phone' },
      { csat: 4, nps: 8, channel: 'phone' },
    ]);
    const k = (await svc.kpis.query({ scope: { kind: 'enterprise' }, ...WINDOW })).rows[0].kpis;
    // csat 7, 2, 4 on 1..7 → 100, 100·1/6 = 16.6666667, 50 → mean 166.6666667 / 3 = 55.5555556
    expect(k.surveyResponses).toBe(3);
    expect(k.csatMean).toBeCloseTo(55.5555556, 6);
    // nps 10, 7, 8 → 1 promoter, 2 passives, 0 detractors → 33.3333333 − 0
    expect(k.npsScore).toBeCloseTo(33.3333333, 6);
    // Both quarantined answers had csat = scaleMin (rule csat-min): neither raised a case.
    const cases = await db.store.query<{ n: number }>('SELECT count(*)::int AS n FROM hotline_cases');
    expect(cases[0].n).toBe(0);
  });
});
