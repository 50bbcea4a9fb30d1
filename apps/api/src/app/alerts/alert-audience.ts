import { parseScope, isScopeError, type AlertRule, type Me, type Scope } from '@floorwatch/contracts';
import { mayReceiveAlert } from '../auth/permissions';
import type { IndexedOrg } from '../org/org-lookup';

export function scopeOf(text: string): Scope {
  const s = parseScope(text);
  if (isScopeError(s)) throw new Error(`stored scope ${text}: ${s.error}`);
  return s;
}

/** The rooms an instance is delivered to: its scope and every scope above it. */
export function roomsAbove(scope: Scope, org: IndexedOrg): string[] {
  const rooms: string[] = [];
  let site: string | undefined;
  if (scope.kind === 'agent') {
    rooms.push(`agent:${scope.id}`);
    const team = org.teamOfAgent(scope.id);
    if (team) rooms.push(`team:${team}`);
    site = org.siteOfAgent(scope.id);
  } else if (scope.kind === 'team') {
    rooms.push(`team:${scope.id}`);
    site = org.siteOfTeam(scope.id);
  } else if (scope.kind === 'queue') {
    site = org.siteOfQueue(scope.id);
  } else if (scope.kind === 'site') {
    site = scope.id;
  }
  if (site) rooms.push(`site:${site}`);
  rooms.push('enterprise');
  return rooms;
}

/** Is `scope` the filter scope or under it (a site's teams, agents and queues; a team's agents)? */
export function isUnder(scope: Scope, filter: Scope, org: IndexedOrg): boolean {
  if (filter.kind === 'enterprise') return true;
  if (scope.kind === filter.kind && 'id' in scope && scope.id === filter.id) return true;
  if (filter.kind === 'site') {
    if (scope.kind === 'team') return org.siteOfTeam(scope.id) === filter.id;
    if (scope.kind === 'agent') return org.siteOfAgent(scope.id) === filter.id;
    if (scope.kind === 'queue') return org.siteOfQueue(scope.id) === filter.id;
  }
  if (filter.kind === 'team' && scope.kind === 'agent') return org.teamOfAgent(scope.id) === filter.id;
  return false;
}

/** Recipient: a role in the rule's audience and read access to the instance scope. */
export function isRecipient(user: Me, rule: Pick<AlertRule, 'audience'> | undefined, scope: string, org: IndexedOrg): boolean {
  return rule !== undefined && mayReceiveAlert(user, rule.audience, scopeOf(scope), org).ok;
}

/** May resolve by hand: a recipient through a role other than agent. */
export function mayResolve(user: Me, rule: Pick<AlertRule, 'audience'> | undefined, scope: string, org: IndexedOrg): boolean {
  if (!rule || !isRecipient(user, rule, scope, org)) return false;
  return user.roles.some((r) => r !== 'agent' && rule.audience.includes(r));
}
