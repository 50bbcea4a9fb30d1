import type { MigrationInterface, QueryRunner } from 'typeorm';
import { EFFORT_COUNTER_EXPRS } from '../../rollup/effort-rollup-sql';

/*
 * selfservice.md §4 effort rates and §3 self-service share on the rollup path: the contact rollups
 * gain the handled-segment counters they are made of (by endedAt, like `handled`). Rows already
 * there are filled from the raw contacts here (15-minute rows by their key; the site and day rows
 * re-summed from them), so no rollup answers 0 where contacts say otherwise.
 */
export class EffortRollup1795982000000 implements MigrationInterface {
  name = 'EffortRollup1795982000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await q.query(`ALTER TABLE ${table} ${EFFORT_COUNTER_EXPRS.map(([col]) => `ADD COLUMN ${col} integer NOT NULL DEFAULT 0`).join(', ')}`);
    await q.query(`
      UPDATE rollup_contacts_15m r SET ${EFFORT_COUNTER_EXPRS.map(([col]) => `${col} = x.${col}`).join(', ')}
        FROM (
          SELECT date_bin('15 minutes', c.ended_at, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS interval_start, c.site_id, c.queue_id,
                 COALESCE(c.team_id, '') AS team_id, COALESCE(c.agent_id, '') AS agent_id, c.reason, c.channel,
                 ${EFFORT_COUNTER_EXPRS.map(([col, e]) => `sum(${e}) AS ${col}`).join(', ')}
            FROM contacts c WHERE c.answered_at IS NOT NULL
           GROUP BY 1, 2, 3, 4, 5, 6, 7
        ) x
       WHERE r.interval_start = x.interval_start AND r.site_id = x.site_id AND r.queue_id = x.queue_id AND r.team_id = x.team_id
         AND r.agent_id = x.agent_id AND r.reason = x.reason AND r.channel = x.channel`);
    const key = 'interval_start, site_id, queue_id, reason, channel';
    await q.query(`
      UPDATE rollup_contacts_site_15m r SET ${EFFORT_COUNTER_EXPRS.map(([col]) => `${col} = x.${col}`).join(', ')}
        FROM (SELECT ${key}, ${EFFORT_COUNTER_EXPRS.map(([col]) => `sum(${col}) AS ${col}`).join(', ')} FROM rollup_contacts_15m GROUP BY ${key}) x
       WHERE r.interval_start = x.interval_start AND r.site_id = x.site_id AND r.queue_id = x.queue_id AND r.reason = x.reason AND r.channel = x.channel`);
    await q.query(`
      UPDATE rollup_contacts_day d SET ${EFFORT_COUNTER_EXPRS.map(([col]) => `${col} = x.${col}`).join(', ')}
        FROM (
          SELECT d2.day_zone, d2.site_id, d2.day, d2.queue_id, d2.reason, d2.channel, ${EFFORT_COUNTER_EXPRS.map(([col]) => `sum(r.${col}) AS ${col}`).join(', ')}
            FROM rollup_contacts_day d2
            JOIN rollup_contacts_site_15m r ON r.site_id = d2.site_id AND r.queue_id = d2.queue_id AND r.reason = d2.reason AND r.channel = d2.channel
             AND r.interval_start >= (d2.day::timestamp AT TIME ZONE d2.day_zone) AND r.interval_start < ((d2.day + 1)::timestamp AT TIME ZONE d2.day_zone)
           GROUP BY 1, 2, 3, 4, 5, 6
        ) x
       WHERE d.day_zone = x.day_zone AND d.site_id = x.site_id AND d.day = x.day AND d.queue_id = x.queue_id AND d.reason = x.reason AND d.channel = x.channel`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await q.query(`ALTER TABLE ${table} ${EFFORT_COUNTER_EXPRS.map(([col]) => `DROP COLUMN ${col}`).join(', ')}`);
  }
}

const TABLES = ['rollup_contacts_15m', 'rollup_contacts_site_15m', 'rollup_contacts_day'];
