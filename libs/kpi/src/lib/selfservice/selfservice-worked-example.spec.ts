import type { Contact, SelfServiceSession } from '@floorwatch/contracts';
import { computeSelfServiceKpis } from './selfservice-kpis';

const T0 = Date.parse('2026-03-02T08:00:00Z');
const DAY_MS = 86_400_000;
const window = { from: T0 - 3_600_000, to: T0 + DAY_MS, asOf: T0 + 30 * DAY_MS };

let n = 0;
function session(outcome: SelfServiceSession['outcome'], seconds: number, over: Partial<SelfServiceSession> = {}): SelfServiceSession {
  const startedAt = T0 + n * 1000;
  n++;
  return { sessionId: `s${n}`, customerKey: `cust${n}`, channel: 'ivr', entryPoint: 'main', startedAt, endedAt: startedAt + seconds * 1000, outcome, intent: null, lastNode: null, idAttempted: null, idPassed: null, transferredContactId: null, siteId: 'lon', ...over };
}
function contact(over: Partial<Contact>): Contact {
  return { contactId: 'c', segmentId: 'c', channel: 'voice', queueId: 'q', reason: 'q', agentId: 'a1', customerKey: null, enqueuedAt: T0, answeredAt: T0 + 10_000, endedAt: T0 + 200_000, waitSeconds: 10, talkSeconds: 100, holdSeconds: 0, acwSeconds: 10, outcome: 'handled', transferredTo: null, siteId: 'lon', teamId: 't', direction: 'inbound', queued: true, ...over };
}

describe('selfservice.md §6 worked example: 1 000 sessions', () => {
  n = 0;
  const sessions: SelfServiceSession[] = [
    ...Array.from({ length: 20 }, () => session('abandoned', 5)), // short abandons (< 10 s)
    ...Array.from({ length: 560 }, () => session('contained', 60)),
    ...Array.from({ length: 340 }, () => session('transferred', 60)),
    ...Array.from({ length: 60 }, () => session('abandoned', 30)),
    ...Array.from({ length: 20 }, () => session('error', 60)),
  ];
  // 500 ID attempts among the first 500 sessions, the first 100 of them failed
  sessions.slice(0, 500).forEach((s, i) => Object.assign(s, { idAttempted: true, idPassed: i >= 100 }));
  const contained = sessions.filter((s) => s.outcome === 'contained');
  // 84 of the 560 contained customers come back (a voice contact) 2 days later: within W = 7 days
  const repeats = contained.slice(0, 84).map((s, i) => contact({ contactId: `r${i}`, segmentId: `r${i}`, customerKey: s.customerKey, enqueuedAt: (s.endedAt ?? 0) + 2 * DAY_MS, answeredAt: null, endedAt: (s.endedAt ?? 0) + 2 * DAY_MS + 60_000, agentId: null, outcome: 'abandoned' }));
  // 1 240 inbound handled segments in the window
  const handled = Array.from({ length: 1240 }, (_, i) => contact({ contactId: `h${i}`, segmentId: `h${i}` }));
  const [all] = computeSelfServiceKpis({ sessions, contacts: [...handled, ...repeats] }, window).values();

  it('base 980 = 1 000 − 20; containment, opt-out, abandon, error rates add to 100', () => {
    expect(all.ivrOffered).toBe(1000);
    expect(all.ivrShortAbandoned).toBe(20);
    expect(all.ivrContainmentPct).toBeCloseTo((100 * 560) / 980, 6); // 57.142857
    expect(all.ivrOptOutPct).toBeCloseTo((100 * 340) / 980, 6); // 34.693878
    expect(all.ivrAbandonPct).toBeCloseTo((100 * (80 - 20)) / 980, 6); // 6.122449
    expect(all.ivrErrorPct).toBeCloseTo((100 * 20) / 980, 6); // 2.040816
    expect((all.ivrContainmentPct ?? 0) + (all.ivrOptOutPct ?? 0) + (all.ivrAbandonPct ?? 0) + (all.ivrErrorPct ?? 0)).toBeCloseTo(100, 9);
    expect([all.ivrContainmentPct, all.ivrOptOutPct, all.ivrAbandonPct, all.ivrErrorPct].map((v) => Number(v?.toFixed(6)))).toEqual([57.142857, 34.693878, 6.122449, 2.040816]);
  });

  it('84 of 560 repeat within 7 days: resolution 85 (476/560), effective 48.571429 (476/980)', () => {
    expect([all.ssEligible, all.ssPending]).toEqual([560, 0]);
    expect(all.selfServiceResolutionPct).toBeCloseTo(85, 9);
    expect(all.effectiveContainmentPct).toBeCloseTo((100 * 476) / 980, 9);
  });

  it('idFailurePct 20 (100 / 500); share 31.111111 = 560 / (560 + 1 240)', () => {
    expect(all.idFailurePct).toBe(20);
    expect(all.selfServiceSharePct).toBeCloseTo((100 * 560) / 1800, 9);
  });

  it('ivrSeconds is the mean of all durations, short abandons included', () => {
    // 20×5 + 560×60 + 340×60 + 60×30 + 20×60 = 100 + 33 600 + 20 400 + 1 800 + 1 200 = 57 100
    expect(all.ivrSeconds).toBeCloseTo(57_100 / 1000, 9);
  });
});

describe('timeToHumanSeconds: 60 s answered after 10 s; 90 s, 30 s; 120 s abandoned in queue → 95', () => {
  it('means duration + wait over transferred sessions whose contact was answered', () => {
    n = 0;
    const sessions = [session('transferred', 60, { transferredContactId: 'k1' }), session('transferred', 90, { transferredContactId: 'k2' }), session('transferred', 120, { transferredContactId: 'k3' })];
    const contacts = [
      contact({ contactId: 'k1', segmentId: 'k1', waitSeconds: 10 }),
      contact({ contactId: 'k2', segmentId: 'k2', waitSeconds: 30, direction: 'callback' }), // a callback: its queue time counts here
      contact({ contactId: 'k3', segmentId: 'k3', waitSeconds: 200, agentId: null, answeredAt: null, outcome: 'abandoned' }),
    ];
    const [all] = computeSelfServiceKpis({ sessions, contacts }, window).values();
    expect(all.timeToHumanSeconds).toBe((60 + 10 + (90 + 30)) / 2); // 95
    expect(all.ivrOptOutPct).toBe(100);
  });
});

describe('true containment: pending until endedAt + W ≤ asOf; repeats by session or non-outbound contact only', () => {
  it('a contained session is repeated by a later session, not by an outbound call; a recent one is pending', () => {
    n = 0;
    const a = session('contained', 60, { customerKey: 'X' });
    const b = session('contained', 60, { customerKey: 'Y' });
    const later = session('abandoned', 40, { customerKey: 'X', startedAt: (a.endedAt ?? 0) + DAY_MS, endedAt: (a.endedAt ?? 0) + DAY_MS + 40_000 });
    const outbound = contact({ customerKey: 'Y', direction: 'outbound', queued: false, enqueuedAt: (b.endedAt ?? 0) + DAY_MS, endedAt: (b.endedAt ?? 0) + DAY_MS + 100_000 });
    const [all] = computeSelfServiceKpis({ sessions: [a, b, later], contacts: [outbound] }, { ...window, to: T0 + 2 * DAY_MS }).values();
    expect([all.ssEligible, all.ssPending, all.selfServiceResolutionPct]).toEqual([2, 0, 50]); // X repeated, Y not
    const [early] = computeSelfServiceKpis({ sessions: [a, b], contacts: [] }, { ...window, asOf: T0 + 6 * DAY_MS }).values();
    expect([early.ssEligible, early.ssPending, early.selfServiceResolutionPct]).toEqual([0, 2, null]);
  });

  it('groups by intent (unknown when null) with the share null there; coverage keys reason|channel', () => {
    n = 0;
    const sessions = [session('contained', 60, { intent: 'balance' }), session('transferred', 60)];
    const contacts = [contact({ reason: 'billing' })];
    const byIntent = computeSelfServiceKpis({ sessions, contacts }, { ...window, by: 'intent' });
    expect([...byIntent.keys()]).toEqual(['balance', 'unknown']);
    expect(byIntent.get('balance')?.selfServiceSharePct).toBeNull();
    const coverage = computeSelfServiceKpis({ sessions, contacts }, { ...window, by: 'coverage' });
    expect([...coverage.keys()]).toEqual(['balance|ivr', 'billing|voice', 'unknown|ivr']);
    expect(coverage.get('billing|voice')?.selfServiceSharePct).toBe(0);
    expect(coverage.get('balance|ivr')?.selfServiceSharePct).toBe(100);
  });
});
