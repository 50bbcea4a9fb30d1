/**
 * The one permissions and scope map of Floorwatch (spec/interfaces.md "Roles and scope").
 * Every HTTP guard and the socket gateway ask these functions; nothing else decides access,
 * and the client is never trusted with it.
 */
import type { Me, Role, Scope } from '@floorwatch/contracts';

/** What the policy needs to know about the org to place an agent, team or queue. */
export interface OrgLookup {
  teamOfAgent(agentId: string): string | null | undefined;
  siteOfAgent(agentId: string): string | undefined;
  siteOfTeam(teamId: string): string | undefined;
  siteOfQueue(queueId: string): string | undefined;
}

export type Action =
  | 'targets:set:agent'
  | 'targets:set:team'
  | 'targets:set:site'
  | 'targets:set:queue'
  | 'targets:set:enterprise'
  | 'targets:set:staffing'
  | 'messages:send:agent'
  | 'messages:send:team'
  | 'messages:send:site'
  | 'schedule-requests:create'
  | 'schedule-requests:decide'
  | 'admin:users'
  | 'admin:org'
  | 'ingest'
  | 'quarantine:read'
  | 'quarantine:resolve'
  // customer.md: drivers of satisfaction; HOTLINE cases (act on own scope, reassign, edit rules)
  | 'drivers:read'
  | 'hotline:act'
  | 'hotline:reassign'
  | 'hotline:rules'
  | 'feeds:read';

/** Which role may do what; the scope check below then limits where. */
export const ROLE_ACTIONS: Readonly<Record<Role, readonly Action[]>> = {
  agent: ['schedule-requests:create'],
  team_leader: ['targets:set:team', 'targets:set:agent', 'messages:send:agent', 'schedule-requests:decide', 'drivers:read', 'hotline:act'],
  manager: ['targets:set:site', 'targets:set:queue', 'targets:set:enterprise', 'messages:send:team', 'messages:send:site', 'drivers:read', 'hotline:act', 'hotline:reassign'],
  control_desk: ['targets:set:staffing', 'messages:send:site', 'feeds:read'],
  admin: [
    'targets:set:agent',
    'targets:set:team',
    'targets:set:site',
    'targets:set:queue',
    'targets:set:enterprise',
    'targets:set:staffing',
    'messages:send:agent',
    'messages:send:team',
    'messages:send:site',
    'schedule-requests:decide',
    'admin:users',
    'admin:org',
    'ingest',
    'quarantine:read',
    'quarantine:resolve',
    'drivers:read',
    'hotline:act',
    'hotline:reassign',
    'hotline:rules',
    'feeds:read',
  ],
};

export function mayDo(user: Pick<Me, 'roles'>, action: Action): boolean {
  return user.roles.some((role) => ROLE_ACTIONS[role].includes(action));
}

/** A manager's `siteIds` entry that reaches every site (the enterprise). No sites reach nothing. */
export const ALL_SITES = '*';

/**
 * May `user` do `action` on `scope`? Only when one single role both has the action and may read
 * the scope: a team leader who is also control desk may set team targets on their own teams,
 * not on every team the desk can watch.
 */
export function mayDoOn(user: Me, action: Action, scope: Scope, org: OrgLookup): boolean {
  return user.roles.some((role) => ROLE_ACTIONS[role].includes(action) && roleMayRead(role, user, scope, org));
}

export type ScopeDecision = { ok: true } | { ok: false; reason: string };

const ALLOW: ScopeDecision = { ok: true };

/** May `user` read KPIs, timelines and live events of `scope`? One role that allows is enough. */
export function mayRead(user: Me, scope: Scope, org: OrgLookup): ScopeDecision {
  for (const role of user.roles) {
    if (roleMayRead(role, user, scope, org)) return ALLOW;
  }
  return { ok: false, reason: `${user.username} may not read ${describe(scope)}` };
}

function roleMayRead(role: Role, user: Me, scope: Scope, org: OrgLookup): boolean {
  switch (role) {
    case 'admin':
    case 'control_desk':
      // The control desk watches every site live: staffing, queues and adherence exceptions.
      return true;
    case 'manager':
      // Enterprise reach is explicit ('*'); a manager without sites reads nothing.
      return user.siteIds.includes(ALL_SITES) || siteOf(scope, org).every((s) => s !== undefined && user.siteIds.includes(s));
    case 'team_leader':
      if (scope.kind === 'team') return user.teamIds.includes(scope.id);
      if (scope.kind === 'agent') {
        const team = org.teamOfAgent(scope.id);
        return team != null && user.teamIds.includes(team);
      }
      return false;
    case 'agent':
      return scope.kind === 'agent' && user.agentId !== null && scope.id === user.agentId;
  }
}

/** The site(s) a scope lies in; enterprise spans every site, so it yields an impossible site. */
function siteOf(scope: Scope, org: OrgLookup): (string | undefined)[] {
  switch (scope.kind) {
    case 'enterprise':
      return [undefined];
    case 'site':
      return [scope.id];
    case 'team':
      return [org.siteOfTeam(scope.id)];
    case 'agent':
      return [org.siteOfAgent(scope.id)];
    case 'queue':
      return [org.siteOfQueue(scope.id)];
  }
}

function describe(scope: Scope): string {
  return scope.kind === 'enterprise' ? 'the enterprise' : `${scope.kind} ${scope.id}`;
}

/** Targets are set by role on the kind of scope that role owns (spec: "may change"). */
export function maySetTarget(user: Me, scope: Scope, kpi: string, org: OrgLookup): ScopeDecision {
  const action: Action =
    kpi === 'staffingGap' ? 'targets:set:staffing' : (`targets:set:${scope.kind}` as Action);
  if (!mayDo(user, action)) {
    return { ok: false, reason: `${user.username} may not set ${kpi} targets on a ${scope.kind}` };
  }
  return mayDoOn(user, action, scope, org) ? ALLOW : { ok: false, reason: `${user.username} may not set ${kpi} targets on ${describe(scope)}` };
}

/** Messages go down the line: desk → site, manager → team or site, team leader → agent. */
export function maySendMessage(user: Me, scope: Scope, org: OrgLookup): ScopeDecision {
  if (scope.kind === 'enterprise' || scope.kind === 'queue') {
    return { ok: false, reason: 'messages go to a site, a team or an agent' };
  }
  const action: Action = `messages:send:${scope.kind}`;
  if (!mayDo(user, action)) {
    return { ok: false, reason: `${user.username} may not send messages to a ${scope.kind}` };
  }
  return mayDoOn(user, action, scope, org) ? ALLOW : { ok: false, reason: `${user.username} may not send messages to ${describe(scope)}` };
}

/**
 * Alert rules (spec/action.md "Who creates rules"): whoever may set that KPI's target on the
 * rule's scope; a rule for `each` site/team/agent is checked on that parent scope. KPIs without a
 * target of their own (threshold rules) take the rule of the scope kind.
 */
export function mayManageAlertRule(user: Me, scope: Scope, kpi: string, org: OrgLookup): ScopeDecision {
  return maySetTarget(user, scope, kpi, org);
}

/** An alert instance reaches a user when a role of theirs is in the rule's audience and they may read its scope. */
export function mayReceiveAlert(user: Me, audience: readonly Role[], scope: Scope, org: OrgLookup): ScopeDecision {
  if (!user.roles.some((r) => audience.includes(r))) {
    return { ok: false, reason: `${user.username} is not in the alert's audience` };
  }
  return mayRead(user, scope, org);
}

/** Forecast accuracy and training effectiveness: planning roles only (spec/action.md). */
export type PlanningReport = 'forecast-accuracy' | 'activity-effect';
export function mayReadPlanningReport(user: Me, report: PlanningReport, scope: Scope, org: OrgLookup): ScopeDecision {
  const roles: readonly Role[] = report === 'forecast-accuracy' ? ['manager', 'control_desk', 'admin'] : ['team_leader', 'manager', 'control_desk', 'admin'];
  if (!user.roles.some((r) => roles.includes(r))) return { ok: false, reason: `${user.username} may not read ${report}` };
  return mayRead(user, scope, org);
}

/** Corrective actions (spec/action.md): any non-agent role that may read the scope creates one. */
export function mayCreateAction(user: Me, scope: Scope, org: OrgLookup): ScopeDecision {
  const roles = user.roles.filter((r) => r !== 'agent');
  if (roles.length === 0) return { ok: false, reason: `${user.username} may not create corrective actions` };
  return mayRead({ ...user, roles }, scope, org);
}

/** Where a HOTLINE case (or an attributed survey response) belongs: its attribution. */
export interface CasePlace {
  agentId: string | null;
  teamId: string | null;
  siteId: string | null;
}

/**
 * customer.md roles on cases and responses: agent — own attributed ones only; team leader — own
 * teams; manager — own sites (an enterprise manager, reach '*', also the unattributed); control desk — none;
 * admin — all. One role that allows is enough.
 */
export function mayReadCase(user: Me, c: CasePlace): ScopeDecision {
  const ok = user.roles.some((role) => {
    switch (role) {
      case 'admin': return true;
      case 'control_desk': return false;
      case 'manager': return user.siteIds.includes(ALL_SITES) || (c.siteId !== null && user.siteIds.includes(c.siteId));
      case 'team_leader': return c.teamId !== null && user.teamIds.includes(c.teamId);
      case 'agent': return user.agentId !== null && c.agentId === user.agentId;
    }
  });
  return ok ? ALLOW : { ok: false, reason: `${user.username} may not see this case` };
}

/** Acting on a case (acknowledge, act, close) needs hotline:act and the case in the actor's scope (agents never act). */
export function mayActOnCase(user: Me, c: CasePlace): ScopeDecision {
  if (!mayDo(user, 'hotline:act')) return { ok: false, reason: `${user.username} may not act on HOTLINE cases` };
  const actors: Me = { ...user, roles: user.roles.filter((r) => r !== 'agent') };
  return mayReadCase(actors, c);
}
