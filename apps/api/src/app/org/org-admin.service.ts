import { Injectable } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import { badRequest } from '../common/validation';
import { OrgService } from './org.service';
import type { z } from 'zod';
import type { agentSchema, queueSchema, siteSchema, teamSchema } from './org.dto';

/** Admin edits of the org: upserts by id, then the cached org is refreshed. */
@Injectable()
export class OrgAdminService {
  constructor(
    private readonly db: DataSource,
    private readonly org: OrgService,
  ) {}

  async putSite(id: string, s: z.output<typeof siteSchema>): Promise<void> {
    await this.db.query(
      `INSERT INTO sites (id, name, timezone) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, timezone = EXCLUDED.timezone`,
      [id, s.name, s.timezone],
    );
    await this.org.refresh();
  }

  async putTeam(id: string, t: z.output<typeof teamSchema>): Promise<void> {
    await this.requireSite(t.siteId);
    await this.db.query(
      `INSERT INTO teams (id, name, site_id, leader_user_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, site_id = EXCLUDED.site_id, leader_user_id = EXCLUDED.leader_user_id`,
      [id, t.name, t.siteId, t.leaderUserId],
    );
    await this.org.refresh();
  }

  async putAgent(id: string, a: z.output<typeof agentSchema>): Promise<void> {
    await this.requireSite(a.siteId);
    if (a.teamId !== null) {
      const org = await this.org.get();
      const site = org.siteOfTeam(a.teamId);
      if (site === undefined) throw badRequest('teamId', `no team ${a.teamId}`);
      if (site !== a.siteId) throw badRequest('teamId', `team ${a.teamId} is at site ${site}, not ${a.siteId}`);
    }
    await this.inTransaction(async (q) => {
      await q.query(
        `INSERT INTO agents (id, name, team_id, site_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, team_id = EXCLUDED.team_id, site_id = EXCLUDED.site_id`,
        [id, a.name, a.teamId, a.siteId],
      );
      if (a.aliases) await this.replaceAliases(q, 'agent_aliases', 'agent_id', id, a.aliases);
    });
    await this.org.refresh();
  }

  async putQueue(id: string, qd: z.output<typeof queueSchema>): Promise<void> {
    await this.requireSite(qd.siteId);
    await this.inTransaction(async (q) => {
      await q.query(
        `INSERT INTO queues (id, name, site_id, channel, sl_seconds) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, site_id = EXCLUDED.site_id, channel = EXCLUDED.channel, sl_seconds = EXCLUDED.sl_seconds`,
        [id, qd.name, qd.siteId, qd.channel, qd.slSeconds],
      );
      if (qd.aliases) await this.replaceAliases(q, 'queue_aliases', 'queue_id', id, qd.aliases);
    });
    await this.org.refresh();
  }

  private async requireSite(siteId: string): Promise<void> {
    const org = await this.org.get();
    if (!org.siteById.has(siteId)) throw badRequest('siteId', `no site ${siteId}`);
  }

  /** An alias names one agent (or queue) only: moving it here takes it from its old owner. */
  private async replaceAliases(q: QueryRunner, table: 'agent_aliases' | 'queue_aliases', column: 'agent_id' | 'queue_id', id: string, aliases: string[]): Promise<void> {
    await q.query(`DELETE FROM ${table} WHERE ${column} = $1`, [id]);
    for (const alias of new Set(aliases)) {
      await q.query(`INSERT INTO ${table} (alias, ${column}) VALUES ($1, $2) ON CONFLICT (alias) DO UPDATE SET ${column} = EXCLUDED.${column}`, [alias, id]);
    }
  }

  private async inTransaction(work: (q: QueryRunner) => Promise<void>): Promise<void> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await work(runner);
      await runner.commitTransaction();
    } catch (e) {
      await runner.rollbackTransaction();
      throw e;
    } finally {
      await runner.release();
    }
  }
}
