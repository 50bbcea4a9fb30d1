import type { AlertEach, AlertInstance, AlertRule, AlertRuleCondition, AlertRuleWindow, AlertStatus, Role } from '@floorwatch/contracts';
import type { AlertState } from '@floorwatch/kpi';
import type { DataSource } from 'typeorm';

interface RuleRow {
  id: string;
  name: string;
  kpi: string;
  scope: string;
  each: AlertEach | null;
  condition: AlertRuleCondition;
  window: AlertRuleWindow;
  sustain_minutes: number;
  clear_minutes: number;
  audience: Role[];
  enabled: boolean;
  created_by: string;
  created_at: Date;
}

interface InstanceRow {
  id: string;
  rule_id: string;
  rule_name: string | null;
  kpi: string;
  scope: string;
  opened_at: Date;
  value_at_open: number | null;
  last_value: number | null;
  status: AlertStatus;
  acknowledged_by: string | null;
  acknowledged_at: Date | null;
  resolved_by: string | null;
  resolved_at: Date | null;
  note: string | null;
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);
const ms = (d: Date | null): number | null => (d ? new Date(d).getTime() : null);
const ts = (t: number | null): Date | null => (t === null ? null : new Date(t));

function toRule(r: RuleRow): AlertRule {
  return {
    id: r.id,
    name: r.name,
    kpi: r.kpi,
    scope: r.scope,
    each: r.each,
    condition: r.condition,
    window: r.window,
    sustainMinutes: r.sustain_minutes,
    clearMinutes: r.clear_minutes,
    audience: r.audience,
    enabled: r.enabled,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

function toInstance(r: InstanceRow): AlertInstance {
  return {
    id: r.id,
    ruleId: r.rule_id,
    ruleName: r.rule_name ?? '',
    kpi: r.kpi,
    scope: r.scope,
    openedAt: new Date(r.opened_at).toISOString(),
    valueAtOpen: r.value_at_open,
    lastValue: r.last_value,
    status: r.status,
    acknowledgedBy: r.acknowledged_by,
    acknowledgedAt: iso(r.acknowledged_at),
    resolvedBy: r.resolved_by,
    resolvedAt: iso(r.resolved_at),
    note: r.note,
  };
}

export type NewRule = Omit<AlertRule, 'id' | 'createdAt'>;

const INSTANCE_SELECT = `SELECT i.*, r.name AS rule_name FROM alert_instances i LEFT JOIN alert_rules r ON r.id = i.rule_id`;

/** SQL of the alert tables, shared by the API services and the CLI (no Nest here). */
export class AlertStore {
  constructor(private readonly db: DataSource) {}

  async rules(): Promise<AlertRule[]> {
    const rows: RuleRow[] = await this.db.query('SELECT * FROM alert_rules ORDER BY created_at, id');
    return rows.map(toRule);
  }

  async rule(id: string): Promise<AlertRule | null> {
    const rows: RuleRow[] = await this.db.query('SELECT * FROM alert_rules WHERE id = $1', [id]);
    return rows[0] ? toRule(rows[0]) : null;
  }

  async insertRule(r: NewRule): Promise<AlertRule> {
    const rows: RuleRow[] = await this.db.query(
      `INSERT INTO alert_rules (name, kpi, scope, each, condition, "window", sustain_minutes, clear_minutes, audience, enabled, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
      [r.name, r.kpi, r.scope, r.each, JSON.stringify(r.condition), JSON.stringify(r.window), r.sustainMinutes, r.clearMinutes, JSON.stringify(r.audience), r.enabled, r.createdBy],
    );
    return toRule(rows[0]);
  }

  async updateRule(r: AlertRule): Promise<AlertRule> {
    const [rows]: [RuleRow[], number] = await this.db.query(
      `UPDATE alert_rules SET name = $2, condition = $3, "window" = $4, sustain_minutes = $5, clear_minutes = $6, audience = $7, enabled = $8
       WHERE id = $1 RETURNING *`,
      [r.id, r.name, JSON.stringify(r.condition), JSON.stringify(r.window), r.sustainMinutes, r.clearMinutes, JSON.stringify(r.audience), r.enabled],
    );
    return toRule(rows[0]);
  }

  async deleteRule(id: string): Promise<void> {
    await this.db.query('DELETE FROM alert_eval_state WHERE rule_id = $1', [id]);
    await this.db.query('DELETE FROM alert_rules WHERE id = $1', [id]);
  }

  async instances(filter: { status?: AlertStatus[]; scopes?: string[]; limit?: number } = {}): Promise<AlertInstance[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.status?.length) {
      args.push(filter.status);
      where.push(`i.status = ANY($${args.length}::text[])`);
    }
    if (filter.scopes) {
      args.push(filter.scopes);
      where.push(`i.scope = ANY($${args.length}::text[])`);
    }
    args.push(filter.limit ?? 500);
    const rows: InstanceRow[] = await this.db.query(
      `${INSTANCE_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY i.opened_at DESC, i.id LIMIT $${args.length}`,
      args,
    );
    return rows.map(toInstance);
  }

  async instance(id: string): Promise<AlertInstance | null> {
    const rows: InstanceRow[] = await this.db.query(`${INSTANCE_SELECT} WHERE i.id = $1`, [id]);
    return rows[0] ? toInstance(rows[0]) : null;
  }

  /** The open or acknowledged instance of a rule × scope (at most one: de-duplication). */
  async active(ruleId: string): Promise<Map<string, AlertInstance>> {
    const rows: InstanceRow[] = await this.db.query(`${INSTANCE_SELECT} WHERE i.rule_id = $1 AND i.status <> 'resolved'`, [ruleId]);
    return new Map(rows.map((r) => [r.scope, toInstance(r)]));
  }

  /**
   * Null when an instance of the rule × scope is already open or acknowledged: another API
   * process's evaluator opened it first (the partial unique index alert_instances_one_active_idx).
   */
  async open(rule: AlertRule, scope: string, at: number, value: number | null): Promise<AlertInstance | null> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO alert_instances (rule_id, kpi, scope, opened_at, value_at_open, last_value) VALUES ($1, $2, $3, $4, $5, $5)
       ON CONFLICT (rule_id, scope) WHERE status <> 'resolved' DO NOTHING RETURNING id`,
      [rule.id, rule.kpi, scope, new Date(at), value],
    );
    return rows[0] ? this.instance(rows[0].id) : null;
  }

  async setLastValue(id: string, value: number | null): Promise<void> {
    await this.db.query('UPDATE alert_instances SET last_value = $2 WHERE id = $1', [id, value]);
  }

  async acknowledge(id: string, by: string, at: number, note: string | null): Promise<AlertInstance | null> {
    const [rows]: [{ id: string }[], number] = await this.db.query(
      `UPDATE alert_instances SET status = 'acknowledged', acknowledged_by = $2, acknowledged_at = $3, note = COALESCE($4, note)
       WHERE id = $1 AND status = 'open' RETURNING id`,
      [id, by, new Date(at), note],
    );
    return rows.length ? this.instance(id) : null;
  }

  /** by null = auto-resolve. Returns null when it was already resolved. */
  async resolve(id: string, by: string | null, at: number, note: string | null, value?: number | null): Promise<AlertInstance | null> {
    const [rows]: [{ id: string }[], number] = await this.db.query(
      `UPDATE alert_instances SET status = 'resolved', resolved_by = $2, resolved_at = $3, note = COALESCE($4, note),
         last_value = CASE WHEN $5::boolean THEN $6::double precision ELSE last_value END
       WHERE id = $1 AND status <> 'resolved' RETURNING id`,
      [id, by, new Date(at), note, value !== undefined, value ?? null],
    );
    return rows.length ? this.instance(id) : null;
  }

  async states(ruleId: string): Promise<Map<string, Omit<AlertState, 'open'>>> {
    const rows: { scope: string; breach_since: Date | null; clear_since: Date | null; last_resolved_at: Date | null }[] = await this.db.query(
      'SELECT scope, breach_since, clear_since, last_resolved_at FROM alert_eval_state WHERE rule_id = $1',
      [ruleId],
    );
    return new Map(rows.map((r) => [r.scope, { breachSince: ms(r.breach_since), clearSince: ms(r.clear_since), lastResolvedAt: ms(r.last_resolved_at) }]));
  }

  async saveState(ruleId: string, scope: string, s: Omit<AlertState, 'open'>): Promise<void> {
    await this.db.query(
      `INSERT INTO alert_eval_state (rule_id, scope, breach_since, clear_since, last_resolved_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (rule_id, scope) DO UPDATE SET breach_since = $3, clear_since = $4, last_resolved_at = $5`,
      [ruleId, scope, ts(s.breachSince), ts(s.clearSince), ts(s.lastResolvedAt)],
    );
  }

  async getSetting<T>(key: string): Promise<T | null> {
    const rows: { value: T }[] = await this.db.query('SELECT value FROM settings WHERE key = $1', [key]);
    return rows[0]?.value ?? null;
  }

  async putSetting(key: string, value: unknown): Promise<void> {
    await this.db.query(
      `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, now()) ON CONFLICT (key) DO UPDATE SET value = $2, updated_at = now()`,
      [key, JSON.stringify(value)],
    );
  }
}
