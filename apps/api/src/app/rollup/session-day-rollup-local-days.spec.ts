import type { KpiRow } from '@floorwatch/contracts';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { ingestText, services } from '../ingest/ingest-test-kit';
import { ROLLUP_PENDING_KEY, type PendingSpan } from './rollup-rebuild';
import { expectSameSessionKpis, SESSION_ORG, sessionKpisBothWays } from './session-rollup-kit';

/*
 * Session day rows are keyed by the entry point's site-local day (selfservice.md §3 `day`: the
 * entry point's site time). In December London is UTC+0 and Chicago UTC−6, so a session starting
 * 2026-12-05T03:00Z counts on Sat 5 Dec at the London IVR and on Fri 4 Dec (21:00) at the Chicago bot.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const nd = (...o: object[]): string => o.map((x) => JSON.stringify(x)).join('\n') + '\n';
const S = (id: string, entryPoint: string, startedAt: string, seconds: number, outcome: string) => ({
  sessionId: id, customerKey: null, channel: entryPoint === 'web-2' ? 'chatbot' : 'ivr', entryPoint, startedAt,
  endedAt: new Date(Date.parse(startedAt) + seconds * 1000).toISOString(), outcome, intent: 'billing', lastNode: 'menu',
  idAttempted: null, idPassed: null, transferredContactId: null,
});
const SESSIONS = [
  S('L1', '+44800', '2026-12-05T03:00:00Z', 60, 'contained'), // London Sat 5 Dec 03:00
  S('L2', '+44800', '2026-12-04T23:30:00Z', 120, 'abandoned'), // London Fri 4 Dec 23:30
  S('C1', 'web-2', '2026-12-05T03:00:00Z', 60, 'contained'), // Chicago Fri 4 Dec 21:00
  S('C2', 'web-2', '2026-12-05T07:00:00Z', 30, 'error'), // Chicago Sat 5 Dec 01:00
];
const FROM = Date.parse('2026-12-01T00:00:00Z');
const TO = Date.parse('2026-12-10T00:00:00Z');
const AS_OF = Date.parse('2026-12-20T00:00:00Z');
const key = (rows: KpiRow[], k: string) => rows.find((r) => r.key === k)?.kpis;

let db: TestDatabase;
beforeAll(async () => {
  db = await withTestDatabase();
});
afterAll(() => db?.close());

describe.each([['per batch', false], ['bulk + rebuild', true]])('%s', (_name, bulk) => {
  beforeAll(async () => {
    await db.truncate();
    const svc = services(db);
    await ingestText(svc.ingest, 'org', SESSION_ORG);
    await ingestText(svc.ingest, 'selfservice-ndjson', nd(...SESSIONS), { source: 'sessions', deferRollups: bulk });
    if (bulk) {
      // The deferred sessions' span is recorded for the rebuild: their earliest and latest start.
      const span = await db.store.getSetting<PendingSpan>(ROLLUP_PENDING_KEY);
      expect([span?.sessionsFrom, span?.sessionsTo]).toEqual([Date.parse('2026-12-04T23:30:00Z'), Date.parse('2026-12-05T07:00:00Z')]);
      await svc.ingest.rebuildRollups();
      expect(await db.store.getSetting(ROLLUP_PENDING_KEY)).toBeNull();
    }
  });

  it('London by day: L2 on Fri 4 Dec, L1 on Sat 5 Dec; 9 whole London days from the day rows', async () => {
    const { rolled, raw, rolledDays } = await sessionKpisBothWays(db, { scope: { kind: 'site', id: 's1' }, from: FROM, to: TO, asOf: AS_OF, by: 'day' });
    expectSameSessionKpis(rolled, raw);
    // London = UTC in December: [1 Dec 00:00Z, 10 Dec 00:00Z) is 1 … 9 Dec whole.
    expect(rolledDays).toBe(10 - 1);
    expect([key(rolled, '2026-12-04')?.ivrOffered, key(rolled, '2026-12-04')?.ivrAbandonPct]).toEqual([1, 100]);
    expect([key(rolled, '2026-12-05')?.ivrOffered, key(rolled, '2026-12-05')?.ivrContainmentPct]).toEqual([1, 100]);
  });

  it('Chicago by day: C1 on Fri 4 Dec (21:00 local), C2 on Sat 5 Dec (01:00 local); 8 whole Chicago days', async () => {
    const { rolled, raw, rolledDays } = await sessionKpisBothWays(db, { scope: { kind: 'site', id: 's2' }, from: FROM, to: TO, asOf: AS_OF, by: 'day' });
    expectSameSessionKpis(rolled, raw);
    // Chicago days start at 06:00Z: 1 Dec [1 Dec 06:00Z, 2 Dec 06:00Z) … 8 Dec are whole; 9 Dec ends 10 Dec 06:00Z > to.
    expect(rolledDays).toBe(8);
    expect([key(rolled, '2026-12-04')?.ivrOffered, key(rolled, '2026-12-04')?.ivrContainmentPct]).toEqual([1, 100]);
    expect([key(rolled, '2026-12-05')?.ivrOffered, key(rolled, '2026-12-05')?.ivrErrorPct]).toEqual([1, 100]);
  });

  it('enterprise by day on Chicago time: L1, L2 and C1 all on Fri 4 Dec', async () => {
    const { rolled, raw, rolledDays } = await sessionKpisBothWays(db, { scope: { kind: 'enterprise' }, from: FROM, to: TO, asOf: AS_OF, by: 'day', tz: 'America/Chicago' });
    expectSameSessionKpis(rolled, raw);
    expect(rolledDays).toBe(8);
    const fri = key(rolled, '2026-12-04');
    // L1 21:00, L2 17:30, C1 21:00 on 4 Dec: 3 offered, contained L1 + C1 = 2 / 3, abandoned L2 = 1 / 3.
    expect(fri?.ivrOffered).toBe(3);
    expect(fri?.ivrContainmentPct).toBeCloseTo((100 * 2) / 3, 9);
    expect(fri?.ivrAbandonPct).toBeCloseTo(100 / 3, 9);
    expect(key(rolled, '2026-12-05')?.ivrOffered).toBe(1);
  });

  it('enterprise by last node over the 9 UTC days: the dim day rows, 4 sessions at node menu', async () => {
    const { rolled, raw, rolledDays } = await sessionKpisBothWays(db, { scope: { kind: 'enterprise' }, from: FROM, to: TO, asOf: AS_OF, by: 'lastNode' });
    expectSameSessionKpis(rolled, raw);
    expect(rolledDays).toBe((TO - FROM) / DAY);
    expect(key(rolled, 'menu')?.ivrOffered).toBe(4);
  });
});

describe('a day row straddling asOf − W (mixed): its subjects judged one by one', () => {
  // Both at the London IVR on Wed 2 Dec, contained, known customers: M1 lasts 48 h (to Fri 4 Dec
  // 10:00Z), M2 one minute. asOf − W = Fri 4 Dec 05:00Z: 2 Dec ends 3 Dec 00:00Z, more than a day
  // before it, so 2 Dec is read from its day row, which is neither wholly pending nor eligible.
  const M = (id: string, customerKey: string, startedAt: string, seconds: number) => ({ ...S(id, '+44800', startedAt, seconds, 'contained'), customerKey });
  const W = 7 * DAY;
  const SPLIT = Date.parse('2026-12-04T05:00:00Z');

  beforeAll(async () => {
    await db.truncate();
    const svc = services(db);
    await ingestText(svc.ingest, 'org', SESSION_ORG);
    await ingestText(svc.ingest, 'selfservice-ndjson', nd(M('M1', 'C1', '2026-12-02T10:00:00Z', 48 * 3_600), M('M2', 'C2', '2026-12-02T11:00:00Z', 60)), { source: 'mixed' });
  });

  it('M1 pending (ends 4 Dec 10:00Z, after asOf − W), M2 eligible; 7 of the 9 days from day rows', async () => {
    const { rolled, raw, rolledDays } = await sessionKpisBothWays(db, { scope: { kind: 'site', id: 's1' }, from: FROM, to: TO, asOf: SPLIT + W });
    expectSameSessionKpis(rolled, raw);
    // 1 … 9 Dec whole; 3 Dec (ends 4 Dec 00:00Z, + 1 day > asOf − W) and 4 Dec (holds it) from 15-minute rows.
    expect(rolledDays).toBe(9 - 2);
    const k = key(rolled, 'all');
    expect([k?.ssEligible, k?.ssPending, k?.selfServiceResolutionPct]).toEqual([1, 1, 100]);
  });
});
