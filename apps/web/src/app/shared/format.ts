import type { TargetDirection } from '@floorwatch/contracts';
import { kpiDisplay, type KpiUnit } from './kpi-labels';

export type { KpiUnit } from './kpi-labels';

/** A KPI's unit from kpi-labels; other figures (staffing fields) read it from their name (…Pct, …Seconds). */
export function kpiUnit(kpi: string): KpiUnit {
  const known = kpiDisplay(kpi);
  if (known) return known.unit;
  if (kpi.endsWith('Pct')) return 'pct';
  if (kpi.endsWith('Seconds')) return 'seconds';
  if (kpi.endsWith('Index')) return 'index';
  if (kpi.endsWith('Agents') || kpi.endsWith('Gap')) return 'rate';
  return 'count';
}

const NO_VALUE = '—';

/** 312 → "5 m 12 s"; 45 → "45 s"; 3 725 → "1 h 2 m". Long durations drop seconds to stay readable. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return NO_VALUE;
  const sign = seconds < 0 ? '−' : '';
  const total = Math.round(Math.abs(seconds));
  if (total < 60) return `${sign}${total} s`;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${sign}${h} h ${m} m`;
  return s === 0 ? `${sign}${m} m` : `${sign}${m} m ${s} s`;
}

const intFmt = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDp = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function formatNumber(value: number | null | undefined, unit: KpiUnit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  switch (unit) {
    case 'pct':
      return `${oneDp.format(value)} %`;
    case 'seconds':
      return formatDuration(value);
    case 'index':
    case 'rate':
      return oneDp.format(value);
    case 'count':
    case 'score':
      return intFmt.format(value);
  }
}

export function formatKpi(kpi: string, value: number | null | undefined): string {
  return formatNumber(value, kpiUnit(kpi));
}

/** "Adherence", "CSAT top box": every KPI's label (kpi-labels); an unknown name shows as itself. */
export function kpiLabel(kpi: string): string {
  return kpiDisplay(kpi)?.label ?? kpi;
}

/**
 * Which way is better, for the "Target ≥ 90 %" caption only (colour always comes from the API).
 * The API may send the direction on the target cell; this is the spec's default when it does not.
 */
const LOWER_IS_BETTER = new Set(['abandonRatePct', 'ahtSeconds', 'shrinkagePct', 'asaSeconds', 'unplannedShrinkagePct']);
export function defaultDirection(kpi: string): TargetDirection {
  return LOWER_IS_BETTER.has(kpi) ? 'lower' : 'higher';
}

/**
 * Targets set per working day of their scope (libs/kpi PER_DAY_TARGET_KPIS): the API scales them
 * to the working days of the window asked for, so what is set and listed is a daily figure while
 * a tile shows the scaled value the API returns.
 */
export const PER_DAY_TARGET_KPIS: readonly string[] = ['handled'];

/** "per day" for a per-working-day target, else null: the unit of a target as it is set. */
export function targetBasis(kpi: string): string | null {
  return PER_DAY_TARGET_KPIS.includes(kpi) ? 'per day' : null;
}

/** A target as set (targets table, editor): "Target ≥ 400 per day" for a per-day one. */
export function formatTargetSetting(kpi: string, value: number | null | undefined, direction?: TargetDirection): string {
  const basis = value === null || value === undefined ? null : targetBasis(kpi);
  const text = formatTarget(kpi, value, direction);
  return basis ? `${text} ${basis}` : text;
}

export function formatTarget(kpi: string, value: number | null | undefined, direction?: TargetDirection): string {
  if (value === null || value === undefined) return 'No target';
  const dir = direction ?? defaultDirection(kpi);
  return `Target ${dir === 'lower' ? '≤' : '≥'} ${formatKpi(kpi, value)}`;
}
