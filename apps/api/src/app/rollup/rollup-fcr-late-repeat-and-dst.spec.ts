import type { Channel, GroupBy, KpiRow, Org, Scope } from '@floorwatch/contracts';
import type { StoredContact } from '../database/record-types';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { KpiQueryService } from '../kpi/kpi-query.service';
import { OrgService } from '../org/org.service';
import { RollupService } from './rollup.service';

/*
 * FCR from the rollup when a repeat arrives out of order, and day groupings in a site zone
 * across a DST change (Europe/London: 2024-03-31 01:00 UTC the clocks go 01:00 GMT → 02:00 BST).
 * Batches go through the same hook the ingest calls, each in its own transaction.
 *
 * Customer k:  A voice, ends 2024-03-30 22:10Z (London 22:10 GMT, Mar 30)
 *              B chat,  enqueued 2024-04-02 09:00Z, ends 09:20Z (Apr 2)
 *              C voice, enqueued 2024-03-31 23:30Z, ends 23:45Z (London 00:45 BST, Apr 1) — arrives LAST
 * Customer k2: E voice ends 12:00Z Mar 31, then E2 (same contactId, a transfer) ends 12:20Z: not a repeat
 * No customer: D voice ends 2024-03-31 00:40Z (00:40 GMT, Mar 31) → fcrUnknown
 * After batch 2, A's first repeat is B (cross-channel); batch 3 brings C, earlier, same channel.
 * Final: A repeated by C (same channel), C repeated by B (chat: cross-channel), B/E/E2 not repeated.
 */
const Z = (s: string): number => Date.parse(s);
const ORG: Org = {
  sites: [{ id: 'lon', name: 'London', timezone: 'Europe/London' }],
  teams: [{ id: 't1', name: 'Team 1', siteId: 'lon', leaderUserId: null }],
  agents: [
    { id: 'a1', name: 'Agent 1', teamId: 't1', siteId: 'lon', aliases: [] },
    { id: 'a2', name: 'Agent 2', teamId: 't1', siteId: 'lon', aliases: [] },
  ],
  queues: [
    { id: 'lon-voice', name: 'Voice', channel: 'voice', siteId: 'lon', aliases: [], slSeconds: null },
    { id: 'lon-chat', name: 'Chat', channel: 'chat', siteId: 'lon', aliases: [], slSeconds: null },
  ],
};

function contact(id: string, seg: string, channel: Channel, agentId: string, customerKey: string | null, enq: string, ended: string): StoredContact {
  const enqueuedAt = Z(enq);
  return {
    source: 'test', contactId: id, segmentId: seg, channel, queueId: channel === 'chat' ? 'lon-chat' : 'lon-voice', reason: 'billing',
    agentId, customerKey, enqueuedAt, answeredAt: enqueuedAt + 10_000, endedAt: Z(ended), waitSeconds: 10, talkSeconds: 300,
    holdSeconds: 0, acwSeconds: 30, outcome: 'handled', transferredTo: null, siteId: 'lon', teamId: 't1',
  };
}
const A = contact('A', '1', 'voice', 'a1', 'k', '2024-03-30T22:00:00Z', '2024-03-30T22:10:00Z');
const B = contact('B', '1', 'chat', 'a2', 'k', '2024-04-02T09:00:00Z', '2024-04-02T09:20:00Z');
const C = contact('C', '1', 'voice', 'a1', 'k', '2024-03-31T23:30:00Z', '2024-03-31T23:45:00Z');
const D = contact('D', '1', 'voice', 'a2', null, '2024-03-31T00:30:00Z', '2024-03-31T00:40:00Z');
const E = contact('E', '1', 'voice', 'a1', 'k2', '2024-03-31T11:50:00Z', '2024-03-31T12:00:00Z');
const E2 = contact('E', '2', 'voice', 'a2', 'k2', '2024-03-31T12:05:00Z', '2024-03-31T12:20:00Z');

const FROM = Z('2024-03-30T00:00:00Z');
const TO = Z('2024-04-03T00:00:00Z');
const W = 7 * 86_400_000;
const LATE = Z('2024-04-20T00:00:00Z');

let db: TestDatabase;
let kpis: KpiQueryService;
const rollups = new RollupService();

async function batch(contacts: StoredContact[]): Promise<void> {
  await db.store.transaction(async (tx) => {
    await tx.writeContacts(contacts);
    await rollups.refresh(tx, { contacts, agentTimes: [] });
  });
}

async function both(scope: Scope, by: GroupBy | undefined, asOf: number): Promise<[KpiRow[], KpiRow[]]> {
  kpis.useRollups = true;
  const viaRollup = await kpis.query({ scope, from: FROM, to: TO, by, asOf });
  expect(kpis.lastPath).toBe('rollup');
  kpis.useRollups = false;
  const raw = await kpis.query({ scope, from: FROM, to: TO, by, asOf });
  kpis.useRollups = true;
  return [viaRollup.rows, raw.rows];
}

const pick = (rows: KpiRow[], names: string[]): Record<string, Record<string, number | null>> =>
  Object.fromEntries(rows.map((r) => [r.key, Object.fromEntries(names.map((n) => [n, (r.kpis as Record<string, number | null>)[n]]))]));
const FCR = ['fcrEligible', 'fcrPending', 'fcrUnknown', 'fcrPct', 'crossChannelRepeatPct'];

beforeAll(async () => {
  db = await withTestDatabase();
  await db.store.upsertOrg(ORG);
  kpis = new KpiQueryService(db.store, new OrgService(db.dataSource));
  await batch([B, D]);
  await batch([A, E, E2]);
}, 60_000);
afterAll(() => db?.close());

it('before the late contact: A is repeated by B on another channel (hand-computed)', async () => {
  const [[r], [raw]] = await both({ kind: 'enterprise' }, undefined, LATE);
  // subjects A, B, E, E2 = 4 eligible; not repeated B, E, E2 = 3 → 75%; A's repeat B is chat → 1/4 = 25%
  expect(pick([r], FCR)).toEqual({ all: { fcrEligible: 4, fcrPending: 0, fcrUnknown: 1, fcrPct: 75, crossChannelRepeatPct: 25 } });
  expect(pick([raw], FCR)).toEqual(pick([r], FCR));
});

describe('after C arrives out of order', () => {
  beforeAll(() => batch([C]));

  it('A is repeated by C (same channel), C by B (chat); the rollup = raw = hand-computed', async () => {
    const [[r], [raw]] = await both({ kind: 'enterprise' }, undefined, LATE);
    // eligible A, B, C, E, E2 = 5; not repeated B, E, E2 = 3 → 60%; cross-channel only C → 1/5 = 20%
    expect(pick([r], FCR)).toEqual({ all: { fcrEligible: 5, fcrPending: 0, fcrUnknown: 1, fcrPct: 60, crossChannelRepeatPct: 20 } });
    expect(pick([raw], FCR)).toEqual(pick([r], FCR));
  });

  it('a replay of the same batch changes nothing', async () => {
    await batch([C, A]);
    const [[r]] = await both({ kind: 'enterprise' }, undefined, LATE);
    expect(pick([r], ['fcrEligible', 'fcrPct', 'crossChannelRepeatPct'])).toEqual({ all: { fcrEligible: 5, fcrPct: 60, crossChannelRepeatPct: 20 } });
  });

  it('site by day in Europe/London across the DST change: rows by London day (hand-computed) = raw', async () => {
    const [r, raw] = await both({ kind: 'site', id: 'lon' }, 'day', LATE);
    expect(pick(r, ['fcrEligible', 'fcrUnknown', 'fcrPct', 'crossChannelRepeatPct', 'handled'])).toEqual({
      '2024-03-30': { fcrEligible: 1, fcrUnknown: 0, fcrPct: 0, crossChannelRepeatPct: 0, handled: 1 }, // A 22:10 GMT
      '2024-03-31': { fcrEligible: 2, fcrUnknown: 1, fcrPct: 100, crossChannelRepeatPct: 0, handled: 3 }, // D 00:40 GMT, E/E2 13:00/13:20 BST
      '2024-04-01': { fcrEligible: 1, fcrUnknown: 0, fcrPct: 0, crossChannelRepeatPct: 100, handled: 1 }, // C 00:45 BST
      '2024-04-02': { fcrEligible: 1, fcrUnknown: 0, fcrPct: 100, crossChannelRepeatPct: 0, handled: 1 }, // B
    });
    expect(r).toEqual(raw);
  });

  it.each([
    ['A exactly eligible (endedAt + W = asOf; A sits in the split interval)', A.endedAt + W],
    ['A one ms short of eligible', A.endedAt + W - 1],
    ['split between E and E2', E.endedAt + W + 60_000],
    ['everything pending', FROM + W],
  ])('pending boundary, %s: rollup = raw by channel, agent and day', async (_name, asOf) => {
    for (const by of ['channel', 'agent', 'day', undefined] as (GroupBy | undefined)[]) {
      const [r, raw] = await both({ kind: 'site', id: 'lon' }, by, asOf);
      expect(r).toEqual(raw);
    }
  });

  it('pending boundary at A: eligible/pending counts by hand', async () => {
    const [[exact]] = await both({ kind: 'enterprise' }, undefined, A.endedAt + W);
    const [[short]] = await both({ kind: 'enterprise' }, undefined, A.endedAt + W - 1);
    // at A.endedAt + W only A is eligible (the others end later); 1 ms before, nothing is
    expect(pick([exact], ['fcrEligible', 'fcrPending'])).toEqual({ all: { fcrEligible: 1, fcrPending: 4 } });
    expect(pick([short], ['fcrEligible', 'fcrPending'])).toEqual({ all: { fcrEligible: 0, fcrPending: 5 } });
  });
});

describe("the customers' later contacts are read only for subjects judged at asOf", () => {
  afterEach(() => jest.restoreAllMocks());

  it('raw path: every subject pending → no read; A eligible → one read, and A is found repeated', async () => {
    kpis.useRollups = false;
    const read = jest.spyOn(db.store, 'loadContactsByCustomer');
    const [pending] = (await kpis.query({ scope: { kind: 'enterprise' }, from: FROM, to: TO, asOf: A.endedAt + W - 1 })).rows;
    expect(read).not.toHaveBeenCalled();
    expect(pending.kpis.fcrPending).toBe(5);
    const [judged] = (await kpis.query({ scope: { kind: 'enterprise' }, from: FROM, to: TO, asOf: A.endedAt + W })).rows;
    expect(read).toHaveBeenCalledTimes(1);
    // A (eligible) is repeated by C: 0 of 1 not repeated → FCR 0%
    expect(pick([judged], ['fcrEligible', 'fcrPct'])).toEqual({ all: { fcrEligible: 1, fcrPct: 0 } });
    kpis.useRollups = true;
  });
});
