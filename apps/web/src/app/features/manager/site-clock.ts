import type { GroupBy } from '@floorwatch/contracts';

export interface PeriodQuery {
  scope: string;
  from: string;
  to: string;
  tz: string | null;
}

/**
 * The grouped query of the manager page. When the sites keep different clocks (enterprise), hours
 * and days go without tz: the API buckets each site on its own clock, and reads a by-day period
 * whose ends are UTC midnights (what resolvePeriod gives for the enterprise's 'UTC') as those
 * calendar days on each site's clock, so a site's share of a day row is its own day row.
 */
export function groupedQuery(base: PeriodQuery, by: GroupBy, mixedZones: boolean): PeriodQuery & { by: GroupBy } {
  const siteClock = mixedZones && (by === 'hour' || by === 'day');
  return { ...base, by, tz: siteClock ? null : base.tz };
}
