import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { summarise } from '../outcome';
import { feedsWildDir } from '../testing/feeds-wild';
import { runFeed } from '../testing/run-feed';

/** Real Connect files published by others (../shared/feeds-wild, see its README); skipped when absent. */
const ctrDir = feedsWildDir('connect-ctr');
const eventsDir = feedsWildDir('connect-agent-events');
const ms = (iso: string): number => Date.parse(iso);

(ctrDir ? describe : describe.skip)('connect-ctr files from the wild', () => {
  const file = (name: string): string => join(ctrDir ?? '', name);

  it('every file is read as JSON values, each judged exactly once (accepted + duplicates + quarantined = read)', async () => {
    const expected: Record<string, number> = {
      'awsdocs-contact-events-eventbridge-NOT-ctr.json': 2,
      'awsdocs-issue10-ctr-recording-fragment.json': 1,
      'capita-firehose-ctr-outbound.json': 1,
      'capita-kfh-ctr-ivr-only.json': 1,
      'kyopark-duplicated-ctrs.json': 6,
    };
    const names = readdirSync(ctrDir ?? '').sort();
    expect(names).toEqual(Object.keys(expected).sort());
    for (const name of names) {
      const s = summarise((await runFeed('connect-ctr', file(name))).outcomes);
      expect([name, s.read, s.accepted + s.duplicates + s.quarantined]).toEqual([name, expected[name], expected[name]]);
    }
  });

  it('kyopark: one ContactId in 3 versions, each delivered twice: 6 CTRs, all one contact key, the latest revision 2022-01-11T04:09:47Z', async () => {
    const run = await runFeed('connect-ctr', file('kyopark-duplicated-ctrs.json'));
    expect(run.outcomes.map((o) => o.status)).toEqual(Array(6).fill('accepted'));
    expect(new Set(run.contacts.map((c) => c.naturalKey))).toEqual(new Set(['ctr:6fe40d2a-1a89-4d73-bfcf-5d9c33894f47']));
    // each version twice, byte-identical: the ingest sees the second copy as a duplicate (same canonical text)
    expect(run.outcomes.map((o) => o.raw).filter((raw, i, all) => all.indexOf(raw) === i)).toHaveLength(3);
    const latest = run.contacts.reduce((a, b) => ((b.lastUpdatedAt ?? 0) > (a.lastUpdatedAt ?? 0) ? b : a));
    expect(latest).toMatchObject({
      lastUpdatedAt: ms('2022-01-11T04:09:47Z'),
      agentRef: 'Steve.Lusk',
      queueRef: 'TCC Refrig AC LLA',
      enqueuedAt: ms('2022-01-05T17:14:46Z'),
      waitSeconds: 346, // Queue.Duration = 17:20:32 - 17:14:46
      talkSeconds: 239,
      holdSeconds: 221,
      acwSeconds: 5,
      outcome: 'transferred', // TransferredToEndpoint +18002430000
      transferredTo: '+18002430000',
    });
  });

  it('capita Firehose OUTBOUND CTR (Queue with null timestamps, Duration 0): one outbound, unqueued contact from InitiationTimestamp, wait 0', async () => {
    const run = await runFeed('connect-ctr', file('capita-firehose-ctr-outbound.json'));
    expect(run.contacts).toHaveLength(1);
    expect(run.contacts[0]).toMatchObject({
      direction: 'outbound',
      queued: false,
      enqueuedAt: ms('2019-02-27T08:19:18Z'),
      answeredAt: ms('2019-02-27T08:19:22Z'),
      waitSeconds: 0,
      talkSeconds: 86,
      acwSeconds: 10,
      agentRef: 'P12288098',
      queueRef: 'National Accounts',
      outcome: 'handled',
    });
  });

  it('capita IVR-only CTR (pretty-printed, Agent and Queue null): accepted, no contact', async () => {
    const run = await runFeed('connect-ctr', file('capita-kfh-ctr-ivr-only.json'));
    // no contact; one IVR session (selfservice.md §2, 4 s, no DisconnectReason: abandoned, reason missing)
    expect(run.outcomes.map((o) => [o.lineNumber, o.status, o.records.map((r) => r.kind).join()])).toEqual([[1, 'accepted', 'session']]);
    expect(run.records[0]).toMatchObject({ sessionId: 'ctr:4cdd0d7e-0992-4d66-9ad3-0ec33b478fa1', channel: 'ivr', entryPoint: '+441462413867', outcome: 'abandoned', reasonMissing: true, startedAt: ms('2019-01-30T15:11:35Z'), endedAt: ms('2019-01-30T15:11:39Z') });
  });

  it('the recording fragment without ContactId is one quarantined record with a reason', async () => {
    const run = await runFeed('connect-ctr', file('awsdocs-issue10-ctr-recording-fragment.json'));
    expect(run.outcomes.map((o) => [o.lineNumber, o.status, o.reason])).toEqual([[1, 'quarantined', 'missing-field:ContactId']]);
  });

  it('EventBridge contact events are not records: one not-a-ctr, one bad-json (trailing comma), starting lines 1 and 18', async () => {
    const run = await runFeed('connect-ctr', file('awsdocs-contact-events-eventbridge-NOT-ctr.json'));
    expect(run.records).toEqual([]);
    expect(run.outcomes.map((o) => [o.lineNumber, o.reason])).toEqual([
      [1, 'not-a-ctr'],
      [18, 'bad-json'],
    ]);
    expect(run.outcomes[1].detail).toContain('line 54'); // the `}` after the trailing comma
  });
});

(eventsDir ? describe : describe.skip)('connect-agent-events files from the wild', () => {
  const file = (name: string): string => join(eventsDir ?? '', name);

  it('capita pretty-printed STATE_CHANGE: one event, agent P12345678 on_contact (contact CONNECTED) at its EventTimestamp', async () => {
    const run = await runFeed('connect-agent-events', file('capita-agent-event-state-change.json'));
    expect(summarise(run.outcomes)).toMatchObject({ read: 1, accepted: 1 });
    expect(run.states).toEqual([{ kind: 'state', agentRef: 'P12345678', at: ms('2019-06-24T09:03:55.795Z'), state: 'on_contact' }]);
  });

  it('capita Kinesis envelope: the decoded STATE_CHANGE (status Available, no Type; missed contact in ERROR) makes P12288098 available', async () => {
    const run = await runFeed('connect-agent-events', file('capita-kinesis-lambda-record.json'));
    expect(run.outcomes.map((o) => [o.lineNumber, o.status])).toEqual([[1, 'accepted']]);
    expect(run.states).toEqual([{ kind: 'state', agentRef: 'P12288098', at: ms('2019-01-21T09:16:02.002Z'), state: 'available' }]);
    // the decoded record, not the envelope, is the unit's canonical text
    expect(JSON.parse(run.outcomes[0].raw)).toMatchObject({ EventType: 'STATE_CHANGE', AgentARN: expect.stringContaining('agent/7548134e') });
  });

  it('the AWS doc HEART_BEAT sample (comments, trailing comma, an extra brace) is ONE quarantined value', async () => {
    const run = await runFeed('connect-agent-events', file('awsdocs-sample-agent-event-stream.json'));
    expect(run.outcomes.map((o) => [o.lineNumber, o.reason])).toEqual([[1, 'bad-json']]);
    expect(run.outcomes[0].detail).toContain('line 7 column 35'); // the first `//`
  });

  it('two commented STATE_CHANGE samples back to back: two quarantined values, the second found at its own line 109', async () => {
    const run = await runFeed('connect-agent-events', file('awsdocs-determine-acw-time.json'));
    expect(run.outcomes.map((o) => [o.lineNumber, o.reason])).toEqual([
      [1, 'bad-json'],
      [109, 'bad-json'],
    ]);
  });
});
