import { runFeed } from '../testing/run-feed';
import type { FeedRecord, FeedSession } from '../types';
import { outcomeOfDisconnect } from './ctr-session';

const ms = (iso: string): number => Date.parse(iso);
const sessionsOf = (records: FeedRecord[]): FeedSession[] => records.filter((r): r is FeedSession => r.kind === 'session');

function ctr(over: Record<string, unknown>): Record<string, unknown> {
  return {
    ContactId: 'c1',
    Channel: 'VOICE',
    InitiationMethod: 'INBOUND',
    InitiationTimestamp: '2026-03-02T09:00:00Z',
    DisconnectTimestamp: '2026-03-02T09:02:00Z',
    LastUpdateTimestamp: '2026-03-02T09:03:00Z',
    CustomerEndpoint: { Address: '+4411' },
    SystemEndpoint: { Address: '+44800' },
    Queue: null,
    Agent: null,
    Attributes: { intent: 'billing', lastNode: 'menu-2', idv: 'fail' },
    DisconnectReason: 'CUSTOMER_DISCONNECT',
    ...over,
  };
}
const run = async (...objs: object[]) => (await runFeed('connect-ctr', { text: objs.map((o) => JSON.stringify(o)).join('\n') })).records;

describe('Connect CTR → self-service session (selfservice.md §2)', () => {
  it('queued inbound VOICE: transferred at EnqueueTimestamp, IVR time 40 s, linked to its own ContactId', async () => {
    const records = await run(ctr({ Queue: { Name: 'Q', EnqueueTimestamp: '2026-03-02T09:00:40Z', DequeueTimestamp: '2026-03-02T09:01:00Z' } }));
    expect(records.map((r) => r.kind)).toEqual(['contact', 'session']);
    const [s] = sessionsOf(records);
    expect(s).toMatchObject({ sessionId: 'ctr:c1', channel: 'ivr', entryPoint: '+44800', customerRef: '+4411', outcome: 'transferred', transferredContactId: 'c1', intent: 'billing', lastNode: 'menu-2', idAttempted: true, idPassed: false, linkable: false });
    expect((s.endedAt ?? 0) - s.startedAt).toBe(40_000); // 09:00:40 - 09:00:00
  });

  it('queued with EnqueueTimestamp = InitiationTimestamp: no IVR, no session', async () => {
    expect(sessionsOf(await run(ctr({ Queue: { Name: 'Q', EnqueueTimestamp: '2026-03-02T09:00:00Z' } })))).toEqual([]);
  });

  it('not queued, no agent: DisconnectReason decides; TransferredToEndpoint and ssOutcome come first', async () => {
    const outcome = async (over: Record<string, unknown>) => sessionsOf(await run(ctr(over)))[0].outcome;
    expect(await outcome({ DisconnectReason: 'CONTACT_FLOW_DISCONNECT' })).toBe('contained');
    expect(await outcome({ DisconnectReason: 'THIRD_PARTY_DISCONNECT' })).toBe('contained');
    expect(await outcome({ DisconnectReason: 'IDLE_DISCONNECT' })).toBe('abandoned');
    expect(await outcome({ DisconnectReason: 'TELECOM_PROBLEM' })).toBe('error');
    expect(await outcome({ DisconnectReason: 'CUSTOMER_DISCONNECT', TransferredToEndpoint: { Address: '+4420' } })).toBe('transferred');
    expect(await outcome({ DisconnectReason: 'CUSTOMER_DISCONNECT', Attributes: { ssOutcome: 'contained' } })).toBe('contained');
    const [s] = sessionsOf(await run(ctr({ DisconnectReason: '' })));
    expect([s.outcome, s.reasonMissing, s.endedAt, s.linkable]).toEqual(['abandoned', true, ms('2026-03-02T09:02:00Z'), true]);
  });

  it('the DisconnectReason table: absent/null/"" abandoned and missing; API, OTHER error', () => {
    expect(outcomeOfDisconnect(null)).toEqual({ outcome: 'abandoned', missing: true });
    expect(outcomeOfDisconnect('')).toEqual({ outcome: 'abandoned', missing: true });
    expect(['TELECOM_ORIGINATOR_CANCEL', 'CUSTOMER_NEVER_ARRIVED', 'CUSTOMER_CONNECTION_NOT_ESTABLISHED', 'EXPIRED'].map((r) => outcomeOfDisconnect(r).outcome)).toEqual(['abandoned', 'abandoned', 'abandoned', 'abandoned']);
    expect(['API', 'OTHER', 'SYSTEM_ERROR'].map((r) => outcomeOfDisconnect(r).outcome)).toEqual(['error', 'error', 'error']);
  });

  it('a CALLBACK CTR naming it as PreviousContactId yields a link (applied at read time, any order); CHAT is chatbot; outbound and transfer legs make no session', async () => {
    const records = await run(
      ctr({ ContactId: 'cb1', InitiationMethod: 'CALLBACK', PreviousContactId: 'c1', Queue: { Name: 'Q', EnqueueTimestamp: '2026-03-02T09:01:00Z' } }),
      ctr({ ContactId: 'ch1', Channel: 'CHAT' }),
      ctr({ ContactId: 'o1', InitiationMethod: 'OUTBOUND', Agent: { Username: 'a1', ConnectedToAgentTimestamp: '2026-03-02T09:00:05Z' } }),
      ctr({ ContactId: 't1', InitiationMethod: 'TRANSFER', Queue: { Name: 'Q', EnqueueTimestamp: '2026-03-02T09:00:30Z' } }),
    );
    expect(records.filter((r) => r.kind === 'session-link')).toEqual([{ kind: 'session-link', sessionId: 'ctr:c1', contactId: 'cb1' }]);
    expect(sessionsOf(records).map((s) => [s.sessionId, s.channel])).toEqual([['ctr:ch1', 'chatbot']]);
  });
});
