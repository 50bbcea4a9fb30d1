import { runFeed } from '../testing/run-feed';

describe('contacts-ndjson', () => {
  it('accepts ISO, epoch-ms and epoch-seconds times with defaults, quarantines bad lines with their reasons', async () => {
    const run = await runFeed('contacts-ndjson', 'contacts.sample.ndjson');
    expect(run.outcomes.map((o) => o.reason ?? o.status)).toEqual([
      'accepted', 'accepted', 'accepted',
      'unknown-channel', 'bad-timestamp', 'negative-duration', 'missing-field:contactId', 'unknown-outcome', 'truncated-json',
    ]);
    expect(run.contacts[0]).toEqual({
      kind: 'contact', naturalKey: 'nd:sim-1:1', lastUpdatedAt: null, contactId: 'sim-1', segmentId: '1', channel: 'voice',
      queueRef: 'q-sales', reason: 'billing', agentRef: 'a-17', customerRef: '+441632960001',
      enqueuedAt: Date.parse('2024-06-10T09:00:00Z'), answeredAt: Date.parse('2024-06-10T09:00:12Z'), endedAt: Date.parse('2024-06-10T09:04:12Z'),
      waitSeconds: 12, talkSeconds: 240, holdSeconds: 15, acwSeconds: 30, outcome: 'handled', transferredTo: null,
      direction: 'inbound', queued: true, exitedByKey: false, // the defaults: the line names none
    });
    expect(run.contacts[1]).toMatchObject({ reason: null, agentRef: null, answeredAt: null, talkSeconds: 0, holdSeconds: 0, acwSeconds: 0, outcome: 'abandoned' });
    // epoch seconds (below 1e11) become ms: 1718010000 s → 1718010000000 ms
    expect(run.contacts[2]).toMatchObject({ naturalKey: 'nd:sim-3:2', enqueuedAt: 1718010000000, answeredAt: 1718013600000, transferredTo: 'q-billing' });
  });
});

describe('agent-states-ndjson', () => {
  it('validates the state form and lower-cases aux reasons', async () => {
    const run = await runFeed('agent-states-ndjson', 'agent-states.sample.ndjson');
    expect(run.outcomes.map((o) => o.reason ?? o.status)).toEqual([
      'accepted', 'accepted', 'accepted', 'accepted', 'accepted',
      // `[1,2,3]` is a JSON array: three values, none of them an object
      'unknown-state', 'bad-timestamp', 'missing-field:agentId', 'unknown-state', 'not-an-object', 'not-an-object', 'not-an-object', 'truncated-json',
    ]);
    expect(run.states.map((s) => [s.at, s.state])).toEqual([
      [Date.parse('2024-06-10T08:00:00Z'), 'available'],
      [1718006400000, 'on_contact'],
      [Date.parse('2024-06-10T07:05:00Z'), 'acw'], // 08:05 at +01:00
      [Date.parse('2024-06-10T12:30:00Z'), 'aux:lunch'],
      [Date.parse('2024-06-10T17:00:00Z'), 'logged_out'],
    ]);
  });
});
