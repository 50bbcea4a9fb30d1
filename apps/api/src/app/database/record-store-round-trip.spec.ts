import type { Org } from '@floorwatch/contracts';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { lineHashOf } from './line-hash';
import { LATEST_EVENT_KEY } from './record-store';
import type { StoredContact } from './record-types';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0); // Mon 2 Mar 2026 09:00Z
const MIN = 60_000;
const [h1, h2, h3] = ['line 1', 'line 2', 'line 3'].map(lineHashOf);

const ORG: Org = {
  sites: [{ id: 'lon', name: 'London', timezone: 'Europe/London' }],
  teams: [{ id: 't1', name: 'Team 1', siteId: 'lon', leaderUserId: 'lead' }],
  agents: [
    { id: 'a1', name: 'Ann', teamId: 't1', siteId: 'lon', aliases: ['Agent/1001', 'SIP/1001'] },
    { id: 'a2', name: 'Bob', teamId: 't1', siteId: 'lon', aliases: [] },
  ],
  queues: [{ id: 'q1', name: 'Sales', channel: 'voice', siteId: 'lon', aliases: ['sales'], slSeconds: 20 }],
};

function contact(id: string, enqueuedMin: number, endedMin: number, extra: Partial<StoredContact> = {}): StoredContact {
  return {
    source: 'contacts-ndjson', contactId: id, segmentId: '1', channel: 'voice', queueId: 'q1', reason: 'q1', agentId: 'a1',
    customerKey: 'cust-1', enqueuedAt: T0 + enqueuedMin * MIN, answeredAt: T0 + enqueuedMin * MIN + 15_000,
    endedAt: T0 + endedMin * MIN, waitSeconds: 15, talkSeconds: 200, holdSeconds: 10, acwSeconds: 30,
    outcome: 'handled', transferredTo: null, siteId: 'lon', teamId: 't1', ...extra,
  };
}

describe(`RecordStore round trip (${process.env['TEST_DATABASE_URL'] ? 'PostgreSQL' : 'PGlite'})`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await withTestDatabase();
  });
  afterAll(() => db?.close());
  beforeEach(() => db.truncate());

  it('upserts the org and reads it back as the contracts Org, with the unassigned site', async () => {
    await db.store.upsertOrg(ORG);
    await db.store.upsertOrg({ agents: [{ ...ORG.agents[1], name: 'Robert', aliases: ['SIP/1001'] }] }); // alias moves to a2
    const org = await db.store.loadOrg();
    expect(org.sites).toEqual([{ id: 'lon', name: 'London', timezone: 'Europe/London' }, { id: 'unassigned', name: 'Unassigned', timezone: 'UTC' }]);
    expect(org.teams).toEqual(ORG.teams);
    expect(org.agents).toEqual([
      { id: 'a1', name: 'Ann', teamId: 't1', siteId: 'lon', aliases: ['Agent/1001'] },
      { id: 'a2', name: 'Robert', teamId: 't1', siteId: 'lon', aliases: ['SIP/1001'] },
    ]);
    expect(org.queues).toEqual(ORG.queues);
  });

  it('writes contacts idempotently and reads them by scope and window in epoch ms', async () => {
    const c1 = contact('c1', 0, 5); // 09:00 → 09:05
    const c2 = contact('c2', 50, 70, { agentId: 'a2', customerKey: null, direction: 'outbound', queued: false }); // 09:50 → 10:10
    const c3 = contact('c3', 65, 68, { agentId: null, teamId: null, answeredAt: null, outcome: 'abandoned', talkSeconds: 0, holdSeconds: 0, acwSeconds: 0 });
    expect(await db.store.writeContacts([c1, c2, c3])).toBe(3);
    expect(await db.store.writeContacts([c1, c2, c3])).toBe(0); // re-ingest changes nothing

    // c1 names no direction: it is stored and read back as inbound and queued
    const strip = ({ source, naturalKey, sourceUpdatedAt, ...rest }: StoredContact) => ({ ...rest, direction: rest.direction ?? 'inbound', queued: rest.queued ?? true, exitedByKey: rest.exitedByKey ?? false });
    // [09:00, 10:00): c1 (enqueued and ended), c2 (enqueued 09:50, ends after) — not c3 (10:05)
    expect(await db.store.loadContacts({ kind: 'enterprise' }, T0, T0 + 60 * MIN)).toEqual([strip(c1), strip(c2)]);
    // [10:00, 11:00): c2 ends 10:10, c3 enqueued 10:05
    expect((await db.store.loadContacts({ kind: 'site', id: 'lon' }, T0 + 60 * MIN, T0 + 120 * MIN)).map((c) => c.contactId)).toEqual(['c2', 'c3']);
    expect((await db.store.loadContacts({ kind: 'agent', id: 'a2' }, T0, T0 + 120 * MIN)).map((c) => c.contactId)).toEqual(['c2']);
    expect((await db.store.loadContacts({ kind: 'team', id: 't1' }, T0, T0 + 120 * MIN)).map((c) => c.contactId)).toEqual(['c1', 'c2']);
    expect((await db.store.loadContacts({ kind: 'queue', id: 'q1' }, T0, T0 + 120 * MIN)).length).toBe(3);
    // half-open: a window ending exactly at c1's enqueue time excludes it
    expect(await db.store.loadContacts({ kind: 'enterprise' }, T0 - 60 * MIN, T0)).toEqual([]);
    expect(await db.store.latestEventTime()).toBe(T0 + 70 * MIN);
  });

  it('keeps the latest event time in one settings row: raised by later contact ends and state changes, never lowered', async () => {
    expect(await db.store.latestEventTime()).toBeNull(); // empty database
    await db.store.writeContacts([contact('c1', 0, 5)]); // ends 09:05
    expect(await db.store.latestEventTime()).toBe(T0 + 5 * MIN);
    await db.store.writeStateEvents([{ agentId: 'a1', at: T0 + 30 * MIN, state: 'available', source: 'test' }]); // 09:30 > 09:05
    expect(await db.store.latestEventTime()).toBe(T0 + 30 * MIN);
    await db.store.writeContacts([contact('c2', 1, 10)]); // a late contact ending 09:10 < 09:30: no change
    expect(await db.store.latestEventTime()).toBe(T0 + 30 * MIN);
    expect(await db.store.getSetting<number>(LATEST_EVENT_KEY)).toBe(T0 + 30 * MIN);
    // A write rolled back does not move it.
    await expect(db.store.transaction(async (tx) => {
      await tx.writeContacts([contact('c3', 40, 90)]);
      throw new Error('batch failed');
    })).rejects.toThrow('batch failed');
    expect(await db.store.latestEventTime()).toBe(T0 + 30 * MIN);
  });

  it('still finds a long e-mail by its end: the enqueued_at bound (for partition pruning) is the longest span written', async () => {
    const email = contact('e1', -3 * 24 * 60, 30, { channel: 'email' }); // enqueued 3 days before 09:00, ends 09:30
    await db.store.writeContacts([contact('c1', 0, 5), email]);
    expect(await db.store.maxContactSpan()).toBe((3 * 24 * 60 + 30) * MIN); // 3 days 30 minutes
    // [09:15, 10:00): only the e-mail ends in it (c1 ended 09:05)
    expect((await db.store.loadContacts({ kind: 'enterprise' }, T0 + 15 * MIN, T0 + 60 * MIN)).map((c) => c.contactId)).toEqual(['e1']);
    await db.store.writeContacts([contact('c2', 10, 12)]); // a 2-minute contact does not lower it
    expect(await db.store.maxContactSpan()).toBe((3 * 24 * 60 + 30) * MIN);
  });

  it('replaces a contact only with a copy that has a newer sourceUpdatedAt (Connect CTR updates)', async () => {
    const v1 = contact('ctr', 0, 5, { source: 'connect-ctr', sourceUpdatedAt: T0 + 6 * MIN, acwSeconds: 0 });
    await db.store.writeContacts([v1]);
    expect(await db.store.writeContacts([{ ...v1, acwSeconds: 45, sourceUpdatedAt: T0 + 8 * MIN }])).toBe(1);
    expect(await db.store.writeContacts([{ ...v1, acwSeconds: 99, sourceUpdatedAt: T0 + 7 * MIN }])).toBe(0); // older copy
    const [c] = await db.store.loadContacts({ kind: 'enterprise' }, T0, T0 + MIN);
    expect(c.acwSeconds).toBe(45);
  });

  it('finds FCR repeats by customer key in (after, until]', async () => {
    await db.store.writeContacts([contact('c1', 0, 5), contact('c2', 5, 9, { channel: 'chat' }), contact('c3', 60 * 24 * 8, 60 * 24 * 8 + 5)]);
    // repeat window of c1: (09:05, 09:05 + 7 days] — c2 at 09:05 exactly is excluded, c3 at +8 days too
    expect(await db.store.loadContactsByCustomer(['cust-1'], T0 + 5 * MIN, T0 + 5 * MIN + 7 * 24 * 60 * MIN)).toEqual([]);
    const found = await db.store.loadContactsByCustomer(['cust-1', 'nobody'], T0 + 4 * MIN, T0 + 9 * 24 * 60 * MIN);
    expect(found.map((c) => c.contactId)).toEqual(['c2', 'c3']);
  });

  it('with more customer keys than it matches by key, scans the window and keeps the same contacts in the same order', async () => {
    // three customers, interleaved in time; one contact without a key; one outside the window
    await db.store.writeContacts([
      contact('k1', 0, 5, { customerKey: 'cust-b' }), contact('k2', 10, 15, { customerKey: 'cust-a' }), contact('k3', 20, 25, { customerKey: 'cust-b' }),
      contact('k4', 30, 35, { customerKey: 'cust-c' }), contact('k5', 40, 45, { customerKey: null }), contact('k6', 60 * 24 * 9, 60 * 24 * 9 + 5, { customerKey: 'cust-a' }),
    ]);
    const keys = ['cust-a', 'cust-b', 'nobody'];
    const byKey = await db.store.loadContactsByCustomer(keys, T0 - MIN, T0 + 60 * 24 * MIN);
    const byScan = await db.store.loadContactsByCustomer(keys, T0 - MIN, T0 + 60 * 24 * MIN, 2);
    // ordered by customer, then time: cust-a's k2, then cust-b's k1 and k3 (k4: another customer, k5: none, k6: after the window)
    expect(byKey.map((c) => c.contactId)).toEqual(['k2', 'k1', 'k3']);
    expect(byScan).toEqual(byKey);
  });

  it('loads state events in the window plus each agent\u2019s last event before it, ordered by seq within a timestamp', async () => {
    await db.store.writeStateEvents([
      { agentId: 'a1', at: T0 - 120 * MIN, state: 'logged_out', source: 's' },
      { agentId: 'a1', at: T0 - 30 * MIN, state: 'available', source: 's' }, // last before from for a1
      { agentId: 'a1', at: T0 + 10 * MIN, state: 'aux:lunch', source: 's', seq: 2 },
      { agentId: 'a1', at: T0 + 10 * MIN, state: 'acw', source: 's', seq: 1 },
      { agentId: 'a2', at: T0 + 90 * MIN, state: 'available', source: 's' }, // after the window
      { agentId: 'a3', at: T0 - 5 * MIN, state: 'aux:break', source: 's' },
    ]);
    const events = await db.store.loadStateEvents(['a1', 'a2'], T0, T0 + 60 * MIN);
    expect(events).toEqual([
      { agentId: 'a1', at: T0 - 30 * MIN, state: 'available' },
      { agentId: 'a1', at: T0 + 10 * MIN, state: 'acw' },
      { agentId: 'a1', at: T0 + 10 * MIN, state: 'aux:lunch' },
    ]);
    // lookback of 1 h: window starts 08:00, so the 07:00 logout is the "before" event; all agents
    const all = await db.store.loadStateEvents(null, T0, T0 + 60 * MIN, 60 * MIN);
    expect(all.map((e) => `${e.agentId}@${(e.at - T0) / MIN}`)).toEqual(['a1@-120', 'a1@-30', 'a1@10', 'a1@10', 'a3@-5']);
    expect(await db.store.writeStateEvents([{ agentId: 'a1', at: T0 - 30 * MIN, state: 'available', source: 's' }])).toBe(0);
  });

  it('loads schedule segments overlapping the window; a re-published segment updates its end', async () => {
    await db.store.writeScheduleSegments([
      { agentId: 'a1', start: T0 - 60 * MIN, end: T0, activity: 'open', source: 'wfm' }, // ends at from: excluded
      { agentId: 'a1', start: T0 + 180 * MIN, end: T0 + 240 * MIN, activity: 'lunch', source: 'wfm' },
      { agentId: 'a2', start: T0 + 30 * MIN, end: T0 + 45 * MIN, activity: 'break', source: 'wfm' },
    ]);
    expect(await db.store.writeScheduleSegments([{ agentId: 'a1', start: T0 + 180 * MIN, end: T0 + 210 * MIN, activity: 'lunch', source: 'wfm' }])).toBe(1);
    expect(await db.store.loadScheduleSegments(null, T0, T0 + 200 * MIN)).toEqual([
      { agentId: 'a1', start: T0 + 180 * MIN, end: T0 + 210 * MIN, activity: 'lunch' },
      { agentId: 'a2', start: T0 + 30 * MIN, end: T0 + 45 * MIN, activity: 'break' },
    ]);
    expect(await db.store.loadScheduleSegments(['a2'], T0, T0 + 30 * MIN)).toEqual([]);
  });

  it('round-trips forecasts, surveys, quarantine, feed lines and feed state', async () => {
    await db.store.writeForecasts([{ siteId: 'lon', queueId: 'q1', intervalStart: T0, volume: 120, ahtSeconds: 300, requiredAgents: null, source: 'wfm' }]);
    await db.store.writeForecasts([{ siteId: 'lon', queueId: 'q1', intervalStart: T0, volume: 130, ahtSeconds: 290, requiredAgents: 48, source: 'wfm' }]);
    expect(await db.store.loadForecasts('lon', T0, T0 + 15 * MIN)).toEqual([{ siteId: 'lon', queueId: 'q1', intervalStart: T0, volume: 130, ahtSeconds: 290, requiredAgents: 48 }]);

    const survey = { customerKey: 'cust-1', respondedAt: T0, mainChannel: 'web', channelChain: 'web>phone', items: [7, 6, null, 5, 4] as [number, number, null, number, number], csat: 6, nps: null, scaleMin: 1, scaleMax: 7 };
    expect(await db.store.writeSurveys([{ ...survey, source: 'survey' }, { ...survey, source: 'survey' }])).toBe(1);
    // customer.md columns a plain survey line leaves empty, and no attribution before the attribution pass.
    const customerColumns = { contactId: null, comment: null, trust: null, repurchase: null, productSat: null, valueForMoney: null, attribution: null };
    expect(await db.store.loadSurveys(T0, T0 + 1)).toEqual([{ ...survey, ...customerColumns }]);

    expect(await db.store.writeQuarantine([{ source: 'x.log', format: 'queue_log', lineNumber: 3, raw: 'junk', reason: 'unknown event' }])).toBe(1);
    const [q] = await db.store.loadQuarantine({ source: 'x.log' });
    expect(q).toMatchObject({ source: 'x.log', format: 'queue_log', lineNumber: 3, raw: 'junk', reason: 'unknown event', resolvedAt: null });

    expect([...(await db.store.claimFeedLines('queue_log', [h1, h2]))].sort()).toEqual([h1, h2].sort());
    expect([...(await db.store.claimFeedLines('queue_log', [h2, h3]))]).toEqual([h3]);

    await db.store.setFeedState('queue_log:open-calls', { calls: { '123.4': { enqueuedAt: T0 } } });
    expect(await db.store.getFeedState('queue_log:open-calls')).toEqual({ calls: { '123.4': { enqueuedAt: T0 } } });
    expect(await db.store.getSetting('customer-key-salt')).toBeNull();
  });

  it('claims a 600-line batch (one COPY on PostgreSQL) as new once, then 300 seen + 300 new as the 300 new', async () => {
    const hashes = (from: number, n: number) => Array.from({ length: n }, (_, i) => lineHashOf(`line ${from + i}`));
    const first = hashes(0, 600);
    expect((await db.store.transaction((tx) => tx.claimFeedLines('queue_log', first))).size).toBe(600);
    expect((await db.store.transaction((tx) => tx.claimFeedLines('queue_log', first))).size).toBe(0);
    // lines 300..599 were claimed above, 600..899 are new: 600 − 300 = 300 fresh
    const fresh = await db.store.transaction((tx) => tx.claimFeedLines('queue_log', hashes(300, 600)));
    expect([...fresh].sort()).toEqual(hashes(600, 300).sort());
    // the same lines under another format are new there
    expect((await db.store.transaction((tx) => tx.claimFeedLines('survey', first))).size).toBe(600);
  });

  it('commits a transaction as a whole and rolls it back as a whole', async () => {
    await expect(
      db.store.transaction(async (tx) => {
        await tx.writeContacts([contact('c1', 0, 5)]);
        await tx.claimFeedLines('queue_log', [h1]);
        throw new Error('parser failed half way');
      }),
    ).rejects.toThrow('parser failed half way');
    expect(await db.store.loadContacts({ kind: 'enterprise' }, T0, T0 + MIN)).toEqual([]);
    expect((await db.store.claimFeedLines('queue_log', [h1])).size).toBe(1);

    await db.store.transaction(async (tx) => {
      await tx.writeContacts([contact('c1', 0, 5)]);
      await tx.writeStateEvents([{ agentId: 'a1', at: T0, state: 'available', source: 's' }]);
    });
    expect((await db.store.loadContacts({ kind: 'enterprise' }, T0, T0 + MIN)).length).toBe(1);
  });
});
