import { TZDate } from '@date-fns/tz';
import { SCENARIOS, generateWorld, type World } from './index';
import { PRODUCTIVE, overlap, secondsIn, toIntervals } from './testing/helpers';

/** kpis.md "Staffing": required from the forecast, scheduled = open s / 900, actual = productive s / 900. */
function staffingAt(world: World, siteId: string, t0: number) {
  const t1 = t0 + 900_000;
  const siteAgents = new Set(world.org.agents.filter((a) => a.siteId === siteId).map((a) => a.id));
  const requiredAgents = world.forecasts.filter((f) => f.siteId === siteId && f.intervalStart === t0).reduce((s, f) => s + (f.requiredAgents ?? 0), 0);
  let open = 0;
  let training = 0;
  for (const s of world.schedule) {
    if (!siteAgents.has(s.agentId)) continue;
    if (s.activity === 'open') open += overlap(s.start, s.end, t0, t1);
    if (s.activity === 'training') training += overlap(s.start, s.end, t0, t1);
  }
  const intervals = toIntervals(world.stateEvents.concat(world.future.stateEvents), world.horizon);
  let productive = 0;
  for (const id of siteAgents) productive += secondsIn(intervals.get(id) ?? [], t0, t1, (s) => PRODUCTIVE.has(s));
  return { requiredAgents, scheduledAgents: open / 900_000, actualAgents: productive / 900, trainingAgents: training / 900_000 };
}

describe('scenario 4: Chicago 10:00 — need 100, 105 scheduled open, 95 on hand because of training', () => {
  it('holds on the last full day and today, once today has happened', () => {
    // 12:00 in Chicago on Wed 25 Nov 2026: today's 10:00 interval is history.
    const world = generateWorld({ seed: 42, days: 1, endAt: Date.parse('2026-11-25T18:00:00Z'), agents: 120, sites: ['chi'] });
    const facts = world.scenarios.staffingTraining;
    expect(facts?.dates).toEqual(['2026-11-24', '2026-11-25']);
    for (const t0 of facts?.intervalStarts ?? []) {
      const local = new TZDate(t0, 'America/Chicago');
      expect([local.getHours(), local.getMinutes()]).toEqual([10, 0]);
      expect(staffingAt(world, 'chi', t0)).toEqual({ requiredAgents: 100, scheduledAgents: 105, actualAgents: 95, trainingAgents: 10 });
    }
    expect(facts?.trainingAgentIds).toHaveLength(SCENARIOS.staffingTraining.trainingAgents);
    // The trainees are in aux:training, as the control desk's drill-down shows.
    const t0 = facts?.intervalStarts[0] ?? 0;
    const intervals = toIntervals(world.stateEvents, world.endAt);
    for (const id of facts?.trainingAgentIds ?? []) expect(secondsIn(intervals.get(id) ?? [], t0, t0 + 900_000, (s) => s === 'aux:training')).toBe(900);
  });

  it('puts today\'s interval in the live stream when the world ends before it', () => {
    // 08:57 in Chicago: yesterday's interval is history, today's is still to come.
    const world = generateWorld({ seed: 7, days: 1, endAt: Date.parse('2026-11-25T14:57:00Z'), agents: 125, sites: ['chi'] });
    const [yesterday, today] = world.scenarios.staffingTraining?.intervalStarts ?? [];
    expect(today).toBeGreaterThan(world.endAt);
    for (const t0 of [yesterday, today]) expect(staffingAt(world, 'chi', t0)).toEqual({ requiredAgents: 100, scheduledAgents: 105, actualAgents: 95, trainingAgents: 10 });
  });

  it('is not planted when Chicago is too small, and says so with null', () => {
    const world = generateWorld({ seed: 42, days: 1, endAt: Date.parse('2026-11-25T18:00:00Z'), agents: 60 });
    expect(world.scenarios.staffingTraining).toBeNull();
  });
});
