import fc from 'fast-check';
import type { AgentState, AgentStateEvent, Channel, Contact, ScheduleSegment, Scope } from '@floorwatch/contracts';
import type { KpiComponents } from './components';
import { NUMERIC_COMPONENTS, sumComponents } from './components';
import { computeKpiComponents, computeKpis } from './compute-kpis';
import type { KpiInput, KpiQuery } from './compute-kpis';
import { input } from '../testing/fixtures';

const T0 = Date.parse('2024-03-30T00:00:00Z'); // spans the UK DST change on 31 March
const MIN = 60_000;
const agents = ['a1', 'a2', 'a3', 'a4'];
const activities = ['open', 'break', 'lunch', 'training', 'vacation', 'sick', 'project'];
const states: AgentState[] = ['available', 'on_contact', 'acw', 'logged_out', 'aux:break', 'aux:lunch', 'aux:training'];
const channels: Channel[] = ['voice', 'chat', 'email'];

const segArb = fc.record({ agent: fc.constantFrom(...agents), start: fc.integer({ min: -360, max: 2 * 1440 }), dur: fc.integer({ min: 1, max: 600 }), activity: fc.constantFrom(...activities) })
  .map((s): ScheduleSegment => ({ agentId: s.agent, start: T0 + s.start * MIN, end: T0 + (s.start + s.dur) * MIN, activity: s.activity }));
const evArb = fc.record({ agent: fc.constantFrom(...agents), at: fc.integer({ min: -360, max: 2 * 1440 }), state: fc.constantFrom(...states) })
  .map((e): AgentStateEvent => ({ agentId: e.agent, at: T0 + e.at * MIN, state: e.state }));
const contactArb = fc.record({
  id: fc.integer({ min: 0, max: 40 }), enq: fc.integer({ min: -600, max: 3 * 1440 }), wait: fc.integer({ min: 0, max: 120 }),
  answered: fc.boolean(), agent: fc.constantFrom(...agents), key: fc.option(fc.integer({ min: 0, max: 5 })), channel: fc.constantFrom(...channels),
  talk: fc.integer({ min: 0, max: 900 }),
}).map((c): Contact => {
  const enqueuedAt = T0 + c.enq * MIN;
  const answeredAt = c.answered ? enqueuedAt + c.wait * 1000 : null;
  const team = c.agent === 'a3' ? 't2' : c.agent === 'a4' ? 't3' : 't1';
  return {
    contactId: `c${c.id}`, segmentId: `c${c.id}-${c.enq}`, channel: c.channel, queueId: 'qv', reason: c.channel, customerKey: c.key === null ? null : `k${c.key}`,
    agentId: c.answered ? c.agent : null, enqueuedAt, answeredAt, endedAt: (answeredAt ?? enqueuedAt + c.wait * 1000) + c.talk * 1000,
    waitSeconds: c.wait, talkSeconds: c.talk, holdSeconds: 0, acwSeconds: 30, outcome: c.answered ? 'handled' : 'abandoned', transferredTo: null,
    siteId: 'lon', teamId: c.answered ? team : null,
  };
});
const worldArb = fc.record({ schedule: fc.array(segArb, { maxLength: 25 }), stateEvents: fc.array(evArb, { maxLength: 40 }), contacts: fc.array(contactArb, { maxLength: 40 }) })
  .map((w): KpiInput => input(w));

function expectSameComponents(a: KpiComponents, b: KpiComponents): void {
  for (const k of NUMERIC_COMPONENTS) expect(a[k]).toBeCloseTo(b[k], 6);
  expect(a.fcrEligibleByChannel).toEqual(b.fcrEligibleByChannel);
  expect(a.fcrNotRepeatedByChannel).toEqual(b.fcrNotRepeatedByChannel);
}

const base = (scope: Scope = { kind: 'enterprise' }): KpiQuery => ({ from: T0, to: T0 + 2 * 1440 * MIN, asOf: T0 + 2 * 1440 * MIN, scope });
const runs = { numRuns: 150 };

describe('KPI invariants', () => {
  it('adherence, FCR and the other percentages stay in [0, 100]; shrinkage = planned + unplanned', () => {
    fc.assert(fc.property(worldArb, fc.integer({ min: 0, max: 4 * 1440 }), (world, asOfMin) => {
      const [all] = computeKpis(world, { ...base(), asOf: T0 + asOfMin * MIN });
      const k = all.kpis;
      for (const v of [k.adherencePct, k.fcrPct, k.serviceLevelPct, k.abandonRatePct, k.occupancyPct, k.plannedShrinkagePct, k.crossChannelRepeatPct]) {
        if (v !== null) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(100 + 1e-9);
        }
      }
      if (k.shrinkagePct !== null) {
        expect(k.shrinkagePct).toBeCloseTo((k.plannedShrinkagePct ?? NaN) + (k.unplannedShrinkagePct ?? NaN), 9);
        expect(k.shrinkagePct).toBeCloseTo(100 * (1 - (k.productiveInOpenSeconds ?? 0) / (k.paidSeconds ?? NaN)), 9);
      }
    }), runs);
  });

  it('splitting the window in two and adding the components gives the whole window', () => {
    fc.assert(fc.property(worldArb, fc.integer({ min: 1, max: 2 * 1440 - 1 }), (world, midMin) => {
      const q = base();
      const mid = T0 + midMin * MIN;
      const whole = computeKpiComponents(world, q).get('all') as KpiComponents;
      const left = computeKpiComponents(world, { ...q, to: mid }).get('all') as KpiComponents;
      const right = computeKpiComponents(world, { ...q, from: mid }).get('all') as KpiComponents;
      expectSameComponents(sumComponents([left, right]), whole);
    }), runs);
  });

  it('grouping a team by agent and adding the rows gives the team figure', () => {
    fc.assert(fc.property(worldArb, (world) => {
      const q = base({ kind: 'team', id: 't1' });
      const team = computeKpiComponents(world, q).get('all') as KpiComponents;
      const byAgent = computeKpiComponents(world, { ...q, by: 'agent' });
      expectSameComponents(sumComponents(byAgent.values()), team);
    }), runs);
  });

  it('grouping by site-local hour or by interval splits durations without losing any', () => {
    fc.assert(fc.property(worldArb, fc.constantFrom('hour' as const, 'interval' as const, 'day' as const, 'reason' as const), (world, by) => {
      const q = base({ kind: 'site', id: 'lon' });
      const all = computeKpiComponents(world, q).get('all') as KpiComponents;
      expectSameComponents(sumComponents(computeKpiComponents(world, { ...q, by }).values()), all);
    }), { numRuns: 80 });
  });
});
