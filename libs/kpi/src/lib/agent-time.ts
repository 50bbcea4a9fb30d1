import type { AgentState, ScheduleSegment, StateInterval } from '@floorwatch/contracts';
import type { KpiComponents } from './components';
import { emptyComponents } from './components';
import type { ActivityRule, KpiConfig } from './config';
import { DEFAULT_KPI_CONFIG, isProductiveState, ruleFor } from './config';

/** A stretch of one agent's time with one governing schedule segment (or none) and one state (or none). */
export interface AgentTimePiece {
  start: number;
  end: number;
  segment: ScheduleSegment | null;
  rule: ActivityRule | null;
  state: AgentState | null;
}

interface Indexed {
  seg: ScheduleSegment;
  order: number;
}

/**
 * When segments overlap (an activity laid over an open shift, as WFM tools publish training or
 * meetings), the latest-starting one governs while it lasts; on equal starts the shorter one, then
 * the later in the input.
 */
function governs(a: Indexed, b: Indexed): boolean {
  if (a.seg.start !== b.seg.start) return a.seg.start > b.seg.start;
  if (a.seg.end !== b.seg.end) return a.seg.end < b.seg.end;
  return a.order > b.order;
}

/**
 * Walks one agent's time in [from, to) as pieces of constant (governing segment, state), cut also
 * at every point of `cuts` (group boundaries). `states` must be one agent's sorted, non-overlapping
 * intervals. Pieces with neither a segment nor a state are skipped.
 */
export function sweepAgentTime(
  segments: readonly ScheduleSegment[],
  states: readonly StateInterval[],
  from: number,
  to: number,
  visit: (piece: AgentTimePiece) => void,
  config: KpiConfig = DEFAULT_KPI_CONFIG,
  cuts: readonly number[] = [],
): void {
  if (!(to > from)) return;
  const segs: Indexed[] = [];
  const points: number[] = [from, to];
  segments.forEach((seg, order) => {
    if (!(Number.isFinite(seg.start) && Number.isFinite(seg.end)) || seg.end < seg.start) {
      throw new RangeError(`schedule segment of agent ${seg.agentId} (${seg.activity}) has invalid start/end`);
    }
    if (seg.end <= from || seg.start >= to || seg.end === seg.start) return;
    segs.push({ seg, order });
    if (seg.start > from) points.push(seg.start);
    if (seg.end < to) points.push(seg.end);
  });
  for (const s of states) {
    if (s.end <= from || s.start >= to) continue;
    if (s.start > from) points.push(s.start);
    if (s.end < to) points.push(s.end);
  }
  for (const c of cuts) if (c > from && c < to) points.push(c);
  points.sort((a, b) => a - b);
  segs.sort((a, b) => a.seg.start - b.seg.start);

  const rules = new Map<string, ActivityRule>();
  const active: Indexed[] = [];
  let nextSeg = 0;
  let si = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const p = points[i];
    const q = points[i + 1];
    if (q <= p) continue;
    while (nextSeg < segs.length && segs[nextSeg].seg.start <= p) active.push(segs[nextSeg++]);
    let gov: Indexed | null = null;
    for (let k = active.length - 1; k >= 0; k--) {
      const a = active[k];
      if (a.seg.end <= p) active.splice(k, 1);
      else if (!gov || governs(a, gov)) gov = a;
    }
    while (si < states.length && states[si].end <= p) si++;
    const state = si < states.length && states[si].start <= p ? states[si].state : null;
    if (!gov && state === null) continue;
    let rule: ActivityRule | null = null;
    if (gov) {
      rule = rules.get(gov.seg.activity) ?? null;
      if (!rule) rules.set(gov.seg.activity, (rule = ruleFor(config, gov.seg.activity)));
    }
    visit({ start: p, end: q, segment: gov ? gov.seg : null, rule, state });
  }
}

/** Adds the schedule-derived components of `seconds` spent under `rule` in `state`. */
export function addScheduleTime(c: KpiComponents, rule: ActivityRule, state: AgentState | null, seconds: number): void {
  if (rule.countsInAdherence) {
    c.scheduledSeconds += seconds;
    if (state !== null && rule.inAdherenceStates(state)) c.inAdherenceSeconds += seconds;
  }
  if (rule.paid) c.paidSeconds += seconds;
  switch (rule.category) {
    case 'productive':
      c.scheduledOpenSeconds += seconds;
      if (state !== null && isProductiveState(state)) c.productiveInOpenSeconds += seconds;
      break;
    case 'planned':
      if (rule.paid) c.plannedPaidSeconds += seconds;
      break;
    case 'unplanned':
      // Only paid absence: unpaid absence is not in paidSeconds, so it cannot be shrinkage of it.
      if (rule.paid) c.unplannedAbsenceSeconds += seconds;
      break;
    case 'unpaid':
      break;
  }
}

/** Adds the state-derived components of `seconds` spent in `state`. */
export function addStateTime(c: KpiComponents, state: AgentState, seconds: number): void {
  if (state === 'logged_out') return;
  c.loggedInSeconds += seconds;
  if (state === 'available') {
    c.availableSeconds += seconds;
    c.productiveSeconds += seconds;
  } else if (state === 'on_contact') {
    c.onContactStateSeconds += seconds;
    c.productiveSeconds += seconds;
  } else if (state === 'acw') {
    c.acwStateSeconds += seconds;
    c.productiveSeconds += seconds;
  } else if (state.startsWith('aux:')) {
    c.auxSeconds += seconds;
  }
}

export function addPieceInto(c: KpiComponents, piece: AgentTimePiece): void {
  const seconds = (piece.end - piece.start) / 1000;
  if (piece.rule) addScheduleTime(c, piece.rule, piece.state, seconds);
  if (piece.state !== null) addStateTime(c, piece.state, seconds);
}

/**
 * Workforce components of one agent over [from, to): pass that agent's schedule segments and
 * state intervals (from buildStateIntervals, already clipped at asOf). A rollup writer calls this
 * once per agent and 15-minute interval.
 */
export function agentTimeComponents(
  segments: readonly ScheduleSegment[],
  states: readonly StateInterval[],
  from: number,
  to: number,
  config: KpiConfig = DEFAULT_KPI_CONFIG,
): KpiComponents {
  const c = emptyComponents();
  sweepAgentTime(segments, states, from, to, (p) => addPieceInto(c, p), config);
  return c;
}
