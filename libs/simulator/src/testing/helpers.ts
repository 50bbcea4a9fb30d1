import type { AgentState, AgentStateEvent, ScheduleSegment, StateInterval } from '@floorwatch/contracts';

/** Test-side maths, written independently of the generator: state events → intervals, overlaps. */
export function toIntervals(events: AgentStateEvent[], until: number): Map<string, StateInterval[]> {
  const byAgent = new Map<string, AgentStateEvent[]>();
  for (const e of events) {
    const list = byAgent.get(e.agentId);
    if (list) list.push(e);
    else byAgent.set(e.agentId, [e]);
  }
  const out = new Map<string, StateInterval[]>();
  for (const [agentId, list] of byAgent) {
    list.sort((a, b) => a.at - b.at);
    out.set(
      agentId,
      list.map((e, i) => ({ agentId, start: e.at, end: i + 1 < list.length ? list[i + 1].at : Math.max(e.at, until), state: e.state })),
    );
  }
  return out;
}

export function overlap(aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  return Math.max(0, Math.min(aEnd, bEnd) - Math.max(aStart, bStart));
}

export const PRODUCTIVE: ReadonlySet<AgentState> = new Set<AgentState>(['available', 'on_contact', 'acw']);

/** kpis.md's in-adherence states per activity (the defaults table). */
export function inAdherence(activity: string, state: AgentState): boolean {
  if (activity === 'open') return PRODUCTIVE.has(state);
  if (activity === 'break' || activity === 'lunch') return state === `aux:${activity}` || state === 'logged_out';
  // action.md: `training:<course>` / `coaching:<topic>` take their base activity's row.
  const base = /^(training|coaching):/.test(activity) ? activity.slice(0, activity.indexOf(':')) : activity;
  return state === `aux:${base}`;
}

export function secondsIn(intervals: StateInterval[], from: number, to: number, pred: (s: AgentState) => boolean): number {
  let ms = 0;
  for (const i of intervals) if (pred(i.state)) ms += overlap(i.start, i.end, from, to);
  return ms / 1000;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function segmentsOf(schedule: ScheduleSegment[], agentId: string): ScheduleSegment[] {
  return schedule.filter((s) => s.agentId === agentId).sort((a, b) => a.start - b.start);
}
