import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Corrective actions and adherence exception requests (spec/action.md "Corrective actions").
 * Cause codes live in settings (`action.causeCodes`), the admin's list.
 */
export const ACTION_TABLES = ['adherence_exceptions', 'corrective_actions'];

export class Actions1795960000001 implements MigrationInterface {
  name = 'Actions1795960000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE corrective_actions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      alert_id uuid,
      kpi text NOT NULL,
      scope text NOT NULL,
      cause_code text NOT NULL,
      description text NOT NULL,
      owner text NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      effective_at timestamptz NOT NULL,
      due_at timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','done','cancelled')),
      closed_at timestamptz
    )`);
    await q.query('CREATE INDEX corrective_actions_scope_idx ON corrective_actions (scope, effective_at)');
    await q.query(`CREATE TABLE adherence_exceptions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      agent_id text NOT NULL,
      requested_by text NOT NULL,
      start_at timestamptz NOT NULL,
      end_at timestamptz NOT NULL,
      cause_code text NOT NULL,
      note text NOT NULL DEFAULT '',
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','declined')),
      decided_by text,
      decision_note text,
      created_at timestamptz NOT NULL DEFAULT now(),
      decided_at timestamptz
    )`);
    await q.query('CREATE INDEX adherence_exceptions_agent_idx ON adherence_exceptions (agent_id, start_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ACTION_TABLES) await q.query(`DROP TABLE ${t}`);
  }
}
