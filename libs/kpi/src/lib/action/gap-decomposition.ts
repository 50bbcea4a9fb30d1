import { requiredAgentsErlang } from '../erlang';

/**
 * The staffing gap split (action.md): forecastErrorAgents (required − requiredInHindsight) +
 * scheduleGap (scheduled − required) + attendanceGap (actual − scheduled) = hindsightGap
 * (actual − requiredInHindsight); staffingGap = scheduleGap + attendanceGap.
 */

export interface HindsightQueue {
  actualVolume: number;
  /** Null when nothing was handled: the forecast AHT stands in. */
  actualAhtSeconds: number | null;
  forecastAhtSeconds: number | null;
  slTargetPct: number;
  slSeconds: number;
}

/** Σ Erlang C over the site's queues on what actually arrived; null if a queue has no AHT at all. */
export function requiredInHindsight(queues: readonly HindsightQueue[]): number | null {
  let sum = 0;
  for (const q of queues) {
    if (q.actualVolume === 0) continue;
    const aht = q.actualAhtSeconds ?? q.forecastAhtSeconds;
    if (aht === null || !(aht > 0)) return null;
    sum += requiredAgentsErlang(q.actualVolume, aht, q.slTargetPct, q.slSeconds);
  }
  return sum;
}

export interface GapInterval {
  requiredAgents: number | null;
  requiredInHindsight: number | null;
  scheduledAgents: number;
  actualAgents: number;
}

export interface GapSplit {
  forecastErrorAgents: number | null;
  scheduleGap: number | null;
  attendanceGap: number;
  hindsightGap: number | null;
  staffingGap: number | null;
}

export function gapSplit(i: GapInterval): GapSplit {
  const both = i.requiredAgents !== null && i.requiredInHindsight !== null;
  return {
    forecastErrorAgents: both ? (i.requiredAgents as number) - (i.requiredInHindsight as number) : null,
    scheduleGap: i.requiredAgents === null ? null : i.scheduledAgents - i.requiredAgents,
    attendanceGap: i.actualAgents - i.scheduledAgents,
    hindsightGap: i.requiredInHindsight === null ? null : i.actualAgents - i.requiredInHindsight,
    staffingGap: i.requiredAgents === null ? null : i.actualAgents - i.requiredAgents,
  };
}

export const DEFAULT_STAFFING_TOLERANCE_AGENTS = 1;

export interface GapSummary {
  intervals: number;
  forecastErrorAgents: number | null;
  scheduleGap: number | null;
  attendanceGap: number | null;
  hindsightGap: number | null;
  staffingGap: number | null;
  overStaffedIntervals: number;
  underStaffedIntervals: number;
  overStaffedAgentHours: number;
  underStaffedAgentHours: number;
}

/**
 * Means over the intervals with both requirements non-null (so the split still adds up), and
 * over/under-staffed counts from scheduleGap against the tolerance (each interval is 0.25 h).
 */
export function summarizeGaps(rows: readonly GapInterval[], toleranceAgents = DEFAULT_STAFFING_TOLERANCE_AGENTS): GapSummary {
  const s = { f: 0, sch: 0, att: 0, n: 0 };
  let over = 0;
  let under = 0;
  let overH = 0;
  let underH = 0;
  for (const r of rows) {
    const g = gapSplit(r);
    if (g.scheduleGap !== null) {
      if (g.scheduleGap >= toleranceAgents) over += 1;
      if (g.scheduleGap <= -toleranceAgents) under += 1;
      overH += Math.max(0, g.scheduleGap) * 0.25;
      underH += Math.max(0, -g.scheduleGap) * 0.25;
    }
    if (g.forecastErrorAgents === null || g.scheduleGap === null) continue;
    s.f += g.forecastErrorAgents;
    s.sch += g.scheduleGap;
    s.att += g.attendanceGap;
    s.n += 1;
  }
  const mean = (x: number) => (s.n > 0 ? x / s.n : null);
  const f = mean(s.f);
  const sch = mean(s.sch);
  const att = mean(s.att);
  return {
    intervals: s.n,
    forecastErrorAgents: f,
    scheduleGap: sch,
    attendanceGap: att,
    hindsightGap: s.n > 0 ? (s.f + s.sch + s.att) / s.n : null,
    staffingGap: s.n > 0 ? (s.sch + s.att) / s.n : null,
    overStaffedIntervals: over,
    underStaffedIntervals: under,
    overStaffedAgentHours: overH,
    underStaffedAgentHours: underH,
  };
}
