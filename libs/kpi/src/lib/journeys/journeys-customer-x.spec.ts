import fc from 'fast-check';
import type { Contact, SelfServiceSession } from '@floorwatch/contracts';
import { computeSelfServiceKpis } from '../selfservice/selfservice-kpis';
import { addHandledEffort, emptyHandledEffort, finaliseHandledEffort } from './handled-effort';
import { buildJourneys, buildTouches, chainOf, computeJourneyKpis } from './journeys';

const at = (s: string): number => Date.parse(`2026-03-${s}:00Z`);
const window = { from: at('02T00:00'), to: at('03T00:00'), asOf: at('20T00:00') };

function session(id: string, start: string, end: string, outcome: SelfServiceSession['outcome'], over: Partial<SelfServiceSession> = {}): SelfServiceSession {
  return { sessionId: id, customerKey: 'X', channel: 'ivr', entryPoint: 'main', startedAt: at(start), endedAt: at(end), outcome, intent: null, lastNode: null, idAttempted: null, idPassed: null, transferredContactId: null, siteId: 'lon', ...over };
}
function contact(id: string, channel: Contact['channel'], start: string, end: string, over: Partial<Contact> = {}): Contact {
  return { contactId: id, segmentId: id, channel, queueId: 'q', reason: 'billing', agentId: 'a1', customerKey: 'X', enqueuedAt: at(start), answeredAt: at(start), endedAt: at(end), waitSeconds: 0, talkSeconds: 60, holdSeconds: 0, acwSeconds: 0, outcome: 'handled', transferredTo: null, siteId: 'lon', teamId: 't', direction: 'inbound', queued: true, ...over };
}

// Customer X: IVR d1 10:00–10:03 contained; chat d1 14:00–14:10; IVR then voice d2 09:00–09:08.
const ivr1 = session('s1', '02T10:00', '02T10:03', 'contained');
const chat = contact('chat1', 'chat', '02T14:00', '02T14:10');
const ivr2 = session('s2', '03T09:00', '03T09:02', 'transferred', { transferredContactId: 'v1' });
const voice = contact('v1', 'voice', '03T09:02', '03T09:08');

describe('selfservice.md §6 customer X: journeys, derivedChain, effort', () => {
  it('18 h 50 min after the chat: 1 journey of 3 touches ivr>chat>voice, effort 3', () => {
    const journeys = buildJourneys(buildTouches([ivr1, ivr2], [chat, voice]));
    expect(journeys.map((j) => [j.touches.length, chainOf(j.touches)])).toEqual([[3, 'ivr>chat>voice']]);
    // the voice touch starts with its IVR session at 09:00: 18 h 50 min after 14:10
    expect(journeys[0].touches[2].start - at('02T14:10')).toBe((18 * 60 + 50) * 60_000);
    const kpis = computeJourneyKpis([ivr1, ivr2], [chat, voice], window);
    expect(kpis.get('all')).toEqual({ journeys: 1, journeyContacts: 3, journeysPending: 0, customerEffort: 3 });
    expect([...computeJourneyKpis([ivr1, ivr2], [chat, voice], { ...window, by: 'derivedChain' }).keys()]).toEqual(['ivr>chat>voice']);
  });

  it('the chat repeats the contained session (not resolved by self-service)', () => {
    const [all] = computeSelfServiceKpis({ sessions: [ivr1], contacts: [chat] }, window).values();
    expect([all.ssEligible, all.selfServiceResolutionPct]).toEqual([1, 0]);
  });

  it('voice at d2 14:11 instead (24 h 1 min after 14:10): 2 journeys, effort 1.5 (3 / 2)', () => {
    const late = contact('v2', 'voice', '03T14:11', '03T14:20');
    const kpis = computeJourneyKpis([ivr1], [chat, late], { ...window, to: at('04T00:00') });
    expect(kpis.get('all')).toEqual({ journeys: 2, journeyContacts: 3, journeysPending: 0, customerEffort: 1.5 });
  });

  it('a journey whose last end + 24 h is after asOf is pending; outbound and short-abandon touches are left out', () => {
    const outbound = contact('o1', 'voice', '02T11:00', '02T11:05', { direction: 'outbound', queued: false });
    const short = session('s3', '02T12:00', '02T12:00', 'abandoned');
    expect(buildTouches([ivr1, short], [outbound]).length).toBe(1);
    const kpis = computeJourneyKpis([ivr1], [chat], { ...window, asOf: at('03T12:00') });
    expect(kpis.get('all')).toEqual({ journeys: 0, journeyContacts: 0, journeysPending: 1, customerEffort: null });
  });
});

describe('transferRatePct, agentDisconnectPct, shortHandledPct', () => {
  it('hand-computed: 4 handled, 1 transferred, 2 short; disconnect over known voice non-transfer non-outbound', () => {
    const t = emptyHandledEffort();
    for (const c of [
      contact('a', 'voice', '02T10:00', '02T10:05', { endedBy: 'agent', talkSeconds: 10 }),
      contact('b', 'voice', '02T10:00', '02T10:05', { endedBy: 'customer' }),
      contact('c', 'voice', '02T10:00', '02T10:05', { endedBy: 'agent', outcome: 'transferred' }), // left out of disconnect
      contact('d', 'voice', '02T10:00', '02T10:05', { endedBy: 'agent', direction: 'outbound', talkSeconds: 19 }), // left out of disconnect
    ]) addHandledEffort(t, c);
    expect(finaliseHandledEffort(t)).toEqual({ transferRatePct: 25, agentDisconnectPct: 50, shortHandledPct: 50 });
  });
});

describe('order-free (fast-check): journeys and true containment do not depend on record order', () => {
  const arbSession = fc.record({ i: fc.nat(50), cust: fc.constantFrom('X', 'Y', 'Z'), startMin: fc.nat(3 * 24 * 60), dur: fc.nat(600), outcome: fc.constantFrom('contained', 'transferred', 'abandoned', 'error') as fc.Arbitrary<SelfServiceSession['outcome']> });
  const arbContact = fc.record({ cust: fc.constantFrom('X', 'Y', 'Z'), startMin: fc.nat(3 * 24 * 60), dur: fc.nat(3600), channel: fc.constantFrom('voice', 'chat') as fc.Arbitrary<Contact['channel']> });
  it('shuffled sessions and contacts give the same journeys and resolution', () => {
    fc.assert(
      fc.property(fc.array(arbSession, { maxLength: 25 }), fc.array(arbContact, { maxLength: 25 }), fc.nat(), (ss, cs, seed) => {
        const base = at('02T00:00');
        const sessions = ss.map((s, k) => session(`s${k}`, '02T00:00', '02T00:00', s.outcome, { customerKey: s.cust, startedAt: base + s.startMin * 60_000, endedAt: base + s.startMin * 60_000 + s.dur * 1000 }));
        const contacts = cs.map((c, k) => contact(`c${k}`, c.channel, '02T00:00', '02T00:00', { customerKey: c.cust, enqueuedAt: base + c.startMin * 60_000, answeredAt: base + c.startMin * 60_000, endedAt: base + c.startMin * 60_000 + c.dur * 1000 }));
        const shuffle = <T>(xs: T[]): T[] => xs.map((x, k) => ({ x, r: (k * 7919 + seed) % 101 })).sort((a, b) => a.r - b.r).map((p) => p.x);
        const q = { from: base, to: base + 3 * 86_400_000, asOf: base + 20 * 86_400_000 };
        expect([...computeJourneyKpis(shuffle(sessions), shuffle(contacts), { ...q, by: 'derivedChain' })]).toEqual([...computeJourneyKpis(sessions, contacts, { ...q, by: 'derivedChain' })]);
        expect([...computeSelfServiceKpis({ sessions: shuffle(sessions), contacts: shuffle(contacts) }, q)]).toEqual([...computeSelfServiceKpis({ sessions, contacts }, q)]);
      }),
      { numRuns: 100 },
    );
  });
});
