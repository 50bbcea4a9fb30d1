import type { KpiRowWithTargets } from '@floorwatch/contracts';

export const SELF_SERVICE_LABELS: Record<string, string> = {
  ivrOffered: 'IVR sessions',
  ivrContainmentPct: 'IVR containment',
  effectiveContainmentPct: 'Effective containment',
  ivrOptOutPct: 'IVR opt-out',
  timeToHumanSeconds: 'Time to a human',
  idFailurePct: 'ID failures',
  selfServiceSharePct: 'Self-service share',
  customerEffort: 'Contacts per journey',
  transferRatePct: 'Transfer rate',
  agentDisconnectPct: 'Agent hang-ups',
  shortHandledPct: 'Short calls',
};

/** Chart rows: groups where the KPI that makes the chart meaningful is non-zero, without the "(none)" bucket. */
export function selfServiceRows(rows: readonly KpiRowWithTargets[] | undefined, countKpi: string): KpiRowWithTargets[] {
  return (rows ?? []).filter((r) => r.key !== '(none)' && ((r.kpis as Record<string, number | null>)[countKpi] ?? 0) > 0);
}

/**
 * Opt-out hot spots: menu nodes by IVR opt-out, highest first, at most `top`; nodes whose rate is
 * null (only short abandons, e.g. the welcome prompt) and the `unknown` node are left out.
 */
export function optOutHotSpots(rows: readonly KpiRowWithTargets[] | undefined, top = 8): KpiRowWithTargets[] {
  const rate = (r: KpiRowWithTargets): number | null => (r.kpis as Record<string, number | null>)['ivrOptOutPct'] ?? null;
  return (rows ?? [])
    .filter((r) => r.key !== 'unknown' && r.key !== '(none)' && rate(r) !== null)
    .sort((a, b) => (rate(b) as number) - (rate(a) as number) || (a.key < b.key ? -1 : 1))
    .slice(0, top);
}
