import { QueueLogParser } from './parser';
import { byKey, runFeed } from '../testing/run-feed';
import { summarise } from '../outcome';

const T = 1718000000;
const at = (offsetSeconds: number): number => (T + offsetSeconds) * 1000;
const text = (lines: string[]): { text: string } => ({ text: lines.join('\n') + '\n' });

describe('queue_log malformed lines are quarantined, each with its own reason', () => {
  it('wrong field count, bad timestamp, unknown event, negative duration, missing call id', async () => {
    const run = await runFeed('queue_log', text([
      `${T}|1.1|sales`,
      `yesterday|1.2|sales|NONE|ENTERQUEUE||555|1`,
      `${T}|1.3|sales|NONE|FROBNICATE|x`,
      `${T}|1.4|sales|Agent/1|COMPLETECALLER|-5|10|1`,
      `${T}|1.5|sales|Agent/1|COMPLETECALLER|5`,
      `${T}|NONE|sales|NONE|ENTERQUEUE||555|1`,
      `${T}|1.6|sales|Agent/1|CONNECT|abc|x|1`,
      `${T}|1.7|sales|NONE|ENTERQUEUE||555|1`,
    ]));
    expect(run.outcomes.map((o) => [o.lineNumber, o.status, o.reason])).toEqual([
      [1, 'quarantined', 'wrong-field-count'],
      [2, 'quarantined', 'bad-timestamp'],
      [3, 'quarantined', 'unknown-event'],
      [4, 'quarantined', 'negative-duration'],
      [5, 'quarantined', 'wrong-field-count'],
      [6, 'quarantined', 'missing-field:callid'],
      [7, 'quarantined', 'bad-number:holdtime'],
      [8, 'accepted', undefined],
    ]);
    expect(summarise(run.outcomes)).toEqual({
      read: 8, accepted: 1, duplicates: 0, quarantined: 7,
      reasons: { 'wrong-field-count': 2, 'bad-timestamp': 1, 'unknown-event': 1, 'negative-duration': 1, 'missing-field:callid': 1, 'bad-number:holdtime': 1 },
    });
    expect(run.quarantined[0].detail).toContain('got 3 field(s)');
  });

  it('a second COMPLETE for a call that already ended is quarantined, not a new contact', async () => {
    const run = await runFeed('queue_log', text([
      `${T}|9.1|sales|NONE|ENTERQUEUE||555|1`,
      `${T + 4}|9.1|sales|NONE|CONNECT|4|x|1`,
      `${T + 64}|9.1|sales|NONE|COMPLETECALLER|4|60|1`,
      `${T + 64}|9.1|sales|NONE|COMPLETEAGENT|4|60|1`,
    ]));
    expect(run.outcomes.map((o) => o.reason)).toEqual([undefined, undefined, undefined, 'call-already-closed']);
    expect(run.contacts).toHaveLength(1);
  });

  it('configured ignored events are accepted with no record', async () => {
    const run = await runFeed('queue_log', text([`${T}|NONE|sales|SIP/1|PENALTY|5`]), new QueueLogParser({ ignoredEvents: ['penalty'] }));
    expect(run.outcomes[0]).toMatchObject({ status: 'accepted', records: [] });
  });
});

describe('queue_log interleaved and out-of-order calls', () => {
  it('lines of two calls interleaved, the second call logged before the first ends', async () => {
    const run = await runFeed('queue_log', text([
      `${T + 20}|2.2|sales|NONE|ENTERQUEUE||222|1`, // call 2 logged first though it entered later
      `${T}|2.1|sales|NONE|ENTERQUEUE||111|1`,
      `${T + 25}|2.2|sales|SIP/b|CONNECT|5|x|1`,
      `${T + 10}|2.1|sales|SIP/a|CONNECT|10|x|1`,
      `${T + 70}|2.1|sales|SIP/a|COMPLETEAGENT|10|60|1`,
      `${T + 65}|2.2|sales|SIP/b|COMPLETECALLER|5|40|1`,
    ]));
    expect(run.quarantined).toEqual([]);
    expect(byKey(run.contacts, 'ql:2.1:1')).toMatchObject({ agentRef: 'SIP/a', customerRef: '111', enqueuedAt: at(0), answeredAt: at(10), endedAt: at(70), waitSeconds: 10, talkSeconds: 60 });
    expect(byKey(run.contacts, 'ql:2.2:1')).toMatchObject({ agentRef: 'SIP/b', customerRef: '222', enqueuedAt: at(20), answeredAt: at(25), endedAt: at(65), waitSeconds: 5, talkSeconds: 40 });
  });

  it('CONNECT and COMPLETE with agent NONE: contact with agentRef null, no agent state', async () => {
    const run = await runFeed('queue_log', text([
      `${T}|3.1|sales|NONE|ENTERQUEUE||333|1`,
      `${T + 8}|3.1|sales|NONE|CONNECT|8|x|3`,
      `${T + 98}|3.1|sales|NONE|COMPLETECALLER|8|90|1`,
    ]));
    expect(run.states).toEqual([]);
    expect(byKey(run.contacts, 'ql:3.1:1')).toMatchObject({ agentRef: null, waitSeconds: 8, talkSeconds: 90, outcome: 'handled' });
    // emitted at once: nobody's wrap-up can follow it
    expect(run.outcomes[2].records).toHaveLength(1);
  });

  it('an acw pause more than 5 s after the call is not that call\'s wrap-up', async () => {
    const run = await runFeed('queue_log', text([
      `${T}|4.1|sales|NONE|ENTERQUEUE||444|1`,
      `${T + 2}|4.1|sales|SIP/a|CONNECT|2|x|1`,
      `${T + 32}|4.1|sales|SIP/a|COMPLETECALLER|2|30|1`,
      `${T + 40}|NONE|NONE|SIP/a|PAUSE|Wrapup`, // 8 s after the end
      `${T + 100}|NONE|NONE|SIP/a|UNPAUSE|`,
    ]));
    expect(byKey(run.contacts, 'ql:4.1:1').acwSeconds).toBe(0);
    expect(run.states.map((s) => s.state)).toEqual(['on_contact', 'available', 'acw', 'available']);
  });

  it('pausing with ACW during the call puts the agent in acw from the call end', async () => {
    const run = await runFeed('queue_log', text([
      `${T}|5.1|sales|NONE|ENTERQUEUE||555|1`,
      `${T + 3}|5.1|sales|SIP/a|CONNECT|3|x|1`,
      `${T + 20}|NONE|NONE|SIP/a|PAUSE|wrap-up`,
      `${T + 63}|5.1|sales|SIP/a|COMPLETEAGENT|3|60|1`,
      `${T + 83}|NONE|NONE|SIP/a|UNPAUSE|`,
    ]));
    // acw from 63 to 83 = 20 s
    expect(byKey(run.contacts, 'ql:5.1:1').acwSeconds).toBe(20);
    expect(run.states.map((s) => [s.at / 1000 - T, s.state])).toEqual([[3, 'on_contact'], [63, 'acw'], [83, 'available']]);
  });
});

describe('queue_log call spanning two files', () => {
  const file1 = [
    `${T}|NONE|sales|Agent/7|ADDMEMBER|`,
    `${T + 100}|6.1|sales|NONE|ENTERQUEUE||5556666|1`,
    `${T + 115}|6.1|sales|Agent/7|CONNECT|15|x|2`,
  ];
  const file2 = [
    `${T + 295}|6.1|sales|Agent/7|COMPLETEAGENT|15|180|1`,
    `${T + 297}|NONE|NONE|Agent/7|PAUSE|ACW`,
    `${T + 327}|NONE|NONE|Agent/7|UNPAUSE|`,
  ];

  it('exportState after file 1 and importState before file 2 complete the call', async () => {
    const first = new QueueLogParser();
    const r1 = await runFeed('queue_log', text(file1), first, true);
    expect(r1.contacts).toEqual([]);
    const saved = first.exportState();

    const second = new QueueLogParser();
    second.importState(saved);
    const r2 = await runFeed('queue_log', text(file2), second);
    expect(r2.contacts).toHaveLength(1);
    expect(r2.contacts[0]).toMatchObject({
      naturalKey: 'ql:6.1:1', agentRef: 'Agent/7', customerRef: '5556666',
      enqueuedAt: at(100), answeredAt: at(115), endedAt: at(295),
      waitSeconds: 15, talkSeconds: 180, acwSeconds: 30, // 327 - 297
    });
    // the agent returns to the state before the call (available, from file 1)
    expect(r2.states.map((s) => [s.at / 1000 - T, s.state])).toEqual([[295, 'available'], [297, 'acw'], [327, 'available']]);
  });

  it('a call still open 4 h after the latest event is listed by openCalls', async () => {
    const p = new QueueLogParser();
    await runFeed('queue_log', text([...file1, `${T + 100 + 4 * 3600 + 1}|NONE|NONE|NONE|QUEUESTART|`]), p, true);
    expect(p.openCalls()).toEqual([{ callId: '6.1', queueRef: 'sales', enqueuedAt: at(100), answered: true, lineNumber: 2, raw: file1[1] }]);
    expect(p.openCalls(5 * 3600)).toEqual([]);
  });

  it('importState rejects a state it cannot read', () => {
    expect(() => new QueueLogParser().importState('{"version":9}')).toThrow(/unknown shape/);
    expect(() => new QueueLogParser().importState('nope')).toThrow(/not JSON/);
  });

  it('end() flushes a wrap-up still running at the end of the feed, counted to the latest event', async () => {
    const run = await runFeed('queue_log', text([...file1, file2[0], file2[1], `${T + 310}|NONE|NONE|NONE|QUEUESTART|`]));
    // acw from 297 to the latest event 310 = 13 s
    expect(run.contacts[0].acwSeconds).toBe(13);
  });
});
