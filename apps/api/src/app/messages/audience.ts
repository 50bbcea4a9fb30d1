import { formatScope, type Me, type Scope } from '@floorwatch/contracts';
import { mayRead } from '../auth/permissions';
import type { IndexedOrg } from '../org/org-lookup';

/**
 * Is a message to `scope` addressed to `user`? Messages go to the people of that scope and to
 * those who lead it, not to everyone who may read its KPIs: a coaching note to an agent reaches
 * the agent and their team leader, not every manager and the desk.
 */
export function isAddressedTo(user: Me, scope: Scope, org: IndexedOrg): boolean {
  return user.roles.some((role) => {
    switch (role) {
      case 'admin':
        return true;
      case 'control_desk':
        return scope.kind === 'site';
      case 'manager':
        return (scope.kind === 'site' || scope.kind === 'team') && mayRead({ ...user, roles: ['manager'] }, scope, org).ok;
      case 'team_leader': {
        if (scope.kind === 'team' || scope.kind === 'agent') return mayRead({ ...user, roles: ['team_leader'] }, scope, org).ok;
        return scope.kind === 'site' && user.teamIds.some((t) => org.siteOfTeam(t) === scope.id);
      }
      case 'agent': {
        if (!user.agentId) return false;
        if (scope.kind === 'agent') return scope.id === user.agentId;
        if (scope.kind === 'team') return org.teamOfAgent(user.agentId) === scope.id;
        return scope.kind === 'site' && org.siteOfAgent(user.agentId) === scope.id;
      }
    }
  });
}

/** Every site, team and agent scope addressed to `user`, as stored `to_scope` strings. */
export function audienceScopes(user: Me, org: IndexedOrg): string[] {
  const all: Scope[] = [
    ...org.org.sites.map((s): Scope => ({ kind: 'site', id: s.id })),
    ...org.org.teams.map((t): Scope => ({ kind: 'team', id: t.id })),
    ...org.org.agents.map((a): Scope => ({ kind: 'agent', id: a.id })),
  ];
  return all.filter((s) => isAddressedTo(user, s, org)).map(formatScope);
}
