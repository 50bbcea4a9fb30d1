import type { Me, OrgView } from '@floorwatch/contracts';
import { mayRead } from '../auth/permissions';
import type { IndexedOrg } from './org-lookup';

/**
 * The part of the org a user may see: every site, team, agent and queue they may read. An agent
 * also sees the names of their own team and site (context for their own page), nothing else.
 */
export function orgViewFor(user: Me, org: IndexedOrg): OrgView {
  const own = user.agentId ? org.agentById.get(user.agentId) : undefined;
  const ownTeam = own?.teamId ?? null;
  const ownSite = own?.siteId ?? null;
  const can = (kind: 'site' | 'team' | 'agent' | 'queue', id: string): boolean => mayRead(user, { kind, id }, org).ok;
  const visibleTeams = org.org.teams.filter((t) => can('team', t.id) || t.id === ownTeam);
  const teamIds = new Set(visibleTeams.map((t) => t.id));
  const visibleAgents = org.org.agents.filter((a) => can('agent', a.id));
  const siteIds = new Set([...visibleTeams.map((t) => t.siteId), ...visibleAgents.map((a) => a.siteId)]);
  const visibleSites = org.org.sites.filter((s) => can('site', s.id) || siteIds.has(s.id) || s.id === ownSite);
  return {
    sites: visibleSites.map((s) => ({ id: s.id, name: s.name, timezone: s.timezone })),
    teams: visibleTeams.filter((t) => teamIds.has(t.id)).map((t) => ({ id: t.id, name: t.name, siteId: t.siteId, leaderUserId: t.leaderUserId })),
    agents: visibleAgents.map((a) => ({ id: a.id, name: a.name, teamId: a.teamId, siteId: a.siteId })),
    queues: org.org.queues.filter((q) => can('queue', q.id)).map((q) => ({ id: q.id, name: q.name, channel: q.channel, siteId: q.siteId })),
  };
}
