import type { DataSource } from 'typeorm';

/**
 * The org every API test uses. Two sites: lon (Europe/London) with teams t1 {a1, a2} and t2 {a3},
 * nyc (America/New_York) with team tn {n1}. Queues lon-voice, nyc-voice.
 */
export async function seedOrg(ds: DataSource): Promise<void> {
  await ds.query(`INSERT INTO sites (id, name, timezone) VALUES ('lon', 'London', 'Europe/London'), ('nyc', 'New York', 'America/New_York')`);
  await ds.query(`INSERT INTO teams (id, name, site_id) VALUES ('t1', 'Team 1', 'lon'), ('t2', 'Team 2', 'lon'), ('tn', 'Team N', 'nyc')`);
  await ds.query(
    `INSERT INTO agents (id, name, team_id, site_id) VALUES
     ('a1', 'Ann', 't1', 'lon'), ('a2', 'Bob', 't1', 'lon'), ('a3', 'Cat', 't2', 'lon'), ('n1', 'Dan', 'tn', 'nyc')`,
  );
  await ds.query(`INSERT INTO queues (id, name, site_id, channel) VALUES ('lon-voice', 'London voice', 'lon', 'voice'), ('nyc-voice', 'New York voice', 'nyc', 'voice')`);
}

/** Demo users on that org (password floorwatch) plus `sitemgr`, a manager of lon only. */
export const TEST_USERS = ['agent', 'lead', 'manager', 'desk', 'admin', 'sitemgr'] as const;
export type TestUser = (typeof TEST_USERS)[number];
