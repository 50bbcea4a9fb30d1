import fc from 'fast-check';
import { acwSecondsAfter } from './acw-link';
import { deriveCall } from './derive-call';
import type { OrderedLine } from './line-order';
import { parseQueueLogLine } from './parse-line';

const lines = (texts: string[]): OrderedLine[] => texts.map((text) => ({ text, line: parseQueueLogLine(text, new Set()) as NonNullable<ReturnType<typeof parseQueueLogLine>> }));

describe('deriveCall: a call from the set of its lines', () => {
  // c1: queued 09:00:00, answered 10 s later by Agent/1001, talk 300, TRANSFER; re-enters, answered by SIP/1002, talk 60.
  const c1 = [
    '1718010000|c1|sales|NONE|ENTERQUEUE||5551001|1',
    '1718010010|c1|sales|Agent/1001|CONNECT|10|c1.2|3',
    '1718010310|c1|sales|Agent/1001|TRANSFER|200|ext|10|300|1',
    '1718010320|c1|support|NONE|ENTERQUEUE||5551001|1',
    '1718010325|c1|support|SIP/1002|CONNECT|5|c1.3|1',
    '1718010385|c1|support|SIP/1002|COMPLETECALLER|5|60|1',
  ];

  it('gives two segments (transfer, then handled) with the fields of feeds.md', () => {
    const d = deriveCall('c1', lines(c1));
    expect(d.open).toBeNull();
    expect(d.contacts.map((c) => [c.naturalKey, c.queueRef, c.agentRef, c.enqueuedAt / 1000, c.answeredAt! / 1000, c.endedAt / 1000, c.waitSeconds, c.talkSeconds, c.outcome])).toEqual([
      ['ql:c1:1', 'sales', 'Agent/1001', 1718010000, 1718010010, 1718010310, 10, 300, 'transferred'],
      ['ql:c1:2', 'support', 'SIP/1002', 1718010320, 1718010325, 1718010385, 5, 60, 'handled'],
    ]);
  });

  it('any permutation of the lines gives the same contacts', () => {
    const expected = deriveCall('c1', lines(c1));
    fc.assert(fc.property(fc.shuffledSubarray(c1, { minLength: c1.length, maxLength: c1.length }), (shuffled) => {
      expect(deriveCall('c1', lines(shuffled))).toEqual(expected);
    }));
  });

  it('an ENTERQUEUE alone is an open call; with its ABANDON it is abandoned after the logged wait', () => {
    const enter = '1718010000|c2|sales|NONE|ENTERQUEUE||5551002|1';
    expect(deriveCall('c2', lines([enter]))).toEqual({ contacts: [], open: { callId: 'c2', queueRef: 'sales', enteredAt: 1718010000000, answered: false, text: enter } });
    const d = deriveCall('c2', lines(['1718010045|c2|sales|NONE|ABANDON|1|1|45', enter]));
    expect(d.contacts.map((c) => [c.outcome, c.waitSeconds, c.answeredAt])).toEqual([['abandoned', 45, null]]);
  });
});

describe('acwSecondsAfter: the 5 s wrap-up link', () => {
  const end = 1_000_000;
  it('acw starting 2 s after the call, next state 60 s later → 60', () => {
    expect(acwSecondsAfter(end, [{ at: end, state: 'available' }, { at: end + 2000, state: 'acw' }, { at: end + 62_000, state: 'available' }])).toBe(60);
  });
  it('the call returned the agent straight into acw (paused during the call) → from the call end', () => {
    expect(acwSecondsAfter(end, [{ at: end, state: 'acw' }, { at: end + 30_000, state: 'available' }])).toBe(30);
  });
  it('acw 6 s after, another state first, or still open → 0', () => {
    expect(acwSecondsAfter(end, [{ at: end, state: 'available' }, { at: end + 6000, state: 'acw' }, { at: end + 9000, state: 'available' }])).toBe(0);
    expect(acwSecondsAfter(end, [{ at: end, state: 'available' }, { at: end + 1000, state: 'aux:break' }, { at: end + 2000, state: 'acw' }])).toBe(0);
    expect(acwSecondsAfter(end, [{ at: end, state: 'available' }, { at: end + 2000, state: 'acw' }])).toBe(0);
  });
});
