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
