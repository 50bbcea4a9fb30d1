import type { GroupBy, Scope, SurveyResponse } from '@floorwatch/contracts';

/** "(none)": kept here as a literal so this file does not import compute-kpis (no cycle). */
const NONE = '(none)';

/**
 * customer.md: a response belongs to the agent, team, queue, reason, channel and site of the
 * segment it rates and counts there and at enterprise; an unattributed one at enterprise only.
 */
export function surveyInScope(s: SurveyResponse, scope: Scope): boolean {
  if (scope.kind === 'enterprise') return true;
  const a = s.attribution;
  if (!a) return false;
  switch (scope.kind) {
    case 'agent': return a.agentId === scope.id;
    case 'team': return a.teamId === scope.id;
    case 'site': return a.siteId === scope.id;
    case 'queue': return a.queueId === scope.id;
  }
}

/** Group key of a response for a non-time grouping; a dimension it lacks gives "(none)". */
export function surveyGroupKey(s: SurveyResponse, by: Exclude<GroupBy, 'day' | 'hour' | 'interval'>): string {
  const a = s.attribution;
  switch (by) {
    case 'mainChannel': return s.mainChannel;
    case 'channelChain': return s.channelChain;
    case 'agent': return a?.agentId ?? NONE;
    case 'team': return a?.teamId ?? NONE;
    case 'site': return a?.siteId ?? NONE;
    case 'queue': return a?.queueId ?? NONE;
    case 'reason': return a?.reason ?? NONE;
    case 'channel': return a?.channel ?? NONE;
    // Attribution keeps no direction or self-service dimension (surveys rate the attributed
    // segment): one "(none)" group.
    default: return NONE;
  }
}
