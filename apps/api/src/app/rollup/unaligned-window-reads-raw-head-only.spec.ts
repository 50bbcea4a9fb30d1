import type { GroupBy, KpiRow, Org } from '@floorwatch/contracts';
import type { StoredContact, StoredStateEvent } from '../database/record-types';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { KpiQueryService } from '../kpi/kpi-query.service';
import { OrgService } from '../org/org.service';
import { RollupService } from './rollup.service';

/*
 * Issue 20 item 8: a KPI window whose `from` is not on a 15-minute boundary used to be read
 * wholly from raw records (a year of contacts in memory). Now the head [from, next boundary) is
 * read raw and the rest from the rollups; the figures are the raw answer.
 *
 * Window 2024-03-10 08:07Z → 2024-03-12 00:00Z (head 08:07–08:15), asOf 2024-03-20 (all FCR-eligible).
 * Contacts (handled, answered 10 s after enqueue, acw 30 s, no customer key):
 *   P a1 08:00:00–08:06:00  before from: neither offered nor handled
 *   Q a1 08:05:00–08:10:00  talk 290  enqueued before from: handled (in the head), not offered
 *   R a2 08:09:00–08:12:00  talk 170  offered and handled in the head
 *   S a1 10:00:00–10:05:00  talk 290  rollup part
 *   U a2 03-11 15:00–15:10  talk 590  rollup part
 *   V a1 03-12 00:05–00:20  talk 890  after to (moves the rollup watermark past to: no raw tail)
 * a1 available 08:00Z, logged out 09:00Z on the 10th: logged in 08:07–09:00 = 53 min in the window,
 * with no event in the head (found through the rollup row of the interval 08:00 that contains from).
 */
const Z = (s: string): number => Date.parse(s);
const ORG: Org = {
  sites: [{ id: 'lon', name: 'London', timezone: 'Europe/London' }],
  teams: [{ id: 't1', name: 'Team 1', siteId: 'lon', leaderUserId: null }],
  agents: [
    { id: 'a1', name: 'Agent 1', teamId: 't1', siteId: 'lon', aliases: [] },
    { id: 'a2', name: 'Agent 2', teamId: 't1', siteId: 'lon', aliases: [] },
  ],
  queues: [{ id: 'lon-voice', name: 'Voice', channel: 'voice', siteId: 'lon', aliases: [], slSeconds: null }],
};

function call(id: string, agentId: string, enq: string, ended: string, talkSeconds: number): StoredContact {
  const enqueuedAt = Z(enq);
  return {
    source: 'test', contactId: id, segmentId: '1', channel: 'voice', queueId: 'lon-voice', reason: 'billing', agentId, customerKey: null,
    enqueuedAt, answeredAt: enqueuedAt + 10_000, endedAt: Z(ended), waitSeconds: 10, talkSeconds, holdSeconds: 0, acwSeconds: 30,
    outcome: 'handled', transferredTo: null, siteId: 'lon', teamId: 't1',
  };
}
const CONTACTS = [
  call('P', 'a1', '2024-03-10T08:00:00Z', '2024-03-10T08:06:00Z', 350),
  call('Q', 'a1', '2024-03-10T08:05:00Z', '2024-03-10T08:10:00Z', 290),
  call('R', 'a2', '2024-03-10T08:09:00Z', '2024-03-10T08:12:00Z', 170),
  call('S', 'a1', '2024-03-10T10:00:00Z', '2024-03-10T10:05:00Z', 290),
  call('U', 'a2', '2024-03-11T15:00:00Z', '2024-03-11T15:10:00Z', 590),
  call('V', 'a1', '2024-03-12T00:05:00Z', '2024-03-12T00:20:00Z', 890),
];
const STATES: StoredStateEvent[] = [
  { agentId: 'a1', at: Z('2024-03-10T08:00:00Z'), state: 'available', source: 'test' },
  { agentId: 'a1', at: Z('2024-03-10T09:00:00Z'), state: 'logged_out', source: 'test' },
];
const FROM = Z('2024-03-10T08:07:00Z');
const HEAD_END = Z('2024-03-10T08:15:00Z');
const TO = Z('2024-03-12T00:00:00Z');
const AS_OF = Z('2024-03-20T00:00:00Z');

let db: TestDatabase;
let kpis: KpiQueryService;
/** [from, to, rows] of every RecordStore.loadContacts call. */
let loads: [number, number, number][];

beforeAll(async () => {
  db = await withTestDatabase();
  await db.store.upsertOrg(ORG);
  kpis = new KpiQueryService(db.store, new OrgService(db.dataSource));
  const rollups = new RollupService();
  await db.store.transaction(async (tx) => {
    await tx.writeContacts(CONTACTS);
    await tx.writeStateEvents(STATES);
    await rollups.refresh(tx, { contacts: CONTACTS, agentTimes: STATES.map((s) => ({ agentId: s.agentId, at: s.at, kind: 'state' as const })) });
  });
  const load = db.store.loadContacts.bind(db.store);
  jest.spyOn(db.store, 'loadContacts').mockImplementation(async (scope, from, to) => {
    const rows = await load(scope, from, to);
    loads.push([from, to, rows.length]);
    return rows;
  });
}, 60_000);
afterAll(() => db?.close());

async function both(from: number, by?: GroupBy): Promise<{ rollup: KpiRow[]; raw: KpiRow[]; rollupLoads: [number, number, number][]; rawLoads: [number, number, number][] }> {
  loads = [];
  kpis.useRollups = true;
  const rollup = (await kpis.query({ scope: { kind: 'enterprise' }, from, to: TO, by, asOf: AS_OF })).rows;
  expect(kpis.lastPath).toBe('rollup');
  const rollupLoads = loads;
  loads = [];
  kpis.useRollups = false;
  const raw = (await kpis.query({ scope: { kind: 'enterprise' }, from, to: TO, by, asOf: AS_OF })).rows;
  kpis.useRollups = true;
  return { rollup, raw, rollupLoads, rawLoads: loads };
}

it('an unaligned from: figures by hand, equal to the raw answer, and only the 8-minute head is read raw', async () => {
  const { rollup, raw, rollupLoads, rawLoads } = await both(FROM);
  const k = rollup[0].kpis;
  // offered: R, S, U (Q and P were enqueued before from) = 3; handled: Q, R, S, U = 4
  // handle: Q 290+30 = 320, R 170+30 = 200, S 290+30 = 320, U 590+30 = 620 → 1 460 / 4 = 365 s
  expect([k.offered, k.handled, k.ahtSeconds]).toEqual([3, 4, 365]);
  // a1 logged in 08:07–09:00 = 53 × 60 = 3 180 s
  expect(k.loggedInSeconds).toBe(3180);
  expect(rollup).toEqual(raw);
  // Rollup path: only the head 08:07–08:15 (Q and R); the effort rates come from the rollups'
  // own columns (migration 1795982000000), so no other contact is read. Raw path: the window (Q..U).
  expect(rollupLoads).toEqual([[FROM, HEAD_END, 2]]);
  expect(rawLoads).toEqual([[FROM, TO, 4]]);
});

it.each(['day', 'agent', 'interval'] as GroupBy[])('by %s: the split window equals the raw answer', async (by) => {
  const { rollup, raw } = await both(FROM, by);
  expect(rollup).toEqual(raw);
});

it('a window of over a year with an unaligned from no longer loads it whole: the raw read is its first 8 minutes', async () => {
  const from = Z('2023-03-01T00:07:00Z'); // 376 days before TO, 8 minutes before a boundary
  const { rollup, raw, rollupLoads } = await both(from);
  expect(rollupLoads).toEqual([[from, Z('2023-03-01T00:15:00Z'), 0]]);
  // The only raw contact read is the empty head.
  // Now P and Q are enqueued in the window too: offered P, Q, R, S, U = 5; handled 4 + P = 5;
  // handle 1 460 + (350 + 30) = 1 840 / 5 = 368 s
  expect([rollup[0].kpis.offered, rollup[0].kpis.handled, rollup[0].kpis.ahtSeconds]).toEqual([5, 5, 368]);
  expect(rollup).toEqual(raw);
});
