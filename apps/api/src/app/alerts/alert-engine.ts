import { type AlertInstance, type AlertReplayInstance, type AlertRule } from '@floorwatch/contracts';
import { DEFAULT_CLEAR_MINUTES, DEFAULT_SUSTAIN_MINUTES, INITIAL_ALERT_STATE, stepAlert, type AlertState } from '@floorwatch/kpi';
import type { IndexedOrg } from '../org/org-lookup';
import type { AlertStore } from './alert-store';
import type { AlertValues } from './alert-values';

export type AlertChange = { type: 'opened' | 'resolved'; instance: AlertInstance; rule: AlertRule; at: number };

const timing = (r: AlertRule) => ({ sustainMinutes: r.sustainMinutes ?? DEFAULT_SUSTAIN_MINUTES, clearMinutes: r.clearMinutes ?? DEFAULT_CLEAR_MINUTES });

/**
 * Live evaluation of every enabled rule at one tick (spec/action.md "Evaluation"): the pure
 * libs/kpi state machine per rule × scope, its clocks kept in alert_eval_state and its open
 * instance in alert_instances. Returns what opened and resolved, for delivery.
 */
export async function evaluateTick(store: AlertStore, values: AlertValues, rules: readonly AlertRule[], t: number, org: IndexedOrg): Promise<AlertChange[]> {
  const changes: AlertChange[] = [];
  for (const rule of rules) {
    if (!rule.enabled) continue;
    const [ticked, saved, active] = await Promise.all([values.at(rule, t, org), store.states(rule.id), store.active(rule.id)]);
    for (const [scope, tv] of ticked) {
      const instance = active.get(scope) ?? null;
      const before: AlertState = {
        ...(saved.get(scope) ?? INITIAL_ALERT_STATE),
        open: instance ? { openedAt: Date.parse(instance.openedAt), valueAtOpen: instance.valueAtOpen, lastValue: instance.lastValue } : null,
      };
      const { state, event } = stepAlert(before, { t, value: tv.value, status: tv.status }, rule.condition, timing(rule));
      if (event?.type === 'open') {
        const opened = await store.open(rule, scope, t, event.value);
        if (opened) changes.push({ type: 'opened', instance: opened, rule, at: t });
      } else if (event?.type === 'resolve' && instance) {
        const resolved = await store.resolve(instance.id, null, t, null, event.value);
        if (resolved) changes.push({ type: 'resolved', instance: resolved, rule, at: t });
      } else if (instance && state.open && state.open.lastValue !== instance.lastValue) {
        await store.setLastValue(instance.id, state.open.lastValue);
      }
      const old = saved.get(scope);
      if (!old || old.breachSince !== state.breachSince || old.clearSince !== state.clearSince || old.lastResolvedAt !== state.lastResolvedAt) {
        await store.saveState(rule.id, scope, { breachSince: state.breachSince, clearSince: state.clearSince, lastResolvedAt: state.lastResolvedAt });
      }
    }
  }
  return changes;
}

/**
 * `fw alerts replay`: the ticks of [from, to) on stored data, every given rule (disabled ones
 * too), from a clean state; stores nothing. Same state machine and values as live evaluation.
 */
export async function replayAlerts(
  values: AlertValues,
  rules: readonly AlertRule[],
  from: number,
  to: number,
  org: IndexedOrg,
  tickSeconds = 60,
): Promise<AlertReplayInstance[]> {
  const out: AlertReplayInstance[] = [];
  const step = tickSeconds * 1000;
  const first = Math.ceil(from / step) * step;
  for (const rule of rules) {
    const states = new Map<string, AlertState>();
    const open = new Map<string, AlertReplayInstance>();
    for (let t = first; t < to; t += step) {
      for (const [scope, tv] of await values.at(rule, t, org)) {
        const r = stepAlert(states.get(scope) ?? INITIAL_ALERT_STATE, { t, value: tv.value, status: tv.status }, rule.condition, timing(rule));
        states.set(scope, r.state);
        const cur = open.get(scope);
        if (r.event?.type === 'open') {
          const inst: AlertReplayInstance = {
            ruleId: rule.id, ruleName: rule.name, kpi: rule.kpi, scope,
            openedAt: new Date(t).toISOString(), valueAtOpen: r.event.value, resolvedAt: null, lastValue: r.event.value,
          };
          open.set(scope, inst);
          out.push(inst);
        } else if (r.event?.type === 'resolve' && cur) {
          cur.resolvedAt = new Date(t).toISOString();
          cur.lastValue = r.event.value;
          open.delete(scope);
        } else if (cur && r.state.open) {
          cur.lastValue = r.state.open.lastValue;
        }
      }
    }
  }
  return out.sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.ruleName.localeCompare(b.ruleName) || a.scope.localeCompare(b.scope));
}
