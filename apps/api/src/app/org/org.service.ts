import { Injectable } from '@nestjs/common';
import type { Channel, Org } from '@floorwatch/contracts';
import { DataSource } from 'typeorm';
import type { OrgLookup } from '../auth/permissions';
import { IndexedOrg } from './org-lookup';

/**
 * The organisation, loaded from the database and cached. Ingest calls `refresh()` after an org
 * feed; admin edits refresh it too. `lookup()` is the OrgLookup every permission check uses.
 */
@Injectable()
export class OrgService {
  private current: Promise<IndexedOrg> | null = null;

  constructor(private readonly db: DataSource) {}

  get(): Promise<IndexedOrg> {
    this.current ??= this.load().catch((e: unknown) => {
      this.current = null;
      throw e;
    });
    return this.current;
  }

  async org(): Promise<Org> {
    return (await this.get()).org;
  }

  async lookup(): Promise<OrgLookup> {
    return this.get();
  }

  /** Reloads from the database; returns the fresh org. */
  async refresh(): Promise<IndexedOrg> {
    this.current = null;
    return this.get();
  }

  private async load(): Promise<IndexedOrg> {
    const sites: { id: string; name: string; timezone: string }[] = await this.db.query('SELECT id, name, timezone FROM sites ORDER BY id');
    const teams: { id: string; name: string; site_id: string; leader_user_id: string | null }[] = await this.db.query(
      'SELECT id, name, site_id, leader_user_id FROM teams ORDER BY id',
    );
    const agents: { id: string; name: string; team_id: string | null; site_id: string }[] = await this.db.query(
      'SELECT id, name, team_id, site_id FROM agents ORDER BY id',
    );
    const agentAliases: { alias: string; agent_id: string }[] = await this.db.query('SELECT alias, agent_id FROM agent_aliases ORDER BY alias');
    const queues: { id: string; name: string; site_id: string; channel: Channel; sl_seconds: number | null }[] = await this.db.query(
      'SELECT id, name, site_id, channel, sl_seconds FROM queues ORDER BY id',
    );
    const queueAliases: { alias: string; queue_id: string }[] = await this.db.query('SELECT alias, queue_id FROM queue_aliases ORDER BY alias');
    const aliasesOf = (rows: { alias: string; id: string }[]): Map<string, string[]> => {
      const map = new Map<string, string[]>();
      for (const r of rows) map.set(r.id, [...(map.get(r.id) ?? []), r.alias]);
      return map;
    };
    const agentAl = aliasesOf(agentAliases.map((r) => ({ alias: r.alias, id: r.agent_id })));
    const queueAl = aliasesOf(queueAliases.map((r) => ({ alias: r.alias, id: r.queue_id })));
    return new IndexedOrg({
      sites: sites.map((s) => ({ id: s.id, name: s.name, timezone: s.timezone })),
      teams: teams.map((t) => ({ id: t.id, name: t.name, siteId: t.site_id, leaderUserId: t.leader_user_id })),
      agents: agents.map((a) => ({ id: a.id, name: a.name, teamId: a.team_id, siteId: a.site_id, aliases: agentAl.get(a.id) ?? [] })),
      queues: queues.map((q) => ({
        id: q.id,
        name: q.name,
        channel: q.channel,
        siteId: q.site_id,
        aliases: queueAl.get(q.id) ?? [],
        slSeconds: q.sl_seconds === null ? null : Number(q.sl_seconds),
      })),
    });
  }
}
