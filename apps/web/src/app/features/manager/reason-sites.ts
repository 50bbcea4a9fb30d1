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

/**
 * A reason key as a heading: queue_log call types come from queue ids (`tv-campaign`,
 * `tech-support`), shown "Tv campaign", "Tech support"; a feed's own call type ("Billing") and
 * aux reasons are shown as they are.
 */
export function reasonLabel(key: string): string {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(key)) return key;
  const words = key.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
