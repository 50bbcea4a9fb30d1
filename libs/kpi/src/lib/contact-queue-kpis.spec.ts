import type { Contact } from '@floorwatch/contracts';
import { KPI_NAMES } from '@floorwatch/contracts';
import { computeKpis, NO_GROUP } from './compute-kpis';
import { at, contact, ev, input, query, seg } from '../testing/fixtures';

const t0 = at('2024-05-01T10:00:00Z');
// 10 voice contacts entering queue qv between 10:00 and 11:00:
const contacts: Contact[] = [
  contact({ enqueuedAt: t0, waitSeconds: 5 }), // answered in SL
  contact({ enqueuedAt: t0 + 60_000, waitSeconds: 20 }), // answered at exactly 20 s: in SL
  contact({ enqueuedAt: t0 + 120_000, waitSeconds: 45 }), // answered late
  contact({ enqueuedAt: t0 + 180_000, waitSeconds: 10, agentId: 'a2' }),
  contact({ enqueuedAt: t0 + 240_000, answeredAt: null, waitSeconds: 3 }), // short abandon
  contact({ enqueuedAt: t0 + 300_000, answeredAt: null, waitSeconds: 4.9 }), // short abandon
  contact({ enqueuedAt: t0 + 360_000, answeredAt: null, waitSeconds: 60 }), // abandon
  contact({ enqueuedAt: t0 + 420_000, answeredAt: null, waitSeconds: 300, outcome: 'timeout' }), // neither
  contact({ enqueuedAt: t0 + 480_000, answeredAt: null, waitSeconds: 0, outcome: 'blocked' }), // not offered
  contact({ enqueuedAt: t0 + 540_000, waitSeconds: 30, queueId: 'qc', channel: 'chat' }), // chat: SL 60 s
  // entered before the window, ended inside: handled in the window, not offered in it
  contact({ enqueuedAt: at('2024-05-01T09:59:00Z'), waitSeconds: 10, talkSeconds: 500, acwSeconds: 100 }),
];

describe('contact KPIs on one hour of queue qv/qc', () => {
  const q = query('2024-05-01T10:00:00Z', '2024-05-01T11:00:00Z');
  const [all] = computeKpis(input({ contacts }), q);

  it('offered 9 (blocked excluded), answered 5, abandoned 3 of which 2 short, blocked 1', () => {
    expect([all.kpis.offered, all.kpis.answered, all.kpis.abandoned, all.kpis.shortAbandoned, all.kpis.blocked]).toEqual([9, 5, 3, 2, 1]);
  });

  it('service level = 100 × 4 in SL / (9 − 2) (chat at 30 s is within its 60 s)', () => {
    expect(all.kpis.serviceLevelPct).toBeCloseTo((100 * 4) / 7, 10);
  });

  it('ASA = (5 + 20 + 45 + 10 + 30) / 5 = 22 s; abandon rate = 100 × (3 − 2) / (9 − 2)', () => {
    expect(all.kpis.asaSeconds).toBe(110 / 5);
    expect(all.kpis.abandonRatePct).toBeCloseTo(100 / 7, 10);
  });

  it('handled counts by endedAt: the 5 answered plus the one from 09:59 → AHT = (5 × 260 + 600) / 6', () => {
    expect(all.kpis.handled).toBe(6);
    expect(all.kpis.ahtSeconds).toBeCloseTo((5 * 260 + 600) / 6, 10);
  });

  it('unanswered contacts have no team: team t1 sees only its answered contacts', () => {
    const [t1] = computeKpis(input({ contacts }), { ...q, scope: { kind: 'team', id: 't1' } });
    expect(t1.kpis.offered).toBe(5);
    expect(t1.kpis.abandoned).toBe(0);
    const byTeam = computeKpis(input({ contacts }), { ...q, by: 'team' });
    expect(byTeam.map((r) => [r.key, r.kpis.offered])).toEqual([[NO_GROUP, 4], ['t1', 5]]);
  });

  it('queue scope and a per-queue SL override from the org', () => {
    const [qc] = computeKpis(input({ contacts }), { ...q, scope: { kind: 'queue', id: 'qc' } });
    expect(qc.kpis.offered).toBe(1);
    expect(qc.kpis.serviceLevelPct).toBe(100);
    const nyc = contact({ enqueuedAt: t0, waitSeconds: 25, queueId: 'qn', siteId: 'nyc' }); // qn answers in 30 s
    const [n] = computeKpis(input({ contacts: [nyc] }), { ...q, scope: { kind: 'site', id: 'nyc' } });
    expect(n.kpis.serviceLevelPct).toBe(100);
  });

  it('an empty scope still gives the "all" row with every KPI, zero counts and null rates', () => {
    const [empty] = computeKpis(input({ contacts }), { ...q, scope: { kind: 'agent', id: 'nobody' } });
    expect(empty.key).toBe('all');
    expect(Object.keys(empty.kpis).sort()).toEqual([...KPI_NAMES].sort());
    expect(empty.kpis.offered).toBe(0);
    expect(empty.kpis.serviceLevelPct).toBeNull();
    expect(empty.kpis.adherencePct).toBeNull();
  });
});

describe('occupancy and contacts per productive hour come from agent states', () => {
  // a1 09:00–10:00: available 15 min, on_contact 30 min, acw 10 min, available 5 min; 6 contacts handled
  const events = [
    ev('a1', '2024-05-01T09:00:00Z', 'available'),
    ev('a1', '2024-05-01T09:15:00Z', 'on_contact'),
    ev('a1', '2024-05-01T09:45:00Z', 'acw'),
    ev('a1', '2024-05-01T09:55:00Z', 'available'),
    ev('a1', '2024-05-01T10:00:00Z', 'logged_out'),
  ];
  const handled = Array.from({ length: 6 }, (_, i) => contact({ enqueuedAt: at('2024-05-01T09:10:00Z') + i * 60_000, talkSeconds: 200, acwSeconds: 60 }));
  const [row] = computeKpis(
    input({ stateEvents: events, contacts: handled, schedule: [seg('a1', '2024-05-01T09:00:00Z', '2024-05-01T10:00:00Z', 'open')] }),
    query('2024-05-01T09:00:00Z', '2024-05-01T10:00:00Z', { kind: 'agent', id: 'a1' }),
  );

  it('occupancy = 100 × (1800 + 600) / (1800 + 600 + 1200) = 66.67%', () => {
    expect(row.kpis.occupancyPct).toBeCloseTo((100 * 2400) / 3600, 10);
    expect(row.kpis.availableSeconds).toBe(1200);
  });

  it('contacts per productive hour = 6 / (3600 / 3600) = 6', () => {
    expect(row.kpis.productiveSeconds).toBe(3600);
    expect(row.kpis.contactsPerProductiveHour).toBe(6);
  });
});
