import type { Org } from '@floorwatch/contracts';
import type { OrgLookup } from '../auth/permissions';

/** Indexed view of an Org, answering permissions.ts questions in O(1). */
export class IndexedOrg implements OrgLookup {
  readonly agentById: ReadonlyMap<string, Org['agents'][number]>;
  readonly teamById: ReadonlyMap<string, Org['teams'][number]>;
  readonly siteById: ReadonlyMap<string, Org['sites'][number]>;
  readonly queueById: ReadonlyMap<string, Org['queues'][number]>;

  constructor(readonly org: Org) {
    this.agentById = new Map(org.agents.map((a) => [a.id, a]));
    this.teamById = new Map(org.teams.map((t) => [t.id, t]));
    this.siteById = new Map(org.sites.map((s) => [s.id, s]));
    this.queueById = new Map(org.queues.map((q) => [q.id, q]));
  }

  teamOfAgent(agentId: string): string | null | undefined {
    const agent = this.agentById.get(agentId);
    return agent ? agent.teamId : undefined;
  }
  siteOfAgent(agentId: string): string | undefined {
    return this.agentById.get(agentId)?.siteId;
  }
  siteOfTeam(teamId: string): string | undefined {
    return this.teamById.get(teamId)?.siteId;
  }
  siteOfQueue(queueId: string): string | undefined {
    return this.queueById.get(queueId)?.siteId;
  }
  timezoneOfSite(siteId: string): string {
    return this.siteById.get(siteId)?.timezone ?? 'UTC';
  }
}
