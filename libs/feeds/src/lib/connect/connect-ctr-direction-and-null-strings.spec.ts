import { runFeed } from '../testing/run-feed';

/** A Connect CTR line with the given overrides (dotted keys reach into Queue / Agent). */
function ctr(o: Record<string, unknown> = {}, queue: Record<string, unknown> | null = {}, agent: Record<string, unknown> | null = {}): string {
  return JSON.stringify({
    ContactId: 'c-1', InitialContactId: null, Channel: 'VOICE', InitiationMethod: 'INBOUND',
    InitiationTimestamp: '2024-06-10T09:00:00Z', DisconnectTimestamp: '2024-06-10T09:06:00Z', LastUpdateTimestamp: '2024-06-10T09:07:00Z',
    CustomerEndpoint: { Address: '+15550100' }, Attributes: {},
    Queue: queue === null ? null : { Name: 'Sales', EnqueueTimestamp: '2024-06-10T09:00:20Z', DequeueTimestamp: '2024-06-10T09:00:50Z', Duration: 30, ...queue },
    Agent: agent === null ? null : { Username: 'jdoe', ConnectedToAgentTimestamp: '2024-06-10T09:00:50Z', AgentInteractionDuration: 240, CustomerHoldDuration: 0, AfterContactWorkDuration: 60, ...agent },
    ...o,
  });
}
const run = (...lines: string[]) => runFeed('connect-ctr', { text: lines.join('\n') });

describe('Connect InitiationMethod → direction (selfservice.md §1)', () => {
  it.each([
    ['INBOUND', 'VOICE', 'inbound'],
    ['WEBRTC_API', 'VOICE', 'inbound'],
    [undefined, 'VOICE', 'inbound'],
    ['API', 'CHAT', 'api'],
    ['API', 'VOICE', 'outbound'], // StartOutboundVoiceContact
    ['OUTBOUND', 'VOICE', 'outbound'],
    ['AGENT_REPLY', 'EMAIL', 'outbound'],
    ['CAMPAIGN_PREVIEW', 'VOICE', 'outbound'],
    ['TRANSFER', 'VOICE', 'transfer'],
    ['QUEUE_TRANSFER', 'VOICE', 'transfer'],
    ['CALLBACK', 'VOICE', 'callback'],
  ])('%s on %s → %s', async (method, channel, direction) => {
    const { contacts, quarantined } = await run(ctr({ InitiationMethod: method, Channel: channel }));
    expect(quarantined).toEqual([]);
    expect(contacts.map((c) => [c.direction, c.queued])).toEqual([[direction, true]]);
  });

  it('DISCONNECT, MONITOR, EXTERNAL_OUTBOUND, FLOW: accepted, no record; an unknown method is quarantined', async () => {
    const r = await run(...['DISCONNECT', 'MONITOR', 'EXTERNAL_OUTBOUND', 'FLOW', 'TELEPATHY'].map((m) => ctr({ InitiationMethod: m })));
    expect(r.outcomes.map((o) => [o.status, o.reason, o.records.length])).toEqual([
      ['accepted', undefined, 0], ['accepted', undefined, 0], ['accepted', undefined, 0], ['accepted', undefined, 0],
      ['quarantined', 'unknown-initiation-method', 0],
    ]);
  });

  it('unqueued with an agent (OUTBOUND: Queue with null timestamps): a contact from InitiationTimestamp, wait 0, not queued', async () => {
    const { contacts } = await run(ctr({ InitiationMethod: 'OUTBOUND' }, { EnqueueTimestamp: null, DequeueTimestamp: null, Duration: 0 }));
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ direction: 'outbound', queued: false, enqueuedAt: Date.parse('2024-06-10T09:00:00Z'), waitSeconds: 0, outcome: 'handled', agentRef: 'jdoe' });
  });

  it('unqueued without an agent (IVR-only) makes no contact; queued without an agent is abandoned', async () => {
    const r = await run(ctr({}, null, null), ctr({ ContactId: 'c-2' }, {}, null));
    // Contacts only: since selfservice.md §2 each of the two also yields a self-service session.
    expect(r.outcomes.map((o) => o.records.filter((rec) => rec.kind === 'contact').length)).toEqual([0, 1]);
    expect(r.contacts[0]).toMatchObject({ naturalKey: 'ctr:c-2', queued: true, outcome: 'abandoned', waitSeconds: 30 });
  });
});

describe('the string "null" where JSON null is meant is no name', () => {
  it('InitialContactId "null" does not merge contacts; Agent Username "null" falls back to the ARN; a "null" timestamp is absent', async () => {
    const { contacts, quarantined } = await run(
      ctr({ ContactId: 'c-1', InitialContactId: 'null' }, {}, { Username: 'null', ARN: 'arn:agent/42' }),
      ctr({ ContactId: 'c-2', InitialContactId: 'NULL', PreviousContactId: 'null' }, { Name: 'null', ARN: 'arn:queue/7', DequeueTimestamp: 'null' }),
    );
    expect(quarantined).toEqual([]);
    expect(contacts.map((c) => [c.contactId, c.agentRef, c.queueRef])).toEqual([
      ['c-1', 'arn:agent/42', 'Sales'],
      ['c-2', 'jdoe', 'arn:queue/7'],
    ]);
  });

  it('a contacts-ndjson agentId "null" is an unanswered contact, not an agent called null', async () => {
    const line = JSON.stringify({ contactId: 'n1', channel: 'voice', queueId: 'q', agentId: 'null', enqueuedAt: '2024-06-10T09:00:00Z', endedAt: '2024-06-10T09:01:00Z', outcome: 'abandoned' });
    const { contacts } = await runFeed('contacts-ndjson', { text: line });
    expect(contacts.map((c) => c.agentRef)).toEqual([null]);
  });
});
