import type { KpiRowWithTargets } from '@floorwatch/contracts';

export interface ChainEffortRow {
  /** The derived chain (`chatbot>chat>voice>email`), as the survey chain label is written. */
  chain: string;
  journeys: number;
  /** Contacts per journey (customerEffort). */
  effort: number | null;
  /** consistencyIndex of survey responses declaring the same chain; null when none did. */
  consistency: number | null;
}

/**
 * selfservice.md §4 beside kpis.md's perceived consistency: what customers did (derived chain,
 * completed journeys) next to what those declaring the same chain said. Chains with completed
 * journeys only, most journeys first (ties by chain); a survey chain nobody travelled is left out.
 */
export function chainEffortRows(derived: readonly KpiRowWithTargets[] | undefined, surveyed: readonly KpiRowWithTargets[] | undefined): ChainEffortRow[] {
  const consistency = new Map((surveyed ?? []).map((r) => [r.key, r.kpis.consistencyIndex ?? null] as const));
  return (derived ?? [])
    .filter((r) => (r.kpis.journeys ?? 0) > 0)
    .map((r) => ({ chain: r.key, journeys: r.kpis.journeys as number, effort: r.kpis.customerEffort ?? null, consistency: consistency.get(r.key) ?? null }))
    .sort((a, b) => b.journeys - a.journeys || (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0));
}
