import { TZDate } from '@date-fns/tz';
import type { KpiQueryParams } from './kpi-query.schema';

const DAY_MS = 86_400_000;

export interface SiteLocalWindow {
  /** The instants read: from the earliest site's local D1 00:00 to the latest site's local D2+1 00:00. */
  from: number;
  to: number;
  /** Whether a day row belongs to the days asked for (D1..D2 as YYYY-MM-DD). */
  keep: (key: string) => boolean;
}

const utcDate = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** Local midnight starting `day` (YYYY-MM-DD) in `zone`, as epoch ms. */
function zoneMidnight(day: string, zone: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new TZDate(y, m - 1, d, zone).getTime();
}

/**
 * What an enterprise by-day window means when the sites keep different clocks (kpis.md: without
 * tz a day is each site's own). The web names whole days: a window whose ends are UTC midnights
 * [D1 00:00Z, D2+1 00:00Z) at enterprise, by day, without tz, is read as the calendar days D1..D2
 * on each site's own clock — London's Fri 4 Dec is its local midnight to midnight, Chicago's
 * likewise six hours later. The union of those instants is read and the rows of the days just
 * outside (other sites' clipped edges) are dropped, so every row is each site's whole local day
 * and the enterprise row of day D restricted to Chicago equals Chicago's own day D.
 * Null: the window is read as the instants it gives (tz given, not by day, a narrower scope, an
 * unaligned end, or every site on UTC's clock already).
 */
export function siteLocalDays(params: Pick<KpiQueryParams, 'scope' | 'by' | 'tz' | 'from' | 'to'>, zones: readonly string[]): SiteLocalWindow | null {
  const { scope, by, tz, from, to } = params;
  if (scope.kind !== 'enterprise' || by !== 'day' || tz !== undefined || from % DAY_MS !== 0 || to % DAY_MS !== 0) return null;
  const first = utcDate(from);
  const end = utcDate(to);
  let lo = from;
  let hi = to;
  for (const zone of new Set(zones)) {
    lo = Math.min(lo, zoneMidnight(first, zone));
    hi = Math.max(hi, zoneMidnight(end, zone));
  }
  if (lo === from && hi === to) return null;
  return { from: lo, to: hi, keep: (key) => !/^\d{4}-\d{2}-\d{2}$/.test(key) || (key >= first && key < end) };
}
