import type { ResolvedTarget, Target, TargetKpi } from '@floorwatch/contracts';
import { amberBandOf } from './targets';

/**
 * A per-day count target (calls handled, "412 a day") is set for a normal day of its scope: the
 * number of agents a team is usually given. What is due on a given day scales with the agent-hours
 * scheduled that day against a normal day's (a Saturday with 2 of 10 agents owes a fifth, a day
 * with nobody scheduled owes nothing and has no target), then with the part of that day's
 * scheduled time already gone. A day staffed above normal still owes one day: the target is what
 * a normal day must reach, overtime is not a higher bar.
 */
export interface ScheduledDay {
  /** Local date of the day, YYYY-MM-DD (the target scope's site; enterprise: the query's zone). */
  day: string;
  /** Scheduled `open` seconds that day of every agent of the scope the target is set on. */
  sourceOpen: number;
  /** Of those, the seconds of the row's agents (the scope itself or part of it) already past at asOf. */
  rowElapsed: number;
}

/**
 * A normal day's scheduled open seconds: the median over the days anyone was scheduled (null when
 * nobody was). The median, not the mean or the maximum, so that light weekends do not lower the bar
 * for weekdays and one overtime day does not make every other day look understaffed.
 */
export function normalDayOpenSeconds(dailyOpen: readonly number[]): number | null {
  const worked = dailyOpen.filter((s) => s > 0).sort((a, b) => a - b);
  if (worked.length === 0) return null;
  const mid = Math.floor(worked.length / 2);
  return worked.length % 2 === 1 ? worked[mid] : (worked[mid - 1] + worked[mid]) / 2;
}

/**
 * How many days of the target are due: Σ over the days, min(1, sourceOpen / normal) × rowElapsed /
 * sourceOpen. A team row at the end of a normal day counts 1; an agent row counts its own share of
 * its team's day, so a team's agents together owe exactly what the team owes.
 */
export function dueDays(days: readonly ScheduledDay[], normal: number): number {
  if (!(normal > 0)) return 0;
  let due = 0;
  for (const d of days) {
    if (d.sourceOpen <= 0) continue;
    due += (Math.min(1, d.sourceOpen / normal) * d.rowElapsed) / d.sourceOpen;
  }
  return due;
}

/**
 * The count target that applies to a row: its own scope's, else the nearest one up its chain
 * (agent → team → site → enterprise). Queues take only their own: they have no scheduled agents to
 * take a share by.
 */
export function countTargetSource(targets: readonly Target[], kpi: TargetKpi, chain: readonly string[]): Target | null {
  const own = chain[0] ?? 'enterprise';
  const candidates = own.startsWith('queue:') ? [own] : chain;
  for (const scope of candidates) {
    const t = targets.find((x) => x.kpi === kpi && x.scope === scope);
    if (t) return t;
  }
  return null;
}

/** `target` (set per normal day) scaled to `days` due days for the row `rowScope`; null when nothing is due. */
export function scaledCountTarget(target: Target, rowScope: string, days: number): ResolvedTarget | null {
  if (!(days > 0)) return null;
  return {
    kpi: target.kpi,
    scope: rowScope,
    source: target.scope,
    value: target.value * days,
    direction: target.direction,
    amberBand: amberBandOf(target) * days,
  };
}
