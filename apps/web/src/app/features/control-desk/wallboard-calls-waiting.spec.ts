import type { QueueWaitingResult } from '@floorwatch/contracts';
import { waitClock, waitingNumerals } from './queue-waiting';

const result = (channels: QueueWaitingResult['channels']): QueueWaitingResult => ({ site: 'chi', asOf: '2026-03-02T10:03:00.000Z', channels, queues: [] });

describe('wallboard calls waiting and longest wait', () => {
  it('3 calls waiting since 10:00:00, 10:01:30, 10:02:00 at 10:03:00: "3" and "3:00"', () => {
    // longest = 10:03:00 − 10:00:00 = 180 s = 3:00
    const r = result({ voice: { waiting: 3, longestWaitSeconds: 180, oldestEnteredAt: '2026-03-02T10:00:00.000Z' } });
    expect(waitingNumerals(r)).toEqual([
      { label: 'Calls waiting', text: '3' },
      { label: 'Longest wait', text: '3:00' },
    ]);
  });

  it('nobody waiting is 0 and 0:00, not a dash; loading is "…"', () => {
    expect(waitingNumerals(result({ voice: { waiting: 0, longestWaitSeconds: null, oldestEnteredAt: null } })).map((n) => n.text)).toEqual(['0', '0:00']);
    expect(waitingNumerals(undefined).map((n) => n.text)).toEqual(['…', '…']);
  });

  it('chats waiting are shown apart, with their own longest wait (90 s → 1:30)', () => {
    const r = result({ voice: { waiting: 0, longestWaitSeconds: null, oldestEnteredAt: null }, chat: { waiting: 2, longestWaitSeconds: 90, oldestEnteredAt: '2026-03-02T10:01:30.000Z' } });
    expect(waitingNumerals(r)[2]).toEqual({ label: 'Chats waiting · longest 1:30', text: '2' });
  });

  it('a site on a completed-contact feed (waiting null) reads "n/a" with the reason as a tooltip, never 0', () => {
    const unknown = { waiting: null, longestWaitSeconds: null, oldestEnteredAt: null, reason: 'feed reports completed contacts only' };
    const n = waitingNumerals(result({ voice: unknown, chat: unknown }));
    expect(n.map((x) => [x.label, x.text])).toEqual([['Calls waiting', 'n/a'], ['Longest wait', 'n/a']]);
    expect(n[0].title).toContain('feed reports completed contacts only');
    // a known figure has no tooltip
    expect(waitingNumerals(result({ voice: { waiting: 0, longestWaitSeconds: null, oldestEnteredAt: null } }))[0].title).toBeUndefined();
  });

  it('waits read as a clock: 59 s → 0:59, 605 s → 10:05, 3723 s → 1:02:03', () => {
    expect([59, 605, 3723].map(waitClock)).toEqual(['0:59', '10:05', '1:02:03']);
  });
});
