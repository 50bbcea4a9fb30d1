import type { TargetStatus } from '@floorwatch/contracts';

/**
 * Alert evaluation (action.md "Alert rules"): a pure state machine over the ticked KPI series of
 * one rule × scope. No clock: the caller hands each tick's time, value and target status, and
 * hand actions (acknowledge, resolve) are applied to the state by the caller.
 */

export type AlertCondition = { status: 'red' | 'amber' } | { op: '<' | '<=' | '>' | '>='; value: number };

export interface AlertTick {
  /** Tick time, epoch ms (a whole minute). */
  t: number;
  value: number | null;
  /** Target status of the value for a status rule; ignored by a threshold rule. */
  status: TargetStatus;
}

export type TickVerdict = 'breach' | 'clear' | 'neither';

export interface AlertTiming {
  sustainMinutes: number;
  clearMinutes: number;
}

export const DEFAULT_SUSTAIN_MINUTES = 10;
export const DEFAULT_CLEAR_MINUTES = 15;

/** What one tick says: a status rule clears only on green (amber is a dead band); null says nothing. */
export function tickVerdict(condition: AlertCondition, value: number | null, status: TargetStatus): TickVerdict {
  if (value === null || !Number.isFinite(value)) return 'neither';
  if ('status' in condition) {
    if (status === 'none') return 'neither';
    if (status === 'red') return 'breach';
    if (status === 'amber') return condition.status === 'amber' ? 'breach' : 'neither';
    return 'clear';
  }
  return compare(value, condition.op, condition.value) ? 'breach' : 'clear';
}

function compare(v: number, op: '<' | '<=' | '>' | '>=', x: number): boolean {
  switch (op) {
    case '<':
      return v < x;
    case '<=':
      return v <= x;
    case '>':
      return v > x;
    case '>=':
      return v >= x;
  }
}

export interface OpenAlert {
  openedAt: number;
  valueAtOpen: number | null;
  lastValue: number | null;
}

/** Evaluation state of one rule × scope between ticks. */
export interface AlertState {
  /** Start of the current unbroken run of breaching ticks, or null. */
  breachSince: number | null;
  /** Start of the current unbroken run of clearing ticks, or null. */
  clearSince: number | null;
  /** The open or acknowledged instance (de-duplication: at most one). */
  open: OpenAlert | null;
  /** When the last instance was resolved; a new one needs a breach run starting after it. */
  lastResolvedAt: number | null;
}

export const INITIAL_ALERT_STATE: AlertState = { breachSince: null, clearSince: null, open: null, lastResolvedAt: null };

export type AlertEvent =
  | { type: 'open'; at: number; value: number | null }
  | { type: 'resolve'; at: number; value: number | null; openedAt: number };

/** One tick: returns the next state and at most one event (open or auto-resolve). */
export function stepAlert(
  state: AlertState,
  tick: AlertTick,
  condition: AlertCondition,
  timing: AlertTiming,
): { state: AlertState; event: AlertEvent | null } {
  const verdict = tickVerdict(condition, tick.value, tick.status);
  const breachSince = verdict === 'breach' ? (state.breachSince ?? tick.t) : null;
  const clearSince = verdict === 'clear' ? (state.clearSince ?? tick.t) : null;
  const next: AlertState = { ...state, breachSince, clearSince };
  if (state.open) {
    const open = { ...state.open, lastValue: tick.value ?? state.open.lastValue };
    if (clearSince !== null && tick.t - clearSince >= timing.clearMinutes * 60_000) {
      return {
        state: { ...next, open: null, lastResolvedAt: tick.t },
        event: { type: 'resolve', at: tick.t, value: tick.value, openedAt: open.openedAt },
      };
    }
    return { state: { ...next, open }, event: null };
  }
  const afterResolve = state.lastResolvedAt === null || (breachSince !== null && breachSince > state.lastResolvedAt);
  if (breachSince !== null && afterResolve && tick.t - breachSince >= timing.sustainMinutes * 60_000) {
    return {
      state: { ...next, open: { openedAt: tick.t, valueAtOpen: tick.value, lastValue: tick.value } },
      event: { type: 'open', at: tick.t, value: tick.value },
    };
  }
  return { state: next, event: null };
}

/** A hand resolve (or disabling the rule): the instance closes; a new one needs a fresh breach run. */
export function resolveByHand(state: AlertState, at: number): AlertState {
  return { ...state, open: null, lastResolvedAt: at };
}

export interface ReplayedInstance {
  openedAt: number;
  valueAtOpen: number | null;
  resolvedAt: number | null;
  lastValue: number | null;
}

/** Runs a whole tick series (replay): the instances it opens and auto-resolves, in order. */
export function evaluateAlertSeries(
  ticks: readonly AlertTick[],
  condition: AlertCondition,
  timing: AlertTiming,
  initial: AlertState = INITIAL_ALERT_STATE,
): { instances: ReplayedInstance[]; state: AlertState } {
  let state = initial;
  const instances: ReplayedInstance[] = [];
  for (const tick of ticks) {
    const r = stepAlert(state, tick, condition, timing);
    state = r.state;
    if (r.event?.type === 'open') {
      instances.push({ openedAt: r.event.at, valueAtOpen: r.event.value, resolvedAt: null, lastValue: r.event.value });
    } else if (r.event?.type === 'resolve') {
      const last = instances[instances.length - 1];
      if (last && last.resolvedAt === null) {
        last.resolvedAt = r.event.at;
        last.lastValue = r.event.value;
      }
    }
    const cur = instances[instances.length - 1];
    if (state.open && cur && cur.resolvedAt === null) cur.lastValue = state.open.lastValue;
  }
  return { instances, state };
}

export type AlertWindow = { minutes: number } | { intervals: number } | 'today';

/**
 * The [from, to) a rule's window covers at tick t: the last N minutes, the last N whole quarter
 * hours, or today since the scope's local midnight (given by the caller: the tz is I/O-free data).
 */
export function alertWindowRange(window: AlertWindow, t: number, localMidnight: number): { from: number; to: number } {
  if (window === 'today') return { from: localMidnight, to: t };
  if ('minutes' in window) return { from: t - window.minutes * 60_000, to: t };
  const to = Math.floor(t / 900_000) * 900_000;
  return { from: to - window.intervals * 900_000, to };
}
