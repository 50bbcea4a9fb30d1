import type { DataSource } from 'typeorm';
import { AlertStore, type NewRule } from './alert-store';

const SEEDER = 'floorwatch-demo';

/** The demo's rules (issue 25): service level red per site, staffing gap, agent out of adherence. */
export const DEFAULT_ALERT_RULES: readonly NewRule[] = [
  {
    name: 'Service level red for 10 minutes', kpi: 'serviceLevelPct', scope: 'enterprise', each: 'site',
    condition: { status: 'red' }, window: { minutes: 30 }, sustainMinutes: 10, clearMinutes: 15,
    audience: ['manager', 'control_desk', 'admin'], enabled: true, createdBy: SEEDER,
  },
  {
    // "For 15 minutes" = a whole quarter hour: the last whole interval's gap (actual − required),
    // so it opens as that interval closes (the demo's Chicago 10:00 training interval at −5).
    name: 'Staffing gap ≤ −5 for 15 minutes', kpi: 'staffingGap', scope: 'enterprise', each: 'site',
    condition: { op: '<=', value: -5 }, window: { intervals: 1 }, sustainMinutes: 0, clearMinutes: 15,
    audience: ['manager', 'control_desk', 'admin'], enabled: true, createdBy: SEEDER,
  },
  {
    // adherencePct of the last minute under 50 % at every tick for 10 minutes = out of adherence 10 min.
    name: 'Agent out of adherence for 10 minutes', kpi: 'adherencePct', scope: 'enterprise', each: 'agent',
    condition: { op: '<', value: 50 }, window: { minutes: 1 }, sustainMinutes: 10, clearMinutes: 5,
    audience: ['agent', 'team_leader', 'admin'], enabled: true, createdBy: SEEDER,
  },
];

/** Creates the default rules once (a rule of the same name is left as the user changed it). */
export async function ensureDefaultAlertRules(db: DataSource): Promise<number> {
  const store = new AlertStore(db);
  const names = new Set((await store.rules()).map((r) => r.name));
  let n = 0;
  for (const r of DEFAULT_ALERT_RULES) {
    if (names.has(r.name)) continue;
    await store.insertRule(r);
    n += 1;
  }
  return n;
}
