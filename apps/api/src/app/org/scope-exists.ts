import { formatScope, type Scope } from '@floorwatch/contracts';
import { badRequest } from '../common/validation';
import type { IndexedOrg } from './org-lookup';

/** 400 for a scope naming no known site, team, agent or queue (checked after access, so it leaks nothing). */
export function requireKnownScope(scope: Scope, org: IndexedOrg, field = 'scope'): void {
  const known =
    scope.kind === 'enterprise' ||
    (scope.kind === 'site' && org.siteById.has(scope.id)) ||
    (scope.kind === 'team' && org.teamById.has(scope.id)) ||
    (scope.kind === 'agent' && org.agentById.has(scope.id)) ||
    (scope.kind === 'queue' && org.queueById.has(scope.id));
  if (!known) throw badRequest(field, `unknown ${formatScope(scope)}`);
}
