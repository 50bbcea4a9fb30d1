import type { Org, ResolvedTarget, Scope, Target, TargetKpi, TargetStatus } from '@floorwatch/contracts';
import { formatScope } from '@floorwatch/contracts';

const enterprise = (kpi: TargetKpi, value: number, direction: 'higher' | 'lower'): Target => ({
  kpi, scope: 'enterprise', value, direction, amberBand: null,
});

/** kpis.md defaults; `handled` and `staffingGap` have none until someone sets one. */
export const DEFAULT_TARGETS: readonly Target[] = [
  enterprise('adherencePct', 90, 'higher'),
  enterprise('conformancePct', 95, 'higher'),
  enterprise('serviceLevelPct', 80, 'higher'),
  enterprise('abandonRatePct', 5, 'lower'),
  enterprise('ahtSeconds', 360, 'lower'),
  enterprise('fcrPct', 75, 'higher'),
  enterprise('shrinkagePct', 32, 'lower'),
  enterprise('occupancyPct', 80, 'higher'),
  enterprise('consistencyIndex', 70, 'higher'),
  // customer.md
  enterprise('csatTopBoxPct', 80, 'higher'),
  enterprise('npsScore', 30, 'higher'),
];

export const DEFAULT_AMBER_FRACTION = 0.05;

export function amberBandOf(target: Pick<Target, 'value' | 'amberBand'>): number {
  return target.amberBand ?? DEFAULT_AMBER_FRACTION * Math.abs(target.value);
}

/**
 * Scopes from most to least specific: agent → team → site → enterprise; queue → site → enterprise.
 * An agent or team the org does not know simply skips the missing levels.
 */
export function scopeChain(scope: Scope, org: Org): string[] {
  const chain = [formatScope(scope)];
  let teamId: string | null = null;
  let siteId: string | null = null;
  if (scope.kind === 'agent') {
    const a = org.agents.find((x) => x.id === scope.id);
    teamId = a?.teamId ?? null;
    siteId = a?.siteId ?? null;
  } else if (scope.kind === 'team') {
    siteId = org.teams.find((t) => t.id === scope.id)?.siteId ?? null;
  } else if (scope.kind === 'queue') {
    siteId = org.queues.find((q) => q.id === scope.id)?.siteId ?? null;
  }
  if (teamId) chain.push(`team:${teamId}`);
  if (siteId) chain.push(`site:${siteId}`);
  if (scope.kind !== 'enterprise') chain.push('enterprise');
  return chain;
}

/**
 * The target that applies to the first scope of `scopeChain` (most specific first): the first
 * scope in the chain with a target set wins, then the built-in default; null when neither exists.
 */
export function resolveTarget(
  targets: readonly Target[],
  kpi: TargetKpi,
  chain: readonly string[],
  defaults: readonly Target[] = DEFAULT_TARGETS,
): ResolvedTarget | null {
  const asked = chain[0] ?? 'enterprise';
  for (const scope of chain) {
    const t = targets.find((x) => x.kpi === kpi && x.scope === scope);
    if (t) return { kpi, scope: asked, source: scope, value: t.value, direction: t.direction, amberBand: amberBandOf(t) };
  }
  const d = defaults.find((x) => x.kpi === kpi);
  return d ? { kpi, scope: asked, source: 'default', value: d.value, direction: d.direction, amberBand: amberBandOf(d) } : null;
}

/** green = meets; amber = misses by ≤ amberBand (default 5% of the target); red; none if either is null. */
export function targetStatus(
  value: number | null,
  target: Pick<Target, 'value' | 'direction' | 'amberBand'> | null,
): TargetStatus {
  if (value === null || target === null || !Number.isFinite(value)) return 'none';
  const miss = target.direction === 'higher' ? target.value - value : value - target.value;
  if (miss <= 0) return 'green';
  return miss <= amberBandOf(target) ? 'amber' : 'red';
}

/**
 * Counts (calls handled) are the one kind of KPI whose value grows with the window and shrinks
 * with the scope, so their targets are set per day and per scope (the spec is silent here):
 * a team's 412-a-day target means nothing for one of its agents or for an hour of the day.
 */
export const PER_DAY_TARGET_KPIS: readonly TargetKpi[] = ['handled'];

/**
 * The target of a per-day count KPI for a row covering `days` days: only a target set on the
 * row's own scope applies, scaled (value and amber band) to the length of the row's window.
 * Rows shorter than a day (hour-of-day, 15-minute interval) get none (the caller passes 0).
 */
export function perDayTarget(
  targets: readonly Target[],
  kpi: TargetKpi,
  rowScope: string,
  days: number,
): ResolvedTarget | null {
  const t = targets.find((x) => x.kpi === kpi && x.scope === rowScope);
  // Fractions are a period still running (pro-rated to its elapsed scheduled time); 0 = none.
  if (!t || days <= 0) return null;
  return {
    kpi,
    scope: rowScope,
    source: rowScope,
    value: t.value * days,
    direction: t.direction,
    amberBand: amberBandOf(t) * days,
  };
}
