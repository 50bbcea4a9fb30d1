import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { ingestText, services } from '../ingest/ingest-test-kit';
import { loadSessions } from './selfservice-store';

const ms = (iso: string): number => Date.parse(iso);
const nd = (...objs: object[]): string => objs.map((o) => JSON.stringify(o)).join('\n') + '\n';
const DAY = { from: ms('2026-03-02T00:00:00Z'), to: ms('2026-03-03T00:00:00Z') };

const org = {
  sites: [{ id: 'lon', name: 'London', timezone: 'Europe/London' }],
  queues: [{ id: 'q1', name: 'Q1', channel: 'voice', siteId: 'lon', aliases: ['Q'] }],
  entryPoints: [{ id: 'main-ivr', name: 'Main IVR', siteId: 'lon', aliases: ['+44800', '0800-100'] }],
};
const open = { sessionId: 's1', customerKey: '+441', channel: 'ivr', entryPoint: '0800-100', startedAt: '2026-03-02T10:00:00Z' };
const closed = { ...open, endedAt: '2026-03-02T10:02:00Z', outcome: 'contained', intent: 'balance' };
const updated = { ...closed, outcome: 'transferred', transferredContactId: 'c9', updatedAt: '2026-03-02T10:05:00Z' };

function ctr(over: Record<string, unknown>): Record<string, unknown> {
  return {
    ContactId: 'ivr1', Channel: 'VOICE', InitiationMethod: 'INBOUND',
    InitiationTimestamp: '2026-03-02T11:00:00Z', DisconnectTimestamp: '2026-03-02T11:01:30Z', LastUpdateTimestamp: '2026-03-02T11:02:00Z',
    CustomerEndpoint: { Address: '+442' }, SystemEndpoint: { Address: '+44800' }, Queue: null, Agent: null,
    DisconnectReason: 'CUSTOMER_DISCONNECT', ...over,
  };
}
const callback = ctr({ ContactId: 'cb1', InitiationMethod: 'CALLBACK', PreviousContactId: 'ivr1', InitiationTimestamp: '2026-03-02T11:01:30Z', DisconnectTimestamp: '2026-03-02T11:20:00Z', Queue: { Name: 'Q', EnqueueTimestamp: '2026-03-02T11:01:30Z', DequeueTimestamp: '2026-03-02T11:15:00Z' }, Agent: { Username: 'a1', ConnectedToAgentTimestamp: '2026-03-02T11:15:00Z', AgentInteractionDuration: 300 } });

describe('self-service sessions are stored order-free and idempotently (PGlite / PostgreSQL)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await withTestDatabase();
  });
  afterAll(() => db.close());
  beforeEach(() => db.truncate());

  const stored = async () => loadSessions(db.store, DAY.from, DAY.to);

  it('selfservice-ndjson: open, closed and updated copies in any order and files keep the updated one; mapped to its entry point and site', async () => {
    const orders = [[open, closed, updated], [updated, open, closed], [closed, updated, open]];
    const results: unknown[] = [];
    for (const order of orders) {
      await db.truncate();
      const svc = services(db);
      await ingestText(svc.ingest, 'org', JSON.stringify(org));
      for (const rec of order) await ingestText(svc.ingest, 'selfservice-ndjson', nd(rec), { source: `f-${JSON.stringify(rec).length}` });
      // the same file again: all duplicates, nothing changes
      const again = await ingestText(svc.ingest, 'selfservice-ndjson', nd(...order));
      expect(again.quarantined).toBe(0);
      // truncate() drops the salt too, so each round hashes differently: compare the rest
      results.push((await stored()).map(({ customerKey, ...rest }) => ({ ...rest, hashed: /^[0-9a-f]{64}$/.test(customerKey ?? '') })));
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    expect(results[0]).toEqual([expect.objectContaining({ sessionId: 's1', entryPoint: 'main-ivr', siteId: 'lon', outcome: 'transferred', transferredContactId: 'c9', intent: 'balance', endedAt: ms('2026-03-02T10:02:00Z'), hashed: true })]);
  });

  it('Connect: the CALLBACK CTR turns the IVR-only session into transferred whether it comes before or after', async () => {
    for (const order of [[ctr({}), callback], [callback, ctr({})]]) {
      await db.truncate();
      const svc = services(db);
      await ingestText(svc.ingest, 'org', JSON.stringify(org));
      for (const r of order) await ingestText(svc.ingest, 'connect-ctr', nd(r), { source: String(r['ContactId']) });
      const sessions = await stored();
      // the callback itself is a callback contact, so it makes no session
      expect(sessions.map((x) => [x.sessionId, x.outcome, x.transferredContactId, x.siteId, (x.endedAt ?? 0) - x.startedAt])).toEqual([['ctr:ivr1', 'transferred', 'cb1', 'lon', 90_000]]);
    }
  });

  it('an unknown entry point puts the session at site unassigned', async () => {
    const svc = services(db);
    await ingestText(svc.ingest, 'selfservice-ndjson', nd({ ...closed, entryPoint: 'https://example.test/help' }));
    expect((await stored()).map((x) => [x.entryPoint, x.siteId])).toEqual([['https://example.test/help', 'unassigned']]);
  });
});
