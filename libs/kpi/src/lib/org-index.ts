import type { Contact, Org, OrgAgent, OrgQueue, OrgSite, Scope } from '@floorwatch/contracts';

/** Look-ups over an Org, and scope membership as kpis.md defines it. */
export interface OrgIndex {
  org: Org;
  sites: Map<string, OrgSite>;
  agents: Map<string, OrgAgent>;
  queues: Map<string, OrgQueue>;
}

export function indexOrg(org: Org): OrgIndex {
  return {
    org,
    sites: new Map(org.sites.map((s) => [s.id, s])),
    agents: new Map(org.agents.map((a) => [a.id, a])),
    queues: new Map(org.queues.map((q) => [q.id, q])),
  };
}

/**
 * Workforce records belong to the agent's team and site in the org. Agent time belongs to no
 * queue; an agent missing from the org counts at enterprise (and its own agent) scope only.
 */
export function agentInScope(o: OrgIndex, agentId: string, scope: Scope): boolean {
  switch (scope.kind) {
    case 'enterprise':
      return true;
    case 'agent':
      return agentId === scope.id;
    case 'team':
      return o.agents.get(agentId)?.teamId === scope.id;
    case 'site':
      return o.agents.get(agentId)?.siteId === scope.id;
    case 'queue':
      return false;
  }
}

/** A contact's site is its queue's site; its team is its agent's team (none when unanswered). */
export function contactInScope(c: Contact, scope: Scope): boolean {
  switch (scope.kind) {
    case 'enterprise':
      return true;
    case 'agent':
      return c.agentId === scope.id;
    case 'team':
      return c.teamId === scope.id;
    case 'site':
      return c.siteId === scope.id;
    case 'queue':
      return c.queueId === scope.id;
  }
}
