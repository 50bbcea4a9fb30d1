import fc from 'fast-check';
import type { Contact } from '@floorwatch/contracts';
import { computeKpis } from './compute-kpis';
import { at, contact, input, query } from '../testing/fixtures';

/*
 * selfservice.md §1: offered/answered/abandoned/shortAbandoned/SL/ASA/abandon rate count queued
 * inbound and api contacts only; handled and AHT count every handled segment; outboundHandled.
 */
const t0 = at('2024-05-01T10:00:00Z');
const min = 60_000;
const contacts: Contact[] = [
  contact({ enqueuedAt: t0, waitSeconds: 10, talkSeconds: 200, acwSeconds: 60 }), // inbound, queued (defaults): in SL
  contact({ enqueuedAt: t0 + min, waitSeconds: 40, talkSeconds: 100, acwSeconds: 20, direction: 'api', queued: true }), // api: offered, late
  contact({ enqueuedAt: t0 + 2 * min, answeredAt: null, waitSeconds: 30, direction: 'inbound', queued: true }), // abandoned
  // outbound with an agent, never queued: wait 0 would pull SL up if it were counted
  contact({ enqueuedAt: t0 + 3 * min, waitSeconds: 0, talkSeconds: 86, acwSeconds: 10, direction: 'outbound', queued: false }),
  contact({ enqueuedAt: t0 + 4 * min, waitSeconds: 0, talkSeconds: 50, acwSeconds: 0, direction: 'outbound', queued: false }),
  // a transfer leg and a callback: handled, not offered; an unanswered callback counts nowhere
  contact({ enqueuedAt: t0 + 5 * min, waitSeconds: 15, talkSeconds: 120, acwSeconds: 30, direction: 'transfer', queued: true }),
  contact({ enqueuedAt: t0 + 6 * min, waitSeconds: 300, talkSeconds: 90, acwSeconds: 10, direction: 'callback', queued: true }),
  contact({ enqueuedAt: t0 + 7 * min, answeredAt: null, waitSeconds: 2, direction: 'callback', queued: true }),
  // an inbound contact an agent took without a queue (Connect: no EnqueueTimestamp): not offered
  contact({ enqueuedAt: t0 + 8 * min, waitSeconds: 0, talkSeconds: 40, acwSeconds: 0, direction: 'inbound', queued: false }),
];
const q = query('2024-05-01T10:00:00Z', '2024-05-01T12:00:00Z');

describe('direction: outbound, transfer and callback contacts are handled but not offered', () => {
  const [all] = computeKpis(input({ contacts }), q);

  it('offered 3 (inbound, api, the abandon), answered 2, abandoned 1, none short', () => {
    expect([all.kpis.offered, all.kpis.answered, all.kpis.abandoned, all.kpis.shortAbandoned]).toEqual([3, 2, 1, 0]);
  });

  it('SL = 100 × 1 in 20 s / (3 − 0) = 33.3 %; ASA = (10 + 40) / 2 = 25 s; abandon rate = 100 × 1 / 3', () => {
    expect(all.kpis.serviceLevelPct).toBeCloseTo(100 / 3, 10);
    expect(all.kpis.asaSeconds).toBe(25);
    expect(all.kpis.abandonRatePct).toBeCloseTo(100 / 3, 10);
  });

  it('handled 7: every answered segment (2 offered + 2 outbound + transfer + callback + unqueued); outboundHandled 2', () => {
    expect(all.kpis.handled).toBe(7);
    expect(all.kpis.outboundHandled).toBe(2);
    // handle seconds: 260 + 120 + 96 + 50 + 150 + 100 + 40 = 816
    expect(all.kpis.ahtSeconds).toBeCloseTo(816 / 7, 10);
  });

  it('--by direction splits every contact KPI', () => {
    const rows = computeKpis(input({ contacts }), { ...q, by: 'direction' });
    expect(rows.map((r) => [r.key, r.kpis.offered, r.kpis.handled, r.kpis.outboundHandled, r.kpis.asaSeconds])).toEqual([
      ['api', 1, 1, 0, 40],
      ['callback', 0, 1, 0, null],
      ['inbound', 2, 2, 0, 10], // the unqueued inbound is handled, not offered
      ['outbound', 0, 2, 2, null],
      ['transfer', 0, 1, 0, null],
    ]);
  });

  it('FCR: an outbound call is neither a subject nor a repeat of the inbound call before it', () => {
    const asOf = at('2024-06-01T00:00:00Z');
    const call = contact({ enqueuedAt: t0, customerKey: 'k1' });
    const callBack = contact({ enqueuedAt: t0 + 60 * min, customerKey: 'k1', direction: 'outbound', queued: false, waitSeconds: 0 });
    const [r] = computeKpis(input({ contacts: [call, callBack] }), { ...q, asOf });
    expect([r.kpis.fcrEligible, r.kpis.fcrPct, r.kpis.fcrUnknown, r.kpis.fcrPending]).toEqual([1, 100, 0, 0]);
    // had the customer called in again instead, it would be a repeat
    const again = { ...callBack, direction: 'inbound' as const, queued: true };
    const [r2] = computeKpis(input({ contacts: [call, again] }), { ...q, asOf });
    expect([r2.kpis.fcrEligible, r2.kpis.fcrPct]).toEqual([2, 50]);
  });
});

describe('exitedByKey: queued inbound contacts that left the queue on request', () => {
  it('the EXITWITHKEY timeout is offered, not answered, not abandoned; a callback or api one is not counted', () => {
    const exits = [
      contact({ enqueuedAt: t0, answeredAt: null, waitSeconds: 40, outcome: 'timeout', exitedByKey: true }),
      contact({ enqueuedAt: t0 + min, answeredAt: null, waitSeconds: 40, outcome: 'timeout' }), // EXITWITHTIMEOUT
      contact({ enqueuedAt: t0 + 2 * min, answeredAt: null, waitSeconds: 40, outcome: 'timeout', exitedByKey: true, direction: 'api' }),
      contact({ enqueuedAt: t0 + 3 * min, answeredAt: null, waitSeconds: 40, outcome: 'timeout', exitedByKey: true, direction: 'callback' }),
    ];
    const [r] = computeKpis(input({ contacts: exits }), q);
    // offered: the inbound two and the api one; exitedByKey: the inbound one only (selfservice.md §1 "queued inbound")
    expect([r.kpis.offered, r.kpis.answered, r.kpis.abandoned, r.kpis.exitedByKey, r.kpis.serviceLevelPct]).toEqual([3, 0, 0, 1, 0]);
  });
});

describe('property: adding outbound records to a feed leaves offered, answered, SL and ASA unchanged', () => {
  const wide = query('2024-05-01T00:00:00Z', '2024-05-03T00:00:00Z');
  const arbContact = (direction: Contact['direction'], queued: boolean) =>
    fc.record({
      minute: fc.integer({ min: 0, max: 2 * 24 * 60 - 30 }),
      wait: fc.integer({ min: 0, max: 120 }),
      answered: fc.boolean(),
      talk: fc.integer({ min: 1, max: 900 }),
      queue: fc.constantFrom('qv', 'qc'),
      agent: fc.constantFrom('a1', 'a2'),
      customer: fc.option(fc.constantFrom('k1', 'k2', 'k3'), { nil: null }),
    }).map((p) =>
      contact({
        enqueuedAt: at('2024-05-01T00:00:00Z') + p.minute * min,
        waitSeconds: p.wait,
        answeredAt: p.answered ? at('2024-05-01T00:00:00Z') + p.minute * min + p.wait * 1000 : null,
        talkSeconds: p.talk,
        queueId: p.queue,
        agentId: p.answered ? p.agent : null,
        customerKey: p.customer,
        direction,
        queued,
      }),
    );

  it('offered, answered, abandoned, SL, ASA and abandon rate, overall and by queue', () => {
    fc.assert(
      fc.property(fc.array(arbContact('inbound', true), { maxLength: 30 }), fc.array(fc.oneof(arbContact('outbound', false), arbContact('outbound', true)), { minLength: 1, maxLength: 10 }), (inbound, outbound) => {
        const pick = (cs: Contact[]) =>
          computeKpis(input({ contacts: cs }), { ...wide, by: 'queue' }).map((r) => [r.key, r.kpis.offered, r.kpis.answered, r.kpis.abandoned, r.kpis.serviceLevelPct, r.kpis.asaSeconds, r.kpis.abandonRatePct]);
        const before = pick(inbound).filter((r) => r[1] !== 0);
        const after = pick([...inbound, ...outbound]).filter((r) => r[1] !== 0);
        expect(after).toEqual(before);
        const handled = (cs: Contact[]) => computeKpis(input({ contacts: cs }), wide)[0].kpis;
        const answeredOutbound = outbound.filter((c) => c.answeredAt !== null).length;
        expect(handled([...inbound, ...outbound]).outboundHandled).toBe(answeredOutbound);
      }),
      { numRuns: 150 },
    );
  });
});
