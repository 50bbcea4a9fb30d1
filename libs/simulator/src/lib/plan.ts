import type { AgentState } from '@floorwatch/contracts';
import { Rng } from './rng';
import type { AgentDay } from './schedule';
import { MINUTE } from './time';

/** A planned state over [start, end); time outside every interval is `logged_out`. */
export interface PlanInterval {
  start: number;
  end: number;
  state: AgentState;
}

const SECOND = 1000;

export function stateFor(activity: string): AgentState {
  // A named course or coaching topic (`training:objections`) is its base activity's aux code.
  return activity === 'open' ? 'available' : `aux:${/^(training|coaching):/.test(activity) ? activity.slice(0, activity.indexOf(':')) : activity}`;
}

/**
 * The agent's intended states for one day: the schedule followed with human deviations (early
 * or late log-in, long breaks, early log-out, a short unscheduled aux). Contacts are later cut
 * into the `available` stretches, so they never move these boundaries.
 */
export function planDay(seed: number, day: AgentDay): PlanInterval[] {
  if (day.kind !== 'work' || day.segments.length === 0) return [];
  const rng = Rng.derive(seed, 'plan', day.agent.id, day.date);
  const drift = day.lateFromLunchSeconds !== null ? 0.05 : day.agent.drift;
  const segs = day.segments;
  // Transition i is the moment the agent moves into segment i (i = segs.length: log-out).
  const t: number[] = [];
  for (let i = 0; i <= segs.length; i++) {
    const at = i < segs.length ? segs[i].start : segs[segs.length - 1].end;
    let d: number;
    // Sized so most agents land at 88–96% adherence: ~35 minutes a day out of adherence on average.
    if (i === 0) d = rng.normal(50, 100) + (rng.chance(0.12 + 0.3 * drift) ? rng.uniform(2, 14) * 60 : 0);
    else if (i === segs.length) d = rng.normal(-20, 90) - (rng.chance(0.08 + 0.2 * drift) ? rng.uniform(5, 20) * 60 : 0);
    else if (segs[i].activity === 'open' && segs[i - 1].activity === 'lunch' && day.lateFromLunchSeconds !== null) d = day.lateFromLunchSeconds;
    // The late-from-lunch agent is otherwise punctual back from breaks, so over any week or two
    // hour 13 stays their worst hour (a long 10:xx break used to tie with it over 14 days).
    else if (segs[i].activity === 'open') d = rng.normal(50, 50) + (rng.chance(day.lateFromLunchSeconds !== null ? 0 : 0.22 + 0.5 * drift) ? rng.uniform(1, 9) * 60 : 0);
    else d = rng.normal(-20, 90);
    t.push(roundSec(at + d * SECOND));
  }
  for (let i = 1; i < t.length; i++) if (t[i] < t[i - 1] + 30 * SECOND) t[i] = t[i - 1] + 30 * SECOND;
  let plan: PlanInterval[] = [];
  for (let i = 0; i < segs.length; i++) plan.push({ start: t[i], end: t[i + 1], state: stateFor(segs[i].activity) });
  const personal = day.lateFromLunchSeconds !== null ? 0 : rng.poisson(1.4 + 2.5 * drift);
  for (let k = 0; k < personal; k++) plan = addPersonalAux(rng, plan);
  if (day.pinned) {
    const { start, end, mode } = day.pinned;
    plan = mode === 'away' ? cut(plan, start, end) : overwrite(plan, start, end, mode === 'training' ? 'aux:training' : 'available');
  }
  return plan;
}

/** A short unscheduled aux in the middle of an open stretch (restroom, a word with the lead). */
function addPersonalAux(rng: Rng, plan: PlanInterval[]): PlanInterval[] {
  const open = plan.filter((p) => p.state === 'available' && p.end - p.start > 40 * MINUTE);
  if (open.length === 0) return plan;
  const host = rng.pick(open);
  const len = roundSec(rng.uniform(2, 9) * MINUTE);
  const start = roundSec(host.start + rng.uniform(0.2, 0.8) * (host.end - host.start - len));
  return overwrite(plan, start, start + len, 'aux:personal');
}

/** Replaces whatever is planned in [start, end) with `state`, keeping the list sorted and gap-free where it was. */
export function overwrite(plan: PlanInterval[], start: number, end: number, state: AgentState): PlanInterval[] {
  const out = cut(plan, start, end);
  out.push({ start, end, state });
  out.sort((a, b) => a.start - b.start);
  return mergeSame(out);
}

export function cut(plan: PlanInterval[], start: number, end: number): PlanInterval[] {
  const out: PlanInterval[] = [];
  for (const p of plan) {
    if (p.end <= start || p.start >= end) out.push(p);
    else {
      if (p.start < start) out.push({ ...p, end: start });
      if (p.end > end) out.push({ ...p, start: end });
    }
  }
  return out;
}

function mergeSame(plan: PlanInterval[]): PlanInterval[] {
  const out: PlanInterval[] = [];
  for (const p of plan) {
    const last = out[out.length - 1];
    if (last && last.state === p.state && last.end === p.start) last.end = p.end;
    else out.push({ ...p });
  }
  return out;
}

function roundSec(ms: number): number {
  return Math.round(ms / SECOND) * SECOND;
}
