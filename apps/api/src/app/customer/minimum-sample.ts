import type { KpiName, KpiRowWithTargets, KpiValues } from '@floorwatch/contracts';
import { DEFAULT_MIN_RESPONSES, surveySampleOf } from '@floorwatch/kpi';

type Cell = NonNullable<KpiRowWithTargets['targets'][KpiName]>;

/**
 * customer.md minimum sample: a survey KPI's target entry carries n (the responses behind it) and
 * minResponses, and its status is `none` below the minimum whatever the value (still reported).
 * Other KPIs' entries pass through unchanged.
 */
export function minimumSample(kpi: KpiName, kpis: KpiValues, cell: Cell, minResponses = DEFAULT_MIN_RESPONSES): Cell {
  const n = surveySampleOf(kpi, kpis);
  if (n === null) return cell;
  return { ...cell, status: n < minResponses ? 'none' : cell.status, n, minResponses };
}
