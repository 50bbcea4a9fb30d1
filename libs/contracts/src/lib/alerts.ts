import type { Role } from './roles';

/** Alert rules and instances (spec/action.md "Alert rules"). */

export type AlertRuleCondition = { status: 'red' | 'amber' } | { op: '<' | '<=' | '>' | '>='; value: number };
export type AlertRuleWindow = { minutes: number } | { intervals: number } | 'today';
export type AlertEach = 'site' | 'team' | 'agent';

export interface AlertRule {
  id: string;
  name: string;
  /** Any KPI of `fw kpi`, or `staffingGap` (sites). */
  kpi: string;
  /** `enterprise`, `site:<id>`, `team:<id>`, `agent:<id>`, `queue:<id>`. */
  scope: string;
  each: AlertEach | null;
  condition: AlertRuleCondition;
  window: AlertRuleWindow;
  sustainMinutes: number;
  clearMinutes: number;
  audience: Role[];
  enabled: boolean;
  createdBy: string;
  createdAt: string;
}

export type AlertStatus = 'open' | 'acknowledged' | 'resolved';

export interface AlertInstance {
  id: string;
  ruleId: string;
  ruleName: string;
  kpi: string;
  scope: string;
  openedAt: string;
  valueAtOpen: number | null;
  lastValue: number | null;
  status: AlertStatus;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  /** null with resolvedAt set = resolved automatically. */
  resolvedBy: string | null;
  resolvedAt: string | null;
  note: string | null;
}

/** `/live` events `alert-opened`, `alert-acknowledged`, `alert-resolved`. */
export interface AlertInstanceEvent {
  at: string;
  /** Per-process alert event counter: alerts go to each recipient (audience), outside the room seq. */
  seq: number;
  scope: string;
  instance: AlertInstance;
}

export const ALERT_EVENTS = {
  opened: 'alert-opened',
  acknowledged: 'alert-acknowledged',
  resolved: 'alert-resolved',
} as const;

/** What `fw alerts replay` prints: the instances the ticks of [from, to) open and resolve. */
export interface AlertReplayInstance {
  ruleId: string;
  ruleName: string;
  kpi: string;
  scope: string;
  openedAt: string;
  valueAtOpen: number | null;
  resolvedAt: string | null;
  lastValue: number | null;
}
