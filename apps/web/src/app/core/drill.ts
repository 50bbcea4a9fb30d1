import { isScopeError, parseScope, type GroupBy, type OrgView, type Scope } from '@floorwatch/contracts';
import { resolvePeriod, toQueryParams, type PeriodKind, type ViewState } from './url-state';

/** The grouping a scope opens on: one level down the organisation. */
export const DEFAULT_BY: Record<Scope['kind'], GroupBy> = {
  enterprise: 'site',
  site: 'team',
  team: 'agent',
  agent: 'day',
  queue: 'reason',
};

export interface DrillTarget {
  /** Route to open; null = the same view with new query params. */
  route: string | null;
  state: ViewState;
}

/** Clicking a row of a grouped table: one level down the org, or from a day into its hours. */
export function drillInto(s: ViewState, key: string): DrillTarget | null {
  switch (s.by) {
    case 'site':
      return { route: null, state: { ...s, scope: `site:${key}`, by: 'team' } };
    case 'team':
      return { route: null, state: { ...s, scope: `team:${key}`, by: 'agent' } };
    case 'agent':
      return { route: '/agent', state: { ...s, scope: `agent:${key}`, by: null } };
    case 'queue':
      return { route: null, state: { ...s, scope: `queue:${key}`, by: 'reason' } };
    case 'day':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(key)) return null;
      return {
        route: null,
        state: { ...s, period: 'day', date: key, by: 'hour', up: s.period === 'day' ? s.up : s.period, from: null, to: null },
      };
    default:
      return null;
  }
}

export interface Crumb {
  label: string;
  queryParams: Record<string, string | null>;
  current: boolean;
}

/** enterprise → site → team → agent (or → queue), trimmed to start at the user's root scope. */
export function scopeChain(scope: string, org: OrgView | null, root = 'enterprise'): string[] {
  const parsed = parseScope(scope);
  if (isScopeError(parsed)) return [root];
  const chain: string[] = ['enterprise'];
  if (parsed.kind === 'site') chain.push(scope);
  if (parsed.kind === 'team') {
    const team = org?.teams.find((t) => t.id === parsed.id);
    if (team) chain.push(`site:${team.siteId}`);
    chain.push(scope);
  }
  if (parsed.kind === 'agent') {
    const agent = org?.agents.find((a) => a.id === parsed.id);
    if (agent) {
      chain.push(`site:${agent.siteId}`);
      if (agent.teamId) chain.push(`team:${agent.teamId}`);
    }
    chain.push(scope);
  }
  if (parsed.kind === 'queue') {
    const queue = org?.queues.find((q) => q.id === parsed.id);
    if (queue) chain.push(`site:${queue.siteId}`);
    chain.push(scope);
  }
  const at = chain.indexOf(root);
  return at >= 0 ? chain.slice(at) : chain.slice(chain.indexOf(scope));
}

export function scopeLabel(scope: string, org: OrgView | null): string {
  const p = parseScope(scope);
  if (isScopeError(p)) return scope;
  switch (p.kind) {
    case 'enterprise':
      return 'Enterprise';
    case 'site':
      return org?.sites.find((x) => x.id === p.id)?.name ?? `Site ${p.id}`;
    case 'team':
      return org?.teams.find((x) => x.id === p.id)?.name ?? `Team ${p.id}`;
    case 'agent':
      return org?.agents.find((x) => x.id === p.id)?.name ?? `Agent ${p.id}`;
    case 'queue':
      return org?.queues.find((x) => x.id === p.id)?.name ?? `Queue ${p.id}`;
  }
}

export const BY_LABELS: Record<GroupBy, string> = {
  agent: 'by agent',
  team: 'by team',
  site: 'by site',
  queue: 'by queue',
  reason: 'by reason',
  channel: 'by channel',
  day: 'by day',
  hour: 'by hour of day',
  interval: 'by 15-minute interval',
  mainChannel: 'by main channel',
  channelChain: 'by channel chain',
  direction: 'by direction',
  intent: 'by intent',
  entryPoint: 'by entry point',
  lastNode: 'by last IVR node',
  derivedChain: 'by channel path',
  coverage: 'by reason × channel',
};

/**
 * Breadcrumbs for the current view: the organisation path, then a sideways grouping
 * (reason/queue/channel…), then the time path (period → day → by hour).
 */
export function buildCrumbs(s: ViewState, org: OrgView | null, timezone: string, root = 'enterprise', now = new Date()): Crumb[] {
  const crumbs: Crumb[] = [];
  for (const scope of scopeChain(s.scope, org, root)) {
    const kind = scope === 'enterprise' ? 'enterprise' : (scope.split(':')[0] as Scope['kind']);
    crumbs.push({ label: scopeLabel(scope, org), queryParams: toQueryParams({ ...s, scope, by: DEFAULT_BY[kind] }), current: false });
  }
  const kind = s.scope === 'enterprise' ? 'enterprise' : (s.scope.split(':')[0] as Scope['kind']);
  const timeBys: (GroupBy | null)[] = ['day', 'hour', 'interval'];
  if (s.by && s.by !== DEFAULT_BY[kind] && !timeBys.includes(s.by)) {
    crumbs.push({ label: BY_LABELS[s.by], queryParams: toQueryParams(s), current: false });
  }
  if (s.period === 'day' && s.up) {
    const upState: ViewState = { ...s, period: s.up as PeriodKind, by: 'day', up: null };
    crumbs.push({ label: resolvePeriod(upState, timezone, now).label, queryParams: toQueryParams(upState), current: false });
    const dayState: ViewState = { ...s, by: 'hour' };
    crumbs.push({ label: resolvePeriod(dayState, timezone, now).label, queryParams: toQueryParams(dayState), current: false });
  }
  if (s.by === 'hour' || s.by === 'day' || s.by === 'interval') {
    crumbs.push({ label: BY_LABELS[s.by], queryParams: toQueryParams(s), current: false });
  }
  if (crumbs.length > 0) crumbs[crumbs.length - 1].current = true;
  return crumbs;
}
