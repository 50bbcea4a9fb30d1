import { TZDate } from '@date-fns/tz';
import type { Org, SurveyResponse } from '@floorwatch/contracts';
import { bucketAt, computeKpiComponents, CUSTOMER_COMPONENTS, emptyComponents, indexOrg, reasonGroupKey, type KpiComponents, type KpiConfig, type KpiQuery } from '@floorwatch/kpi';
import { DAY_MS } from '../database/partitions';
import type { RecordStore } from '../database/record-store';
import { loadScopedSurveys } from '../customer/attribution/survey-reader';
import { readSurveyLocalDays, surveyLocalRowsMatch, type LocalBy, type LocalDayRead } from './survey-local-rollup';
import { readSurveyDays, surveyDaysServe } from './survey-rollup';

/** Calendar days [first, end) (YYYY-MM-DD) the caller keeps of a by-day answer on the sites' clocks. */
export interface KeptDays {
  first: string;
  end: string;
}

interface Edge {
  lo: number;
  hi: number;
}

/** A zone's sites (or every site not in another zone, and none: the UTC group) and its raw edges. */
interface ZoneGroup {
  zone: string;
  sites: string[];
  negate: boolean;
  edges: Edge[];
}

const LOCAL_BY = new Set<string | undefined>([undefined, 'agent', 'team', 'site', 'day']);
const DEFAULT_TOP_BOX = 75;

/**
 * The survey components of a KPI query's whole window [from, to), whichever path answers its
 * contacts: the survey rows are written in the transaction that writes the responses (ingest,
 * re-attribution, rebuild), so they are complete for every day whether or not the ACD rollups
 * have a watermark. In order of preference:
 * - the sites' UTC day totals: enterprise and site scopes, ungrouped or by site, whole UTC days;
 * - local day rows (survey-local-rollup.ts): enterprise, site, team and agent scopes, ungrouped
 *   or by agent, team, site, or day on the sites' clocks (no tz, or UTC with every site on UTC);
 *   per zone, its sites' whole local days from the rows, the partial days at the edges summed
 *   from the responses in SQL;
 * - UTC day rows (rollup_surveys_day): the other groupings they key (queue, reason, channel,
 *   chains) and the queue scope, whole UTC days, the edges raw;
 * - raw responses otherwise (hour, interval, by day in another tz, a non-default top box).
 */
export class SurveyKpiReader {
  /** Most whole days one zone read from the day rows in the last call; which rows ('local': the narrow rows, local days or site totals). */
  lastDays = 0;
  lastSource: 'local' | 'utc' | 'raw' = 'raw';

  constructor(
    private readonly store: RecordStore,
    private readonly config: KpiConfig,
  ) {}

  async components(org: Org, q: KpiQuery, kept?: KeptDays): Promise<Map<string, KpiComponents>> {
    this.lastDays = 0;
    this.lastSource = 'raw';
    if ((this.config.topBoxMinScore ?? DEFAULT_TOP_BOX) !== DEFAULT_TOP_BOX || !(q.to > q.from)) return this.raw(org, q, [{ lo: q.from, hi: q.to }], () => true);
    const zones = org.sites.map((s) => s.timezone);
    const timeOk = q.by !== 'day' || q.tz === undefined || (q.tz === 'UTC' && zones.every((z) => z === 'UTC'));
    if ((q.scope.kind === 'enterprise' || q.scope.kind === 'site') && (q.by === undefined || q.by === 'site') && q.from % DAY_MS === 0 && q.to % DAY_MS === 0) return this.utcSites(q);
    if (q.scope.kind !== 'queue' && LOCAL_BY.has(q.by) && timeOk && (await surveyLocalRowsMatch(this.store, org))) return this.local(org, q, q.by === 'day' ? kept : undefined);
    const [d0, d1] = [Math.ceil(q.from / DAY_MS) * DAY_MS, Math.floor(q.to / DAY_MS) * DAY_MS];
    if (!(d1 > d0 && surveyDaysServe(q.by, q.tz, zones))) return this.raw(org, q, [{ lo: q.from, hi: q.to }], () => true);
    this.lastSource = 'utc';
    this.lastDays = (d1 - d0) / DAY_MS;
    const [rows, edges] = await Promise.all([readSurveyDays(this.store, d0, d1, q.scope, q.by), this.raw(org, q, [{ lo: q.from, hi: d0 }, { lo: d1, hi: q.to }], () => true)]);
    // The day rows keep the attributed reason as stored; a reason row is the cross-site call type
    // (libs/kpi reasonGroupKey), as the raw parts key it.
    const o = q.by === 'reason' ? indexOrg(org) : null;
    for (const [key, c] of rows) addSurveyComponents(rowOf(edges, o ? reasonGroupKey(key, o) : key), c);
    return edges;
  }

  /**
   * Ungrouped or by site over whole UTC days: the sites' UTC day totals, whatever the sites'
   * clocks (their local days would leave partial days at both ends for every zone off UTC).
   */
  private async utcSites(q: KpiQuery): Promise<Map<string, KpiComponents>> {
    this.lastSource = 'local';
    this.lastDays = (q.to - q.from) / DAY_MS;
    const day = (t: number): string => new Date(t).toISOString().slice(0, 10);
    return readSurveyLocalDays(this.store, [{ sites: [], negate: true, from: day(q.from), to: day(q.to) }], [], q.scope, q.by as LocalBy, 'utc');
  }

  /**
   * Per zone group: whole local days from the rows, the rest of [from, to) (clipped to the kept
   * days) summed from its sites' responses by PostgreSQL.
   */
  private async local(org: Org, q: KpiQuery, kept: KeptDays | undefined): Promise<Map<string, KpiComponents>> {
    this.lastSource = 'local';
    const reads: LocalDayRead[] = [];
    const groups = zoneGroups(org);
    for (const g of groups) {
      const lo = kept ? Math.max(q.from, zoneMidnight(kept.first, g.zone)) : q.from;
      const hi = kept ? Math.min(q.to, zoneMidnight(kept.end, g.zone)) : q.to;
      if (!(hi > lo)) continue;
      const first = bucketAt(lo, 'day', g.zone);
      const d0 = first.start === lo ? lo : first.end;
      const last = bucketAt(hi, 'day', g.zone);
      if (!(last.start > d0)) {
        g.edges.push({ lo, hi });
        continue;
      }
      reads.push({ sites: g.sites, negate: g.negate, from: bucketAt(d0, 'day', g.zone).key, to: last.key });
      this.lastDays = Math.max(this.lastDays, Math.round((last.start - d0) / DAY_MS));
      g.edges.push(...[{ lo, hi: d0 }, { lo: last.start, hi }].filter((e) => e.hi > e.lo));
    }
    const edges = groups.flatMap((g) => g.edges.map((e) => ({ sites: g.sites, negate: g.negate, ...e })));
    return readSurveyLocalDays(this.store, reads, edges, q.scope, q.by as LocalBy);
  }

  /** libs/kpi over the raw responses of the stretches (merged, each read once) that `keep` accepts. */
  private async raw(org: Org, q: KpiQuery, stretches: Edge[], keep: (s: SurveyResponse) => boolean): Promise<Map<string, KpiComponents>> {
    const merged: Edge[] = [];
    for (const e of stretches.filter((x) => x.hi > x.lo).sort((a, b) => a.lo - b.lo)) {
      const last = merged[merged.length - 1];
      if (last && e.lo <= last.hi) last.hi = Math.max(last.hi, e.hi);
      else merged.push({ ...e });
    }
    if (merged.length === 0) return new Map();
    const loaded = await Promise.all(merged.map((e) => loadScopedSurveys(this.store, q.scope, e.lo, e.hi)));
    const surveys = loaded.flat().filter(keep);
    if (surveys.length === 0) return new Map();
    return computeKpiComponents({ org, contacts: [], stateEvents: [], schedule: [], surveys }, q, this.config);
  }
}

/** The sites of each zone; UTC holds every site on UTC, every site the org lacks, and the unattributed. */
function zoneGroups(org: Org): ZoneGroup[] {
  const byZone = new Map<string, string[]>();
  for (const s of org.sites) if (s.timezone !== 'UTC') byZone.set(s.timezone, [...(byZone.get(s.timezone) ?? []), s.id]);
  const groups: ZoneGroup[] = [...byZone].map(([zone, sites]) => ({ zone, sites, negate: false, edges: [] }));
  groups.push({ zone: 'UTC', sites: [...byZone.values()].flat(), negate: true, edges: [] });
  return groups;
}

/** Local midnight starting `day` (YYYY-MM-DD) in `zone`, as epoch ms. */
function zoneMidnight(day: string, zone: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new TZDate(y, m - 1, d, zone).getTime();
}

const SURVEY_FIELDS = [
  'responses', 'consistencyScoreSum', 'consistencyExcluded', 'q1ScoreSum', 'q1Answered', 'q2ScoreSum', 'q2Answered', 'q3ScoreSum', 'q3Answered',
  'q4ScoreSum', 'q4Answered', 'q5ScoreSum', 'q5Answered', ...CUSTOMER_COMPONENTS,
] as const;

/** Adds the survey components of `c` into `target`. */
export function addSurveyComponents(target: KpiComponents, c: KpiComponents): void {
  for (const f of SURVEY_FIELDS) target[f] += c[f];
}

/** The row of `key`, created empty. */
export function rowOf(rows: Map<string, KpiComponents>, key: string): KpiComponents {
  let c = rows.get(key);
  if (!c) rows.set(key, (c = emptyComponents()));
  return c;
}
