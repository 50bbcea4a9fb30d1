import type { WaitingContact } from '@floorwatch/contracts';
import { queueWaiting } from './queue-waiting';

const at = (hms: string): number => Date.parse(`2026-03-02T${hms}Z`);
const call = (queueId: string, enteredAt: string, siteId = 'chi', channel: WaitingContact['channel'] = 'voice'): WaitingContact => ({ queueId, siteId, channel, enteredAt: at(enteredAt) });

describe('calls waiting and the longest wait, for the wallboard', () => {
  it('3 calls in queue since 10:00:00, 10:01:30 and 10:02:00, at 10:03:00: 3 waiting, longest 3:00', () => {
    const r = queueWaiting('chi', [call('chi-billing', '10:00:00'), call('chi-sales', '10:01:30'), call('chi-billing', '10:02:00')], at('10:03:00'));
    // longest = 10:03:00 − 10:00:00 = 180 s
    expect(r.channels.voice).toEqual({ waiting: 3, longestWaitSeconds: 180, oldestEnteredAt: '2026-03-02T10:00:00.000Z' });
    // chi-billing: 2 (oldest 10:00:00 → 180 s); chi-sales: 1 (10:01:30 → 90 s)
    expect(r.queues).toEqual([
      { queueId: 'chi-billing', channel: 'voice', waiting: 2, longestWaitSeconds: 180, oldestEnteredAt: '2026-03-02T10:00:00.000Z' },
      { queueId: 'chi-sales', channel: 'voice', waiting: 1, longestWaitSeconds: 90, oldestEnteredAt: '2026-03-02T10:01:30.000Z' },
    ]);
  });

  it('other sites, chats and calls entering after asOf are kept apart; nobody waiting is 0, not blank', () => {
    const r = queueWaiting('chi', [call('lon-billing', '09:00:00', 'lon'), call('chi-chat', '10:02:30', 'chi', 'chat'), call('chi-billing', '10:03:01')], at('10:03:00'));
    expect(r.channels.voice).toEqual({ waiting: 0, longestWaitSeconds: null, oldestEnteredAt: null });
    // chat: 10:03:00 − 10:02:30 = 30 s
    expect(r.channels.chat).toEqual({ waiting: 1, longestWaitSeconds: 30, oldestEnteredAt: '2026-03-02T10:02:30.000Z' });
    expect(r.queues.map((q) => q.queueId)).toEqual(['chi-chat']);
  });
});

describe('calls waiting on a completed-contact feed: unknown, not 0', () => {
  const REASON = 'feed reports completed contacts only';
  it('Chicago chi-billing on Connect CTRs, chi-chat on queue_log with 1 chat since 10:02:30: voice and chi-billing unknown, chat 1 for 0:30', () => {
    const r = queueWaiting('chi', [call('chi-chat', '10:02:30', 'chi', 'chat')], at('10:03:00'), [{ queueId: 'chi-billing', channel: 'voice' }]);
    expect(r.channels.voice).toEqual({ waiting: null, longestWaitSeconds: null, oldestEnteredAt: null, reason: REASON });
    // chat: 10:03:00 − 10:02:30 = 30 s
    expect(r.channels.chat).toEqual({ waiting: 1, longestWaitSeconds: 30, oldestEnteredAt: '2026-03-02T10:02:30.000Z' });
    expect(r.queues).toEqual([
      { queueId: 'chi-billing', channel: 'voice', waiting: null, longestWaitSeconds: null, oldestEnteredAt: null, reason: REASON },
      { queueId: 'chi-chat', channel: 'chat', waiting: 1, longestWaitSeconds: 30, oldestEnteredAt: '2026-03-02T10:02:30.000Z' },
    ]);
  });

  it('a voice queue known (2 waiting) beside an unknown one: the site\'s voice total is unknown, the known queue keeps its 2', () => {
    const r = queueWaiting('chi', [call('chi-sales', '10:00:00'), call('chi-sales', '10:01:00')], at('10:03:00'), [{ queueId: 'chi-billing', channel: 'voice' }]);
    expect(r.channels.voice?.waiting).toBeNull();
    expect(r.queues.map((q) => [q.queueId, q.waiting])).toEqual([['chi-billing', null], ['chi-sales', 2]]);
  });
});
