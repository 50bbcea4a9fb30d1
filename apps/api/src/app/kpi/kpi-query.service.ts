import { Injectable } from '@nestjs/common';
import { formatScope, type Contact, type KpiResult, type KpiRow, type Org, type Scope } from '@floorwatch/contracts';
import { computeKpiComponents, DEFAULT_KPI_CONFIG, finaliseKpis, indexOrg, type KpiComponents, type KpiConfig, type KpiQuery } from '@floorwatch/kpi';
import { addSurveyComponents, rowOf, type KeptDays } from '../rollup/survey-kpi-reader';
import { RecordStore } from '../database/record-store';
import { RollupKpiPath } from '../rollup/rollup-kpi-path';
import { OrgService } from '../org/org.service';
import type { IndexedOrg } from '../org/org-lookup';
import type { KpiQueryParams } from './kpi-query.schema';
import { loadScopedSurveys } from '../customer/attribution/survey-reader';
import { fillHotlineKpis } from '../customer/hotline/hotline-kpis';
import { SelfServiceKpiOverlay, SESSION_ONLY_GROUPS } from '../selfservice/selfservice-kpi-overlay';
import { siteLocalDays } from './site-local-days';

const iso = (t: number): string => new Date(t).toISOString();

/**
 * `fw kpi` and `GET /kpis` in one place: loads the records a query needs through the RecordStore
 * and hands them to libs/kpi computeKpis. No access control here (the controller does that), so
 * the CLI can call it directly: `new KpiQueryService(RecordStore.for(handle), new OrgService(ds))`.
 */
@Injectable()
export class KpiQueryService {
  readonly config: KpiConfig = DEFAULT_KPI_CONFIG;
  /** Off: every query reads raw records (the reference path the rollup path is tested against). */
  useRollups = true;
  /** Which path answered the last query (tests and the bench check the rollups were really used). */
  lastPath: 'rollup' | 'raw' = 'raw';
  private readonly rollupPath: RollupKpiPath;
  private readonly selfService: SelfServiceKpiOverlay;

  /** Day ranges the last rollup-path query read from the daily rollups (0: 15-minute rows only). */
  get lastDailyRanges(): number {
    return this.lastPath === 'rollup' ? this.rollupPath.lastDailyRanges : 0;
  }

  /** The same for agent time (0 also when the org moved agents since the day rows were built). */
  get lastDailyAgentRanges(): number {
    return this.lastPath === 'rollup' ? this.rollupPath.lastDailyAgentRanges : 0;
  }

  /** Whole days (the most of any zone) the last query's surveys read from the survey day rows. */
  get lastSurveyDays(): number {
    return this.useRollups ? this.rollupPath.surveyReader.lastDays : 0;
  }

  /** Which rows answered the last query's surveys: local day rows, UTC day rows, or raw. */
  get lastSurveySource(): 'local' | 'utc' | 'raw' {
    return this.useRollups ? this.rollupPath.surveyReader.lastSource : 'raw';
  }

  constructor(
    private readonly store: RecordStore,
    private readonly orgs: OrgService,
  ) {
    this.selfService = new SelfServiceKpiOverlay(store);
    this.rollupPath = new RollupKpiPath(store, this.config, (scope, from, to, asOf) => this.loadContacts(scope, from, to, asOf));
  }

  /** `asOf` when the caller gave none: the latest event ingested, else the window end. */
  async defaultAsOf(to: number): Promise<number> {
    return (await this.store.latestEventTime()) ?? to;
  }

  /**
   * The contact and workforce KPI rows only (rollups where they serve, else raw), without the
   * self-service and hotline overlays: for callers that read none of their fields (the
   * activity effect reads handled, AHT, adherence, FCR and productive time) and would pay for
   * the overlays' reads on every query.
   */
  async components(params: KpiQueryParams & { asOf: number }): Promise<KpiRow[]> {
    const { scope, from, to, asOf, by, tz } = params;
    const org = await this.orgs.get();
    const agentIds = agentsOf(scope, org);
    const rolled = this.useRollups ? await this.rollupPath.query(org.org, { scope, from, to, asOf, by, tz }, agentIds) : null;
    if (rolled) return rolled;
    return (await this.rawRows(org.org, { scope, from, to, asOf, by, tz }, agentIds)).rows;
  }

  /**
   * FCR components of [from, to) (whole 15-minute intervals) from raw subjects judged at asOf
   * against their stored first repeats: what the rollup path reads for its split interval.
   */
  async rawFcr(q: KpiQuery): Promise<Map<string, KpiComponents>> {
    const org = await this.orgs.get();
    return this.rollupPath.rawFcr(org.org, q, q.from, q.to);
  }

  async query(params: KpiQueryParams): Promise<KpiResult> {
    const org = await this.orgs.get();
    // Enterprise days on each site's clock: the union of the sites' local days is read and the
    // days around it dropped (site-local-days.ts); the answer names the days asked for.
    const local = siteLocalDays(params, org.org.sites.map((s) => s.timezone));
    if (!local) return this.answer(params, org);
    const asOf = params.asOf ?? (await this.defaultAsOf(params.to));
    const wide = await this.answer({ ...params, from: local.from, to: local.to, asOf }, org, { first: iso(params.from).slice(0, 10), end: iso(params.to).slice(0, 10) });
    return { ...wide, from: iso(params.from), to: iso(params.to), rows: wide.rows.filter((r) => local.keep(r.key)) };
  }

  private async answer(params: KpiQueryParams, org: IndexedOrg, kept?: KeptDays): Promise<KpiResult> {
    const { scope, from, to, by, tz } = params;
    const asOf = params.asOf ?? (await this.defaultAsOf(to));
    const agentIds = agentsOf(scope, org);
    if (by && SESSION_ONLY_GROUPS.has(by)) {
      // Sessions and journeys only: no contact or workforce record has these keys.
      return { scope: formatScope(scope), from: iso(from), to: iso(to), asOf: iso(asOf), by, rows: await this.selfService.apply([], org.org, { scope, from, to, asOf, by, tz }) };
    }
    if (this.useRollups) {
      const rows = await this.rollupPath.query(org.org, { scope, from, to, asOf, by, tz }, agentIds, kept);
      this.lastPath = rows ? 'rollup' : 'raw';
      if (rows) await fillHotlineKpis(this.store, rows, params, asOf, by === 'reason' ? indexOrg(org.org) : undefined);
      if (rows) return { scope: formatScope(scope), from: iso(from), to: iso(to), asOf: iso(asOf), ...(by ? { by } : {}), rows: await this.selfService.apply(rows, org.org, { scope, from, to, asOf, by, tz }) };
    }
    this.lastPath = 'raw';
    const { rows: base, contacts } = await this.rawRows(org.org, { scope, from, to, asOf, by, tz }, agentIds, kept);
    // selfservice.md §3-4: sessions, journeys and the per-segment effort rates.
    // Enterprise only: at a narrower scope `contacts` also holds other scopes' FCR repeats.
    const rows = await this.selfService.apply(base, org.org, { scope, from, to, asOf, by, tz }, scope.kind === 'enterprise' ? contacts : undefined);
    await fillHotlineKpis(this.store, rows, params, asOf, by === 'reason' ? indexOrg(org.org) : undefined);
    return { scope: formatScope(scope), from: iso(from), to: iso(to), asOf: iso(asOf), ...(by ? { by } : {}), rows };
  }

  /**
   * The raw path: contacts and agent time from raw records; surveys from raw responses too when
   * rollups are off (the reference path), else from the survey reader (its rows serve surveys
   * whether or not the ACD rollups have a watermark: a surveys-only deployment).
   */
  private async rawRows(org: Org, q: KpiQuery, agentIds: string[] | null, kept?: KeptDays): Promise<{ rows: KpiRow[]; contacts: Contact[] }> {
    const none = agentIds !== null && agentIds.length === 0;
    const served = this.useRollups;
    const [contacts, stateEvents, schedule, surveys, rolledSurveys] = await Promise.all([
      this.loadContacts(q.scope, q.from, q.to, q.asOf),
      none ? [] : this.store.loadStateEvents(agentIds, q.from, q.to),
      none ? [] : this.store.loadScheduleSegments(agentIds, q.from, q.to),
      served ? [] : loadScopedSurveys(this.store, q.scope, q.from, q.to),
      served ? this.rollupPath.surveyReader.components(org, q, kept) : null,
    ]);
    const components = computeKpiComponents({ org, contacts, stateEvents, schedule, surveys }, q, this.config);
    for (const [key, c] of rolledSurveys ?? []) addSurveyComponents(rowOf(components, key), c);
    const rows = [...components.keys()]
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((key) => ({ key, kpis: finaliseKpis(components.get(key) as KpiComponents, { minContacts: this.config.minContacts }) }));
    return { rows, contacts };
  }

  /**
   * Contacts of the scope, plus every later contact of the same customers within the FCR repeat
   * window (any scope: a customer who calls another site back still came back) — for the FCR
   * subjects judged at asOf only (endedAt + W ≤ asOf); a pending one's repeats change nothing.
   * Today's figures have none, so they skip the read (at 5 000 agents, a scan of the window).
   */
  async loadContacts(scope: Scope, from: number, to: number, asOf: number): Promise<Contact[]> {
    const own = await this.store.loadContacts(scope, from, to);
    const keys = new Set<string>();
    const judgedBy = asOf - this.config.fcrWindowSeconds * 1000;
    let minEnd = Infinity; // a loop, not Math.min(...): a year of contacts would overflow the stack
    for (const c of own) {
      if (c.customerKey === null || c.endedAt < from || c.endedAt >= to || c.endedAt > judgedBy) continue;
      keys.add(c.customerKey);
      if (c.endedAt < minEnd) minEnd = c.endedAt;
    }
    if (keys.size === 0) return own;
    const later = await this.store.loadContactsByCustomer([...keys], minEnd, to + this.config.fcrWindowSeconds * 1000);
    const seen = new Set(own.map(contactIdentity));
    return [...own, ...later.filter((c) => !seen.has(contactIdentity(c)))];
  }
}

function contactIdentity(c: Contact): string {
  return `${c.contactId}\u0000${c.segmentId}\u0000${c.enqueuedAt}`;
}

/** Agents whose state and schedule records the scope needs; null = all; [] = none (queue). */
export function agentsOf(scope: Scope, org: IndexedOrg): string[] | null {
  switch (scope.kind) {
    case 'enterprise':
      return null;
    case 'agent':
      return [scope.id];
    case 'team':
      return org.org.agents.filter((a) => a.teamId === scope.id).map((a) => a.id);
    case 'site':
      return org.org.agents.filter((a) => a.siteId === scope.id).map((a) => a.id);
    case 'queue':
      return [];
  }
}
