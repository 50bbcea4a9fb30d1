import type { AgentStateEvent, ForecastInterval, ScheduleSegment } from '@floorwatch/contracts';
import { computeStaffing } from './staffing';
import { at } from '../testing/fixtures';

// Seed: forecast needs 100 at the site, 105 are rostered on open 09:00–17:00, 10 of them have
// mandatory training laid over 10:00–11:00 → on hand 95 in the 10:00 interval.
const day = '2024-05-01';
const agents = Array.from({ length: 105 }, (_, i) => `s${i}`);
const schedule: ScheduleSegment[] = agents.map((id) => ({ agentId: id, start: at(`${day}T09:00:00Z`), end: at(`${day}T17:00:00Z`), activity: 'open' }));
const events: AgentStateEvent[] = agents.map((id) => ({ agentId: id, at: at(`${day}T08:55:00Z`), state: 'available' as const }));
for (const id of agents.slice(0, 10)) {
  schedule.push({ agentId: id, start: at(`${day}T10:00:00Z`), end: at(`${day}T11:00:00Z`), activity: 'training' });
  events.push({ agentId: id, at: at(`${day}T10:00:00Z`), state: 'aux:training' });
  events.push({ agentId: id, at: at(`${day}T11:00:00Z`), state: 'available' });
}
const forecasts: ForecastInterval[] = [
  { siteId: 'lon', queueId: 'qv', intervalStart: at(`${day}T10:00:00Z`), volume: 400, ahtSeconds: 300, requiredAgents: 60 },
  { siteId: 'lon', queueId: 'qc', intervalStart: at(`${day}T10:00:00Z`), volume: 200, ahtSeconds: 400, requiredAgents: 40 },
];

describe('staffing: 100 required, 105 scheduled, 95 on hand because of training', () => {
  const rows = computeStaffing({
    forecasts, schedule, stateEvents: events, siteAgentIds: agents,
    from: at(`${day}T10:00:00Z`), to: at(`${day}T10:30:00Z`), asOf: at(`${day}T12:00:00Z`),
  });

  it('10:00 row is 100 / 105 / 95 with training = 10', () => {
    const r = rows[0];
    expect(r.intervalStart).toBe('2024-05-01T10:00:00.000Z');
    expect(r.requiredAgents).toBe(60 + 40); // summed over the site's queues
    expect(r.scheduledAgents).toBe((105 * 900) / 900);
    expect(r.actualAgents).toBe((95 * 900) / 900);
    expect(r.staffingGap).toBe(95 - 100);
    expect(r.scheduleGap).toBe(105 - 100);
    expect(r.shrinkageByActivity).toEqual({ training: (10 * 900) / 900 });
  });

  it('an interval without forecast has null requirement and gaps', () => {
    expect(rows[1].requiredAgents).toBeNull();
    expect(rows[1].staffingGap).toBeNull();
    expect(rows[1].actualAgents).toBe(95);
  });

  it('the live interval counts agents productive at liveNow', () => {
    const live = computeStaffing({
      forecasts, schedule, stateEvents: events, siteAgentIds: agents,
      from: at(`${day}T10:00:00Z`), to: at(`${day}T10:15:00Z`), asOf: at(`${day}T10:05:00Z`), liveNow: at(`${day}T10:05:00Z`),
    });
    // only 5 minutes have passed: averaged it would be 95 × 300 / 900 = 31.7; live it is 95 now
    expect(live[0].actualAgents).toBe(95);
  });

  it('without requiredAgents the forecast goes through Erlang C per queue and is summed', () => {
    const erl = computeStaffing({
      forecasts: [{ siteId: 'lon', queueId: 'qv', intervalStart: at(`${day}T10:00:00Z`), volume: 50, ahtSeconds: 180, requiredAgents: null }],
      schedule, stateEvents: events, siteAgentIds: agents,
      queues: [{ id: 'qv', name: 'Voice', channel: 'voice', siteId: 'lon', aliases: [], slSeconds: null }],
      from: at(`${day}T10:00:00Z`), to: at(`${day}T10:15:00Z`), asOf: at(`${day}T12:00:00Z`),
    });
    // A = 50 × 180 / 900 = 10 Erlangs, 80/20 → 14 agents (see erlang-textbook.spec)
    expect(erl[0].requiredAgents).toBe(14);
  });

  it('productive seconds known before `until` are taken as given; the sweep starts at until', () => {
    const base = { forecasts, schedule, siteAgentIds: agents, from: at(`${day}T10:00:00Z`), to: at(`${day}T11:00:00Z`), asOf: at(`${day}T12:00:00Z`) };
    // 10:00 and 10:15 told (rollups): 93 and 94 agent-intervals; 10:30 and 10:45 swept from the
    // events after 10:30 plus each agent's state then (the 10 trainees are in aux until 11:00).
    const seconds = new Map([[at(`${day}T10:00:00Z`), 93 * 900], [at(`${day}T10:15:00Z`), 94 * 900]]);
    const laterOnly = events.filter((e) => e.at >= at(`${day}T10:30:00Z`));
    const stateAtUntil = events.filter((e) => e.at < at(`${day}T10:30:00Z`)).reduce((m, e) => m.set(e.agentId, e), new Map<string, AgentStateEvent>());
    const told = computeStaffing({ ...base, stateEvents: [...stateAtUntil.values(), ...laterOnly], productiveBefore: { until: at(`${day}T10:30:00Z`), seconds } });
    expect(told.map((r) => r.actualAgents)).toEqual([93, 94, 95, 95]);
    // Told the raw figures, it is the raw answer.
    const raw = computeStaffing({ ...base, stateEvents: events });
    const rawSeconds = new Map(raw.slice(0, 2).map((r) => [Date.parse(r.intervalStart), r.actualAgents * 900]));
    expect(computeStaffing({ ...base, stateEvents: laterOnly.concat([...stateAtUntil.values()]), productiveBefore: { until: at(`${day}T10:30:00Z`), seconds: rawSeconds } })).toEqual(raw);
  });

  it('rejects duplicated forecast rows', () => {
    expect(() => computeStaffing({
      forecasts: [forecasts[0], forecasts[0]], schedule: [], stateEvents: [], siteAgentIds: [],
      from: at(`${day}T10:00:00Z`), to: at(`${day}T10:15:00Z`), asOf: at(`${day}T10:15:00Z`),
    })).toThrow(/two forecast rows for queue qv/);
  });
});
