import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * spec/action.md de-duplication across API processes: at most one open or acknowledged instance
 * per rule × scope, enforced by the database, so two evaluators ticking the same minute cannot
 * both open one (the second insert does nothing: ON CONFLICT in AlertStore.open). Duplicates a
 * double evaluation may already have left are resolved first, the earliest kept.
 */
export class AlertInstanceDedup1795983000000 implements MigrationInterface {
  name = 'AlertInstanceDedup1795983000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE alert_instances d SET status = 'resolved', resolved_at = d.opened_at, note = COALESCE(d.note, 'duplicate of an earlier instance')
      WHERE d.status <> 'resolved' AND EXISTS (
        SELECT 1 FROM alert_instances k WHERE k.rule_id = d.rule_id AND k.scope = d.scope AND k.status <> 'resolved'
          AND (k.opened_at, k.id) < (d.opened_at, d.id))`);
    await q.query(`CREATE UNIQUE INDEX alert_instances_one_active_idx ON alert_instances (rule_id, scope) WHERE status <> 'resolved'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX alert_instances_one_active_idx');
  }
}
