import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { ingestText, services } from '../ingest/ingest-test-kit';
import { SESSION_ORG, sessionKpisBothWays } from './session-rollup-kit';

/*
 * A London IVR morning, by hand (selfservice.md §3), served from rollup_sessions_15m: the window is
 * whole intervals, so nothing is read raw. The contact a session hands over to and the customer's
 * return contact arrive before or after the sessions; one session is updated from contained to error.
 */
const nd = (...o: object[]): string => o.map((x) => JSON.stringify(x)).join('\n') + '\n';
const S = (id: string, customer: string | null, start: string, end: string | null, outcome: string | null, extra: object = {}) => ({
  sessionId: id, customerKey: customer, channel: 'ivr', entryPoint: '+44800', startedAt: `2024-05-01T${start}Z`, endedAt: end === null ? null : `2024-05-01T${end}Z`,
  outcome, intent: 'billing', lastNode: 'menu', idAttempted: null, idPassed: null, transferredContactId: null, ...extra,
});
const SESSIONS = [
  S('S1', 'C1', '10:00:00', '10:02:00', 'contained', { idAttempted: true, idPassed: true }),
  S('S2', 'C2', '10:05:00', '10:06:00', 'contained', { idAttempted: true, idPassed: false }),
  S('S3', 'C3', '10:20:00', '10:21:30', 'transferred', { transferredContactId: 'K2' }),
  S('S4', null, '10:30:00', '10:30:05', 'abandoned'),
  S('S5', 'C1', '11:00:00', '11:00:30', 'abandoned'),
  S('S6', 'C4', '11:10:00', '11:11:00', 'contained'),
  S('S7', 'C4', '11:40:00', null, null),
];
const S6_ERROR = { ...SESSIONS[5], outcome: 'error', updatedAt: '2024-05-01T11:12:00Z' };
const contact = (id: string, customer: string, enq: string, ans: string, end: string, wait: number) => ({
  contactId: id, segmentId: id, channel: 'voice', queueId: 'q1', reason: 'sales', agentId: 'a1', customerKey: customer,
  enqueuedAt: enq, answeredAt: ans, endedAt: end, waitSeconds: wait, talkSeconds: 120, holdSeconds: 0, acwSeconds: 0, outcome: 'handled', transferredTo: null,
});
// S3's handover: queued 10:21:30, answered 10:22:10 (40 s wait). C1 calls back two days later (S1 not resolved).
const K2 = contact('K2', 'C3', '2024-05-01T10:21:30Z', '2024-05-01T10:22:10Z', '2024-05-01T10:25:00Z', 40);
const K1 = contact('K1', 'C1', '2024-05-03T09:00:00Z', '2024-05-03T09:00:20Z', '2024-05-03T09:05:00Z', 20);
const FROM = Date.parse('2024-05-01T00:00:00Z');
const TO = Date.parse('2024-05-02T00:00:00Z');
const AS_OF = Date.parse('2024-05-20T00:00:00Z');

let db: TestDatabase;
beforeAll(async () => {
  db = await withTestDatabase();
});
afterAll(() => db?.close());

it.each([['contacts first', true], ['sessions first', false]])('%s: the IVR KPIs of the morning from the session rollup', async (_name, contactsFirst) => {
  await db.truncate();
  const svc = services(db);
  await ingestText(svc.ingest, 'org', SESSION_ORG);
  const contacts = () => ingestText(svc.ingest, 'contacts-ndjson', nd(K2, K1), { source: 'contacts' });
  if (contactsFirst) await contacts();
  await ingestText(svc.ingest, 'selfservice-ndjson', nd(S6_ERROR), { source: 'update' });
  await ingestText(svc.ingest, 'selfservice-ndjson', nd(...SESSIONS), { source: 'sessions' });
  if (!contactsFirst) await contacts();

  const { rows } = await svc.kpis.query({ scope: { kind: 'enterprise' }, from: FROM, to: TO, asOf: AS_OF });
  const k = rows[0].kpis;
  // Closed: S1–S6 (S7 is still open) → 6 offered; S4 abandoned after 5 s < 10 s → 1 short; base 6 − 1 = 5.
  expect(k.ivrOffered).toBe(6);
  expect(k.ivrShortAbandoned).toBe(1);
  // Contained S1, S2 (S6 was updated to error): 2 / 5 = 40 %; opted out S3: 1 / 5 = 20 %;
  // abandoned S4, S5 less the short one: 1 / 5 = 20 %; error S6: 1 / 5 = 20 %.
  expect(k.ivrContainmentPct).toBeCloseTo(40, 9);
  expect(k.ivrOptOutPct).toBeCloseTo(20, 9);
  expect(k.ivrAbandonPct).toBeCloseTo(20, 9);
  expect(k.ivrErrorPct).toBeCloseTo(20, 9);
  // (120 + 60 + 90 + 5 + 30 + 60) s / 6 = 365 / 6.
  expect(k.ivrSeconds).toBeCloseTo(365 / 6, 9);
  // S3: 90 s in the IVR + K2's 40 s in queue = 130 s, whichever arrived first.
  expect(k.timeToHumanSeconds).toBeCloseTo(130, 9);
  // Subjects S1 (C1) and S2 (C2), both ended > 7 days before asOf; C1 came back (S5 at 11:00, K1 on 3 May): 1 of 2 resolved.
  expect(k.ssEligible).toBe(2);
  expect(k.ssPending).toBe(0);
  expect(k.selfServiceResolutionPct).toBeCloseTo(50, 9);
  expect(k.effectiveContainmentPct).toBeCloseTo((40 * 50) / 100, 9);
  // ID&V: attempted with a result S1 (pass), S2 (fail) → 1 / 2.
  expect(k.idFailurePct).toBeCloseTo(50, 9);
  // Share: contained 2 / (2 + K2 handled in the window 1).
  expect(k.selfServiceSharePct).toBeCloseTo((100 * 2) / 3, 9);

  // All of it came from the rollup rows: the whole day is aligned, and the raw overlay agrees.
  const both = await sessionKpisBothWays(db, { scope: { kind: 'enterprise' }, from: FROM, to: TO, asOf: AS_OF });
  expect(both.rolledMs).toBe(TO - FROM);
  const sums = await db.store.query<{ offered: number; tth: number; subjects: number; repeated: number }>(
    'SELECT sum(offered)::int AS offered, sum(tth_sum)::float8 AS tth, sum(ss_subjects)::int AS subjects, sum(ss_repeated)::int AS repeated FROM rollup_sessions_15m',
  );
  expect(sums[0]).toEqual({ offered: 6, tth: 130, subjects: 2, repeated: 1 });
  // Asked a day after the morning, both subjects are pending (ended less than 7 days before asOf).
  const early = await svc.kpis.query({ scope: { kind: 'enterprise' }, from: FROM, to: TO, asOf: TO + 86_400_000 });
  expect([early.rows[0].kpis.ssPending, early.rows[0].kpis.ssEligible, early.rows[0].kpis.selfServiceResolutionPct]).toEqual([2, 0, null]);

  // The manager page sends its zone (tz) with every read: ungrouped and by site the rollup read has
  // no time key, and a tz bound beside its 3 parameters was a 500 on PostgreSQL.
  for (const by of [undefined, 'site'] as const) {
    const withTz = await svc.kpis.query({ scope: { kind: 'enterprise' }, from: FROM, to: TO, asOf: AS_OF, tz: 'UTC', ...(by ? { by } : {}) });
    const offered = withTz.rows.reduce((n, r) => n + (r.kpis.ivrOffered ?? 0), 0);
    expect(offered).toBe(6);
  }
});
