import type { MigrationInterface, QueryRunner } from 'typeorm';
import { HOTLINE_CREATE_SQL } from '../../customer/hotline/hotline-sql';

/** customer.md HOTLINE cases: one per survey response matching a rule, with its lifecycle and audit history. */
export class HotlineCases1795950000001 implements MigrationInterface {
  name = 'HotlineCases1795950000001';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of HOTLINE_CREATE_SQL) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE hotline_cases');
  }
}
