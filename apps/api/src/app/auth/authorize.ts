import { ForbiddenException } from '@nestjs/common';
import type { Me, Scope } from '@floorwatch/contracts';
import { mayDo, mayRead, type Action, type OrgLookup, type ScopeDecision } from './permissions';

/** Turns a permissions.ts decision into a 403; the reason names only what was asked for. */
export function enforce(decision: ScopeDecision): void {
  if (!decision.ok) throw new ForbiddenException(decision.reason);
}

export function requireAction(user: Me, action: Action): void {
  if (!mayDo(user, action)) throw new ForbiddenException(`${user.username} may not ${action.replace(/:/g, ' ')}`);
}

export function requireRead(user: Me, scope: Scope, org: OrgLookup): void {
  enforce(mayRead(user, scope, org));
}
