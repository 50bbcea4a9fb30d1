import { benchAdherence, buildAdherenceWorld } from './adherence-bench';

// Not a timed test: it only checks the benchmark runs and measures real work (tools/bench times it).
describe('adherence benchmark at a small size', () => {
  it('builds 7 segments and 68 events per agent and reports finite figures', () => {
    const world = buildAdherenceWorld(3);
    expect(world.schedule).toHaveLength(3 * 7);
    // per agent: 7 activity starts + 4 open segments × 5 contacts × 3 events + 1 log-out = 68
    expect(world.stateEvents).toHaveLength(3 * (7 + 4 * 5 * 3 + 1));
    const r = benchAdherence(3);
    expect(r.agents).toBe(3);
    expect(r.adherencePct).toBeGreaterThan(80);
    expect(r.adherencePct).toBeLessThanOrEqual(100);
    for (const ms of [r.ungroupedMs, r.byAgentMs, r.byHourMs]) expect(Number.isFinite(ms)).toBe(true);
  });
});
