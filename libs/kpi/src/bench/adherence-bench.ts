import { performance } from 'node:perf_hooks';
import type { AgentState, AgentStateEvent, Org, ScheduleSegment } from '@floorwatch/contracts';
import { computeKpis } from '../lib/compute-kpis';
import type { KpiInput } from '../lib/compute-kpis';

export interface AdherenceBenchResult {
  agents: number;
  segments: number;
  events: number;
  /** Milliseconds of each timed computeKpis run. */
  ungroupedMs: number;
  byAgentMs: number;
  byHourMs: number;
  adherencePct: number | null;
}

const DAY0 = Date.parse('2024-05-01T00:00:00Z');
const H = 3_600_000;
const M = 60_000;

/** A deterministic pseudo-random stream so every run times the same work. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32);
}

/** One day of 8-hour shifts with break, lunch and training for `agents` agents, with ~40 state events each. */
export function buildAdherenceWorld(agents: number): KpiInput {
  const rnd = lcg(42);
  const org: Org = { sites: [{ id: 's1', name: 'Bench', timezone: 'Europe/London' }], teams: [], agents: [], queues: [] };
  const schedule: ScheduleSegment[] = [];
  const stateEvents: AgentStateEvent[] = [];
  for (let i = 0; i < agents; i++) {
    const id = `b${i}`;
    const teamId = `bt${Math.floor(i / 15)}`;
    if (i % 15 === 0) org.teams.push({ id: teamId, name: teamId, siteId: 's1', leaderUserId: null });
    org.agents.push({ id, name: id, teamId, siteId: 's1', aliases: [] });
    const start = DAY0 + (6 + (i % 10)) * H;
    const plan: [number, number, string][] = [
      [0, 2 * H, 'open'], [2 * H, 2 * H + 15 * M, 'break'], [2 * H + 15 * M, 4 * H, 'open'],
      [4 * H, 4 * H + 30 * M, 'lunch'], [4 * H + 30 * M, 6 * H, 'open'], [6 * H, 7 * H, 'training'], [7 * H, 8 * H + 30 * M, 'open'],
    ];
    for (const [s, e, activity] of plan) schedule.push({ agentId: id, start: start + s, end: start + e, activity });
    let t = start - Math.floor(rnd() * 5) * M;
    for (const [s, , activity] of plan) {
      const expected: AgentState = activity === 'open' ? 'available' : `aux:${activity}`;
      const at = start + s + Math.floor(rnd() * 6) * M;
      if (at > t) t = at;
      stateEvents.push({ agentId: id, at: t, state: expected });
      if (activity === 'open') {
        for (let k = 0; k < 5; k++) {
          t += Math.floor(2 + rnd() * 8) * M;
          stateEvents.push({ agentId: id, at: t, state: 'on_contact' }, { agentId: id, at: t + 4 * M, state: 'acw' }, { agentId: id, at: t + 5 * M, state: 'available' });
          t += 6 * M;
        }
      }
    }
    stateEvents.push({ agentId: id, at: start + 8 * H + 30 * M, state: 'logged_out' });
  }
  return { org, contacts: [], schedule, stateEvents, surveys: [] };
}

function timed(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

/** Builds the world (untimed), then times computeKpis ungrouped, by agent and by hour. */
export function benchAdherence(agents = 5000): AdherenceBenchResult {
  const world = buildAdherenceWorld(agents);
  const q = { from: DAY0, to: DAY0 + 24 * H, asOf: DAY0 + 24 * H, scope: { kind: 'enterprise' as const } };
  let adherencePct: number | null = null;
  const ungroupedMs = timed(() => {
    adherencePct = computeKpis(world, q)[0].kpis.adherencePct;
  });
  const byAgentMs = timed(() => computeKpis(world, { ...q, by: 'agent' }));
  const byHourMs = timed(() => computeKpis(world, { ...q, by: 'hour' }));
  return { agents, segments: world.schedule.length, events: world.stateEvents.length, ungroupedMs, byAgentMs, byHourMs, adherencePct };
}
