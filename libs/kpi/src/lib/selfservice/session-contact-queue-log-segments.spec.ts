import fc from 'fast-check';
import type { Contact, SelfServiceSession } from '@floorwatch/contracts';
import { buildTouches } from '../journeys/journeys';
import { computeSelfServiceKpis } from './selfservice-kpis';
import { sessionContactIndex } from './session-contact';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const contact = (contactId: string, segmentId: string, at: number, wait: number, extra: Partial<Contact> = {}): Contact => ({
  contactId, segmentId, channel: 'voice', queueId: 'q', reason: 'q', agentId: 'a1', customerKey: `cust-${contactId}`,
  enqueuedAt: at, answeredAt: at + wait * 1000, endedAt: at + (wait + 100) * 1000, waitSeconds: wait, talkSeconds: 100,
  holdSeconds: 0, acwSeconds: 0, outcome: 'handled', transferredTo: null, siteId: 's', teamId: 't', ...extra,
});
const session = (id: string, to: string, at: number, seconds: number): SelfServiceSession => ({
  sessionId: id, customerKey: null, channel: 'ivr', entryPoint: 'e', startedAt: at - seconds * 1000, endedAt: at, outcome: 'transferred',
  intent: null, lastNode: null, idAttempted: null, idPassed: null, transferredContactId: to, siteId: 's',
});

describe('a session finds its contact by an unambiguous key (queue_log segments are all "1")', () => {
  // Two queue_log calls, both segment "1"; call 1700.2 was transferred to a second segment "2".
  const a = contact('1700.1', '1', T0, 10);
  const b1 = contact('1700.2', '1', T0 + 60_000, 30);
  const b2 = contact('1700.2', '2', T0 + 200_000, 5);
  const connect = contact('c-uuid', 'c-uuid', T0 + 120_000, 50);

  it('by call id: the first segment of that call; by a Connect id: its own segment; a shared segmentId "1": nothing', () => {
    const find = sessionContactIndex([b2, connect, b1, a]);
    expect(find('1700.1')).toBe(a);
    expect(find('1700.2')).toBe(b1);
    expect(find('c-uuid')).toBe(connect);
    expect(find('1')).toBeUndefined();
    expect(find('2')).toBe(b2); // only one segment is "2"
  });

  it('time to a human uses each session\'s own call: (60 + 10 + 20 + 30) / 2 = 60 s, not the last "1" segment\'s wait twice', () => {
    const sessions = [session('s1', '1700.1', T0, 60), session('s2', '1700.2', T0 + 60_000, 20)];
    const v = computeSelfServiceKpis({ sessions, contacts: [a, b1, b2] }, { from: T0 - 3_600_000, to: T0 + 3_600_000, asOf: T0 + 30 * 86_400_000 }).get('all');
    expect(v?.timeToHumanSeconds).toBe(60);
  });

  it('journeys: a session handed to call 1700.2 joins that call (one touch), whatever the input order', () => {
    const s = { ...session('s2', '1700.2', T0 + 60_000, 20), customerKey: 'cust-1700.2' };
    fc.assert(
      fc.property(fc.shuffledSubarray([a, b1, b2, connect], { minLength: 4, maxLength: 4 }), (contacts) => {
        const touches = buildTouches([s], contacts).filter((t) => t.customerKey === 'cust-1700.2');
        expect(touches).toHaveLength(1);
        // The touch starts at the session's start, 20 s before 1700.2 was queued at T0 + 60 s.
        expect(touches[0].start).toBe(T0 + 40_000);
      }),
    );
  });
});
