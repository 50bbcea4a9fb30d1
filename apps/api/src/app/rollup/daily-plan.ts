import { createHash } from 'node:crypto';
import type { GroupBy, Scope } from '@floorwatch/contracts';
import { bucketAt, timeBuckets, type OrgIndex } from '@floorwatch/kpi';
import { fcrFinalThrough, type DailyState } from './daily-refresh';
import { isAligned } from './rollup-time';

/** A stretch [lo, hi) read from the 15-minute rows (epoch ms). */
export interface EdgeRange {
  lo: number;
  hi: number;
}

/** Whole days [from, to) (YYYY-MM-DD in `zone`) read from the day rows. */
export interface DayRange {
  from: string;
  to: string;
}

/** Site filter of a group: these sites, or every site but these. Null: no filter. */
export interface SiteFilter {
  ids: string[];
  negate: boolean;
}

export interface PlanGroup {
  /** Zone of the day rows; null = this group reads only 15-minute rows. */
  zone: string | null;
  sites: SiteFilter | null;
  days: DayRange[];
  edges: EdgeRange[];
}

/** Contact and agent-time reads of [from, until), split between day rows and 15-minute rows. */
export interface DailyPlan {
  contacts: PlanGroup[];
  /** Null: agent time from the 15-minute rows over [from, until) as before (day rows not usable). */
  agents: PlanGroup[] | null;
}

export interface PlanInput {
  scope: Scope;
  by?: GroupBy;
  tz?: string;
  from: number;
  until: number;
  /** FCR split interval start (rollup-reader), null when FCR is not read from the rollups. */
  fcrSplit: number | null;
}

const DAILY_BY = new Set<GroupBy | undefined>([undefined, 'site', 'queue', 'reason', 'channel', 'day']);

/**
 * Which parts of the window the day rows can answer. They have no agent/team key, so only
 * enterprise/site/queue scopes grouped by nothing, site, queue, reason, channel or day. Per group
 * of sites one zone: the day grouping's zone (tz, else each site's own: siteZoneGroups) when
 * the day rows have it (UTC or the site's zone), else UTC (no time grouping).
 * A day is read from the day rows when it lies whole in [from, until), is stored (ends by the
 * daily watermark) and, for FCR, is wholly eligible (ends by the split S and is FCR-final) or
 * wholly pending (starts after S); everything else of the window comes from the 15-minute rows.
 * Null: no day rows at all (the caller reads as before).
 */
export function planDaily(o: OrgIndex, q: PlanInput, state: DailyState | null): DailyPlan | null {
  if (!state || q.scope.kind === 'team' || q.scope.kind === 'agent' || !DAILY_BY.has(q.by)) return null;
  const groups = zoneGroups(o, q);
  if (!groups) return null;
  const fcrBound = q.fcrSplit === null ? Infinity : Math.min(q.fcrSplit, fcrFinalThrough(state.through));
  const contactDay = (start: number, end: number): boolean =>
    end <= state.through && (q.fcrSplit === null || end <= fcrBound || start > q.fcrSplit);
  const agentDay = (_start: number, end: number): boolean => end <= state.through;
  const plan = (ok: (start: number, end: number) => boolean): PlanGroup[] =>
    groups.map(({ zone, sites }) => ({ zone, sites, ...(zone === null ? { days: [], edges: [{ lo: q.from, hi: q.until }] } : split(q.from, q.until, zone, ok)) }));
  const agentsOk = state.agentSites === dailyAgentSites(o);
  const contacts = plan(contactDay);
  if (contacts.every((g) => g.days.length === 0)) return null;
  return { contacts, agents: agentsOk ? plan(agentDay) : null };
}

function zoneGroups(o: OrgIndex, q: PlanInput): { zone: string | null; sites: SiteFilter | null }[] | null {
  const { scope, by, tz } = q;
  if (scope.kind === 'site') {
    const own = o.sites.get(scope.id)?.timezone ?? 'UTC';
    if (by === 'day') {
      const zone = tz ?? own;
      return zone === 'UTC' || zone === own ? [{ zone, sites: null }] : null;
    }
    // No time key: the site's zone or UTC, whichever has more whole days in the window.
    return [{ zone: wholeDays(q.from, q.until, own) > wholeDays(q.from, q.until, 'UTC') ? own : 'UTC', sites: null }];
  }
  if (by !== 'day') return [{ zone: 'UTC', sites: null }];
  if (tz === undefined) return siteZoneGroups(o);
  const zone = tz;
  if (zone === 'UTC') return [{ zone, sites: null }];
  const inZone = [...o.sites.values()].filter((s) => s.timezone === zone).map((s) => s.id);
  if (inZone.length === 0) return null;
  return [{ zone, sites: { ids: inZone, negate: false } }, { zone: null, sites: { ids: inZone, negate: true } }];
}

/**
 * Days on each site's own clock (enterprise and queue scopes without tz): one group per zone,
 * each reading that zone's day rows (which hold only the sites in the zone) for its sites, and
 * the records of sites the org does not know (and agents without a site: UTC days, as libs/kpi
 * buckets them) from the 15-minute rows.
 */
function siteZoneGroups(o: OrgIndex): { zone: string | null; sites: SiteFilter | null }[] {
  const byZone = new Map<string, string[]>();
  for (const s of o.sites.values()) {
    const ids = byZone.get(s.timezone);
    if (ids) ids.push(s.id);
    else byZone.set(s.timezone, [s.id]);
  }
  const groups: { zone: string | null; sites: SiteFilter | null }[] = [...byZone].map(([zone, ids]) => ({ zone, sites: { ids, negate: false } }));
  groups.push({ zone: null, sites: { ids: [...o.sites.keys()], negate: true } });
  return groups;
}

function wholeDays(from: number, until: number, zone: string): number {
  return split(from, until, zone, () => true).days.length;
}

/** Days of `zone` inside [from, until) that pass `ok` as day ranges; the rest as 15-minute ranges. */
export function split(from: number, until: number, zone: string, ok: (start: number, end: number) => boolean): { days: DayRange[]; edges: EdgeRange[] } {
  const days: DayRange[] = [];
  const edges: EdgeRange[] = [];
  let lastDayEnd = NaN;
  for (const b of timeBuckets(from, until, 'day', zone)) {
    const whole = bucketAt(b.start, 'day', zone);
    if (whole.start === b.start && whole.end === b.end && isAligned(b.start) && isAligned(b.end) && ok(b.start, b.end)) {
      const next = bucketAt(b.end, 'day', zone).key;
      if (days.length && lastDayEnd === b.start) days[days.length - 1].to = next;
      else days.push({ from: b.key, to: next });
      lastDayEnd = b.end;
    } else {
      const last = edges[edges.length - 1];
      if (last && last.hi === b.start) last.hi = b.end;
      else edges.push({ lo: b.start, hi: b.end });
    }
  }
  return { days, edges };
}

const fingerprints = new WeakMap<OrgIndex['org'], string>();

/** Fingerprint of the agent → site mapping, the same string AGENT_SITES_SQL hashes. */
export function dailyAgentSites(o: OrgIndex): string {
  let h = fingerprints.get(o.org);
  if (h === undefined) {
    const pairs = [...o.agents.values()].map((a) => [a.id, a.siteId] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    h = createHash('md5').update(pairs.map(([id, site]) => `${id}=${site}`).join(','), 'utf8').digest('hex');
    fingerprints.set(o.org, h);
  }
  return h;
}
