import type { KpiRowWithTargets } from '@floorwatch/contracts';
import type { SubRow } from '../../shared/data-table';

export interface SiteReasonRows {
  siteId: string;
  siteName: string;
  rows: readonly KpiRowWithTargets[];
}

/**
 * A call type is cross-site: the enterprise "by reason" row of `billing` is London's and
 * Chicago's billing together. Its site breakdown is each site's own by-reason answer (the same
 * keys, libs/kpi reasonGroupKey), one sub-row per site that has a figure in a shown column, in
 * site-name order.
 */
export function reasonSiteRows(sites: readonly SiteReasonRows[], columns: readonly string[]): Record<string, SubRow[]> {
  const out: Record<string, SubRow[]> = {};
  const sorted = [...sites].sort((a, b) => a.siteName.localeCompare(b.siteName));
  for (const site of sorted) {
    for (const row of site.rows) {
      const kpis = row.kpis as Record<string, number | null>;
      if (!columns.some((c) => kpis[c] !== null && kpis[c] !== undefined && kpis[c] !== 0)) continue;
      (out[row.key] ??= []).push({ key: site.siteId, label: site.siteName, row });
    }
  }
  return out;
}
