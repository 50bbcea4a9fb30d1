import { runFeed } from '../testing/run-feed';
import { ConnectAgentEventsParser } from './agent-events';

describe('connect-agent-events', () => {
  it('maps status types and contact states, drops unchanged heartbeats, quarantines bad events', async () => {
    const run = await runFeed('connect-agent-events', 'connect-agent-events.sample.ndjson');
    expect(run.states.map((s) => [new Date(s.at).toISOString().slice(11, 19), s.agentRef, s.state])).toEqual([
      ['08:00:00', 'jdoe', 'logged_out'], // LOGIN snapshot still OFFLINE
      ['08:00:05', 'jdoe', 'available'], // ROUTABLE
      // 08:02:05 HEART_BEAT and 08:03:00 CONNECTING change nothing
      ['08:03:04', 'jdoe', 'on_contact'], // Contacts[].State CONNECTED
      ['08:07:04', 'jdoe', 'acw'], // ENDED while still in the snapshot
      ['08:08:00', 'jdoe', 'available'],
      ['10:00:00', 'jdoe', 'aux:break'], // CUSTOM "Break", lower-cased
      ['17:00:00', 'jdoe', 'logged_out'],
    ]);
    expect(run.outcomes.map((o) => o.reason ?? o.status)).toEqual([
      ...Array(10).fill('accepted'),
      'unknown-event',
      'bad-timestamp',
      'unknown-state',
      'truncated-json',
    ]);
  });

  it('keeps the last state per agent across files via export/importState', () => {
    const p = new ConnectAgentEventsParser();
    const line = (ts: string) => JSON.stringify({ EventType: 'HEART_BEAT', EventTimestamp: ts, AgentARN: 'arn:a', CurrentAgentSnapshot: { AgentStatus: { Name: 'Available', Type: 'ROUTABLE' }, Contacts: [] } });
    expect(p.push({ lineNumber: 1, text: line('2024-06-10T08:00:00Z') }).records).toHaveLength(1);
    const q = new ConnectAgentEventsParser();
    q.importState(p.exportState());
    expect(q.push({ lineNumber: 1, text: line('2024-06-10T08:01:00Z') })).toMatchObject({ status: 'accepted', records: [] });
  });
});
