/** spec/action.md "Corrective actions": the record as the API stores and returns it. */
export interface CorrectiveAction {
  id: string;
  alertId: string | null;
  kpi: string;
  scope: string;
  causeCode: string;
  description: string;
  owner: string;
  createdBy: string;
  createdAt: string;
  effectiveAt: string;
  dueAt: string;
  status: 'open' | 'done' | 'cancelled';
  closedAt: string | null;
}

/** An action's measured effect: its KPI over [a − L, a) and [a, a + L); pending until complete. */
export interface CorrectiveActionEffect {
  before: number | null;
  after: number | null;
  delta: number | null;
  improved: boolean | null;
  effectStatus: 'pending' | 'complete';
}

/** GET /actions rows. */
export interface CorrectiveActionWithEffect extends CorrectiveAction {
  overdue: boolean;
  effect: CorrectiveActionEffect;
}

/** spec/action.md "Comparison": one KPI's before/after against the control group. */
export interface ActivityDid {
  before: number | null;
  after: number | null;
  delta: number | null;
  controlBefore: number | null;
  controlAfter: number | null;
  did: number | null;
}

/** GET /activity-effect rows (by agent or by activity name). */
export interface ActivityEffectRow {
  key: string;
  agents: number;
  controlAgents: number;
  paidSeconds: number;
  trainingCost: number;
  dailyBenefit: number | null;
  paybackDays: number | null;
  pending: boolean;
  kpis: Partial<Record<string, ActivityDid>>;
}

export interface ActivityEffectResult {
  scope: string;
  from: string;
  to: string;
  asOf: string;
  by: string;
  rows: ActivityEffectRow[];
}
