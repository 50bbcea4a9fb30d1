import type { KpiApiResult, KpiRowWithTargets } from '@floorwatch/contracts';
import type { TileTarget } from './kpi-tile';
import { formatKpi } from './format';

/** The "all" row of an ungrouped result (the API returns one row keyed "all"). */
export function summaryRow(r: KpiApiResult | undefined | null): KpiRowWithTargets | null {
  if (!r || r.rows.length === 0) return null;
  return r.rows.find((x) => x.key === 'all') ?? r.rows[0];
}

export function kpiValue(row: KpiRowWithTargets | null, kpi: string): number | null {
  if (!row) return null;
  return (row.kpis as Record<string, number | null>)[kpi] ?? null;
}

export function kpiTarget(row: KpiRowWithTargets | null, kpi: string): TileTarget | null {
  if (!row) return null;
  return (row.targets as Record<string, TileTarget | undefined>)[kpi] ?? null;
}

/** "Talk 4 m 1 s · Hold 20 s · ACW 51 s": AHT drilled into its parts. */
export function ahtParts(row: KpiRowWithTargets | null): string | null {
  if (!row) return null;
  const parts = [
    ['Talk', 'talkSeconds'],
    ['Hold', 'holdSeconds'],
    ['ACW', 'acwSeconds'],
  ] as const;
  return parts.map(([l, k]) => `${l} ${formatKpi(k, kpiValue(row, k))}`).join(' · ');
}

/**
 * A resource's value, or undefined while it is in error: Angular's value() throws in the error
 * state, and one throwing binding stops the whole template from rendering its error panels.
 */
export function safe<T>(r: { hasValue(): boolean; value(): T }): T | undefined {
  return r.hasValue() ? r.value() : undefined;
}
