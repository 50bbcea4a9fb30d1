import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Alert rules, their instances and the evaluator's per rule × scope clocks (spec/action.md
 * "Alert rules"). The clocks are stored so a restart goes on from the last tick evaluated
 * instead of re-evaluating past ticks ("late data changes KPIs, not instances").
 */
export const ALERT_TABLES = ['alert_eval_state', 'alert_instances', 'alert_rules'];

export class Alerts1795960000000 implements MigrationInterface {
  name = 'Alerts1795960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE alert_rules (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      kpi text NOT NULL,
      scope text NOT NULL,
      each text CHECK (each IN ('site','team','agent')),
      condition jsonb NOT NULL,
      "window" jsonb NOT NULL,
      sustain_minutes integer NOT NULL DEFAULT 10,
      clear_minutes integer NOT NULL DEFAULT 15,
      audience jsonb NOT NULL,
      enabled boolean NOT NULL DEFAULT true,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE alert_instances (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      rule_id uuid NOT NULL,
      kpi text NOT NULL,
      scope text NOT NULL,
      opened_at timestamptz NOT NULL,
      value_at_open double precision,
      last_value double precision,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','acknowledged','resolved')),
      acknowledged_by text,
      acknowledged_at timestamptz,
      resolved_by text,
      resolved_at timestamptz,
      note text
    )`);
    await q.query(`CREATE INDEX alert_instances_rule_idx ON alert_instances (rule_id, scope, opened_at)`);
    await q.query(`CREATE INDEX alert_instances_status_idx ON alert_instances (status, opened_at)`);
    await q.query(`CREATE TABLE alert_eval_state (
      rule_id uuid NOT NULL,
      scope text NOT NULL,
      breach_since timestamptz,
      clear_since timestamptz,
      last_resolved_at timestamptz,
      PRIMARY KEY (rule_id, scope)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ALERT_TABLES) await q.query(`DROP TABLE ${t}`);
  }
}
