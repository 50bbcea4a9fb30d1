import { SCENARIOS, generateWorld } from './index';
import { median } from './testing/helpers';

const END = Date.parse('2026-11-25T15:00:00Z');

describe('scenario 2: the `lead` team is 7% under its handled target because of two slow new hires', () => {
  const world = generateWorld({ seed: 42, days: 5, endAt: END, agents: 90, sites: ['lon'] });
  const { teamId, newHireAgentIds } = SCENARIOS.teamUnderTarget;
  const facts = world.scenarios.teamUnderTarget;

  it('is led by demo user `lead`, whose team holds the demo agent and the two new hires', () => {
    expect(world.org.teams.find((t) => t.id === teamId)?.leaderUserId).toBe('lead');
    const lead = world.users.find((u) => u.username === 'lead');
    expect(lead?.roles).toEqual(['team_leader']);
    expect(lead?.teamIds).toEqual([teamId]);
    const members = world.org.agents.filter((a) => a.teamId === teamId).map((a) => a.id);
    expect(members).toEqual(expect.arrayContaining([SCENARIOS.lateFromLunch.agentId, ...newHireAgentIds]));
    expect(facts?.newHireAgentIds).toEqual([...newHireAgentIds]);
  });

  it('gives the new hires 2–3.5× the team median after-call work', () => {
    const sums = new Map<string, { acw: number; n: number }>();
    for (const c of world.contacts) {
      if (c.teamId !== teamId || c.outcome !== 'handled' || !c.agentId) continue;
      const s = sums.get(c.agentId) ?? { acw: 0, n: 0 };
      s.acw += c.acwSeconds;
      s.n++;
      sums.set(c.agentId, s);
    }
    const meanAcw = new Map([...sums].map(([a, s]) => [a, s.acw / s.n]));
    const teamMedian = median([...meanAcw.values()]);
    for (const id of newHireAgentIds) {
      const ratio = (meanAcw.get(id) ?? 0) / teamMedian;
      expect(ratio).toBeGreaterThanOrEqual(2);
      expect(ratio).toBeLessThanOrEqual(3.5);
    }
  });

  it('plants a daily handled target the team misses by 7% (red: beyond the 5% amber band)', () => {
    expect(facts).not.toBeNull();
    if (!facts) return;
    let handled = 0;
    for (const c of world.contacts) if (c.teamId === teamId && c.outcome === 'handled' && c.endedAt >= facts.from && c.endedAt < facts.to) handled++;
    expect(facts.handledActual).toBe(handled);
    expect(facts.days).toBe(5);
    const perDay = handled / 5;
    expect(facts.target).toEqual({ kpi: 'handled', scope: `team:${teamId}`, value: Math.round(perDay / 0.93), direction: 'higher', amberBand: null });
    const attainment = perDay / facts.target.value;
    expect(attainment).toBeGreaterThan(0.925);
    expect(attainment).toBeLessThan(0.935);
    // Red: the miss is more than 5% of the target value.
    expect(facts.target.value - perDay).toBeGreaterThan(0.05 * facts.target.value);
    expect(facts.handledTargetForPeriod).toBe(Math.round(handled / 0.93));
  });
});
