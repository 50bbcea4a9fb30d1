import { formatScope, KPI_NAMES, type AlertRule, type KpiName, type Scope, type TargetStatus } from '@floorwatch/contracts';
import { alertWindowRange, bucketAt, targetStatus } from '@floorwatch/kpi';
import type { KpiQueryService } from '../kpi/kpi-query.service';
import type { StaffingService } from '../kpi/staffing.service';
import type { IndexedOrg } from '../org/org-lookup';
import type { TargetsService } from '../targets/targets.service';

export interface TickValue {
  value: number | null;
  status: TargetStatus;
}

/** The scopes a rule watches at a tick: its scope, or each site/team/agent under it in the org now. */
export function instanceScopes(rule: Pick<AlertRule, 'scope' | 'each'>, org: IndexedOrg): Scope[] {
  const parent = parseKnown(rule.scope);
  if (!rule.each) return [parent];
  const inParent = (siteId: string, teamId: string | null, agentId: string | null): boolean => {
    switch (parent.kind) {
      case 'enterprise':
        return true;
      case 'site':
        return siteId === parent.id;
      case 'team':
        return teamId === parent.id;
      case 'agent':
        return agentId === parent.id;
      case 'queue':
        return false;
    }
  };
  switch (rule.each) {
    case 'site':
      return org.org.sites.filter((s) => s.id !== 'unassigned' && inParent(s.id, null, null)).map((s) => ({ kind: 'site', id: s.id }));
    case 'team':
      return org.org.teams.filter((t) => inParent(t.siteId, t.id, null)).map((t) => ({ kind: 'team', id: t.id }));
    case 'agent':
      return org.org.agents.filter((a) => inParent(a.siteId, a.teamId, a.id)).map((a) => ({ kind: 'agent', id: a.id }));
  }
}

function parseKnown(text: string): Scope {
  if (text === 'enterprise') return { kind: 'enterprise' };
  const i = text.indexOf(':');
  return { kind: text.slice(0, i), id: text.slice(i + 1) } as Scope;
}

/** The site-local midnight of the scope's site (enterprise: UTC) before t, for `today` windows. */
export function localMidnight(scope: Scope, t: number, org: IndexedOrg): number {
  let site: string | undefined;
  if (scope.kind === 'site') site = scope.id;
  else if (scope.kind === 'team') site = org.siteOfTeam(scope.id);
  else if (scope.kind === 'agent') site = org.siteOfAgent(scope.id);
  else if (scope.kind === 'queue') site = org.siteOfQueue(scope.id);
  return bucketAt(t, 'day', site ? org.timezoneOfSite(site) : 'UTC').start;
}

const isKpiName = (k: string): k is KpiName => (KPI_NAMES as readonly string[]).includes(k);

/**
 * The value and target status of a rule's KPI for every instance scope at tick t: `fw kpi` over
 * the rule's window at asOf = t (one grouped query for `each`), or for staffingGap the mean over
 * the window's intervals that have a requirement (the current one: the live count).
 */
export class AlertValues {
  constructor(
    private readonly kpis: KpiQueryService,
    private readonly staffing: StaffingService,
    private readonly targets: TargetsService,
  ) {}

  async at(rule: AlertRule, t: number, org: IndexedOrg): Promise<Map<string, TickValue>> {
    const scopes = instanceScopes(rule, org);
    const out = new Map<string, TickValue>();
    if (rule.kpi === 'staffingGap') {
      for (const s of scopes) if (s.kind === 'site') out.set(formatScope(s), await this.staffingGap(rule, s.id, t, org));
      return out;
    }
    if (!isKpiName(rule.kpi)) return out;
    const kpi = rule.kpi;
    // `today` starts at each scope's own midnight: one query per scope; other windows share one.
    const groups: { scope: Scope; by?: 'site' | 'team' | 'agent'; from: number; to: number }[] = [];
    if (rule.window === 'today' || !rule.each) {
      for (const s of scopes) groups.push({ scope: s, ...alertWindowRange(rule.window, t, localMidnight(s, t, org)) });
    } else {
      groups.push({ scope: parseKnown(rule.scope), by: rule.each, ...alertWindowRange(rule.window, t, 0) });
    }
    for (const g of groups) {
      if (!(g.to > g.from)) continue;
      const result = await this.kpis.query({ scope: g.scope, from: g.from, to: g.to, by: g.by, asOf: t });
      const annotated = await this.targets.annotate(result, g.scope, org);
      for (const row of annotated.rows) {
        const scope = g.by ? `${g.by}:${row.key}` : formatScope(g.scope);
        const value = row.kpis[kpi] ?? null;
        const cell = (row.targets as Partial<Record<string, { status: TargetStatus }>>)[kpi];
        out.set(scope, { value, status: cell?.status ?? 'none' });
      }
    }
    for (const s of scopes) if (!out.has(formatScope(s))) out.set(formatScope(s), { value: null, status: 'none' });
    return out;
  }

  private async staffingGap(rule: AlertRule, siteId: string, t: number, org: IndexedOrg): Promise<TickValue> {
    const { from, to } = alertWindowRange(rule.window, t, localMidnight({ kind: 'site', id: siteId }, t, org));
    if (!(to > from)) return { value: null, status: 'none' };
    // A window reaching t takes the interval holding t with its live count (to just past t makes
    // it the live interval); whole earlier intervals take their actual agents.
    const reachesT = rule.window === 'today' || 'minutes' in rule.window;
    const result = await this.staffing.staffing(siteId, from, reachesT ? t + 1 : to, org, t);
    const gaps = result.rows.map((r) => r.staffingGap).filter((g): g is number => g !== null);
    const value = gaps.length ? gaps.reduce((a, b) => a + b, 0) / gaps.length : null;
    const [target] = await this.targets.resolve({ kind: 'site', id: siteId }, org, 'staffingGap');
    return { value, status: targetStatus(value, target ?? null) };
  }
}
