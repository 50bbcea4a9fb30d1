import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Revocable tokens and explicit reach (issue 20):
 * - token_version: every token carries the version it was issued under; a password change, a
 *   logout, disabling the user bumps it, so every older token dies at once.
 * - disabled: an admin can lock an account out without deleting its history.
 * - must_change_password: the first-start admin (and any admin-set password, see users.service)
 *   must choose their own before anything else.
 * - A manager with no sites used to mean "the enterprise"; reach is now explicit ('*' in
 *   site_ids). Existing site-less managers keep the reach they were given under the old rule.
 */
export class RevocableUsers1795920000000 implements MigrationInterface {
  name = 'RevocableUsers1795920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users
      ADD COLUMN token_version integer NOT NULL DEFAULT 0,
      ADD COLUMN disabled boolean NOT NULL DEFAULT false,
      ADD COLUMN must_change_password boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE users SET site_ids = '{*}' WHERE 'manager' = ANY(roles) AND site_ids = '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE users SET site_ids = '{}' WHERE site_ids = '{*}'`);
    await q.query('ALTER TABLE users DROP COLUMN token_version, DROP COLUMN disabled, DROP COLUMN must_change_password');
  }
}
