import { type Contact, type GroupBy, type KpiRow, type KpiValues, type Org, type Scope, type SelfServiceSession } from '@floorwatch/contracts';
import {
  computeJourneyKpis,
  addSelfServiceInto,
  computeSelfServiceComponents,
  DEFAULT_JOURNEY_CONFIG,
  DEFAULT_SELF_SERVICE_CONFIG,
  emptyComponents,
  finaliseKpis,
  finaliseSelfService,
  SESSION_HANDOVER_BEFORE_MS,
  type SelfServiceComponents,
  type SelfServiceConfig,
  type SelfServiceGroupBy,
} from '@floorwatch/kpi';
import { CONTACT_SELECT, toContact, toTimestamp, type ContactRowRaw } from '../database/record-sql';
import type { RecordStore } from '../database/record-store';
import { entryPointIndex, loadEntryPoints, loadSessions, loadSessionsByCustomer } from './selfservice-store';
import type { SessionRollupQuery } from '../rollup/session-rollup-reader';
import { readSessionRollups } from '../rollup/session-day-reader';
import { SESSION_ROLLUP_SHORT_SECONDS, SESSION_ROLLUP_WINDOW_SECONDS } from '../rollup/session-rollup-sql';
import { ceilInterval, floorInterval } from '../rollup/rollup-time';

/** Groupings only sessions (or journeys) have: the contact and workforce KPIs are null there (§3). */
export const SESSION_ONLY_GROUPS: ReadonlySet<GroupBy> = new Set<GroupBy>(['intent', 'entryPoint', 'lastNode', 'derivedChain']);
const SELF_SERVICE_GROUPS: ReadonlySet<GroupBy> = new Set<GroupBy>(['intent', 'entryPoint', 'lastNode', 'channel', 'site', 'day', 'hour', 'interval', 'direction', 'coverage']);
/** Journeys read every touch of the window ± this much; longer windows are left to reports. */
const JOURNEY_MARGIN_MS = 7 * 86_400_000;
const JOURNEY_MAX_WINDOW_MS = 31 * 86_400_000;

export interface OverlayQuery {
  scope: Scope;
  from: number;
  to: number;
  asOf: number;
  by?: GroupBy;
  tz?: string;
}

/** The empty group's values (counts 0, rates null), for keys only the overlay has. */
const emptyValues = (): KpiValues => finaliseKpis(emptyComponents());
/** A session-only grouping's row: every contact and workforce KPI null, not 0. */
const nullValues = (): KpiValues => Object.fromEntries(Object.keys(emptyValues()).map((k) => [k, null])) as unknown as KpiValues;

/**
 * Adds the selfservice.md KPIs to the rows of `fw kpi` / `GET /kpis`: self-service (enterprise,
 * site), journeys (enterprise), transfer / disconnect / short-call rates (every scope).
 */
export class SelfServiceKpiOverlay {
  /** false: every session from raw (the equality specs' reference). */
  useRollup = true;
  /** How much of the last query's window came from the session rollups (ms; tests check they were used). */
  lastRolledMs = 0;
  /** Local days of the last query read from the session day rows (session-day-reader.ts). */
  lastRolledDays = 0;

  constructor(
    private readonly store: RecordStore,
    readonly config: SelfServiceConfig = DEFAULT_SELF_SERVICE_CONFIG,
  ) {}

  /**
   * `loaded`: the scope's contacts of the window when the caller already read them (the raw path),
   * so time to human and the journeys need no second read.
   */
  async apply(base: KpiRow[], org: Org, q: OverlayQuery, loaded?: Contact[]): Promise<KpiRow[]> {
    const sessionOnly = q.by !== undefined && SESSION_ONLY_GROUPS.has(q.by);
    const rows = new Map<string, KpiValues>();
    if (!sessionOnly) for (const r of base) rows.set(r.key, { ...r.kpis });
    const row = (key: string): KpiValues => {
      let v = rows.get(key);
      if (!v) rows.set(key, (v = sessionOnly ? nullValues() : emptyValues()));
      return v;
    };
    const tzOfSite = new Map(org.sites.map((s) => [s.id, s.timezone]));
    // Journeys read the window ± a week of touches: asked for by their own grouping only, so the
    // everyday ungrouped tiles do not pay for it.
    const journeysApply = q.scope.kind === 'enterprise' && q.by === 'derivedChain' && q.to - q.from <= JOURNEY_MAX_WINDOW_MS;
    const touchContacts = journeysApply ? await this.store.loadContacts(q.scope, q.from - JOURNEY_MARGIN_MS, q.to + JOURNEY_MARGIN_MS) : null;
    // The effort rates come with the base rows (KPI components, raw or rollup); the share's human
    // side is their inboundHandled, so no contact is read here for either, at any window length.
    const contacts = touchContacts ?? loaded ?? null;
    const handledByKey = new Map<string, number>();
    if (!sessionOnly) for (const r of base) handledByKey.set(r.key, r.kpis.inboundHandled ?? 0);
    const ssScope = q.scope.kind === 'enterprise' || q.scope.kind === 'site';
    if (ssScope && (q.by === undefined || SELF_SERVICE_GROUPS.has(q.by))) {
      const ssBy = q.by as SelfServiceGroupBy | undefined;
      const tz = q.tz ?? (q.by === 'day' && q.scope.kind === 'enterprise' ? 'UTC' : undefined);
      const siteId = q.scope.kind === 'site' ? q.scope.id : undefined;
      // Aligned intervals from rollup_sessions_15m, the unaligned head and tail from raw sessions.
      const split = this.rollupSplit(q);
      this.lastRolledMs = split ? split.until - split.start : 0;
      this.lastRolledDays = 0;
      const ranges: [number, number][] = split ? [[q.from, split.start], [split.until, q.to]] : [[q.from, q.to]];
      const [parts, rolled] = await Promise.all([
        Promise.all(ranges.filter(([a, b]) => b > a).map(([a, b]) => loadSessions(this.store, a, b))),
        split ? this.readRolled(tzOfSite, { from: split.start, until: split.until, asOf: q.asOf, by: ssBy, tz, siteId }) : null,
      ]);
      const sessions = parts.flat().filter((s) => siteId === undefined || s.siteId === siteId);
      if (sessions.length > 0 || (rolled !== null && rolled.size > 0)) {
        const later = sessions.length > 0 ? await this.repeatsOf(sessions, q) : { laterSessions: [], laterContacts: [] };
        // Time to human reads each transferred session's own contact, wherever it lies: the window's
        // contacts differ by path (the raw path's [from, to) plus FCR repeats, the overlay's own
        // read to + 1 day), so a contact enqueued after `to` is looked up by its segment (§3).
        const handedTo = sessions.length > 0 ? await this.transferredContactsOf(sessions, q, [...(contacts ?? []), ...later.laterContacts]) : [];
        const { rows: comps, shareApplies } = computeSelfServiceComponents({ sessions, contacts: contacts ?? [], handledByKey, laterSessions: later.laterSessions, laterContacts: [...later.laterContacts, ...handedTo] }, { from: q.from, to: q.to, asOf: q.asOf, by: ssBy, siteTimeZones: tzOfSite, ...(tz ? { tz } : {}) }, this.config);
        for (const [key, c] of rolled ?? []) {
          const target = comps.get(key);
          if (target) addSelfServiceInto(target, c);
          else comps.set(key, c);
        }
        for (const [key, c] of comps) Object.assign(row(key), finaliseSelfService(c, shareApplies));
      }
    }
    if (touchContacts) {
      const sessions = await loadSessions(this.store, q.from - JOURNEY_MARGIN_MS, q.to + JOURNEY_MARGIN_MS);
      const journeys = computeJourneyKpis(sessions, touchContacts, { from: q.from, to: q.to, asOf: q.asOf, by: q.by as 'derivedChain' | 'reason' | 'channel' | undefined }, { ...DEFAULT_JOURNEY_CONFIG, ivrShortSeconds: this.config.ivrShortSeconds });
      for (const [key, v] of journeys) Object.assign(row(key), v);
    }
    return [...rows.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((key) => ({ key, kpis: rows.get(key) as KpiValues }));
  }

  /**
   * The aligned part [start, until) of the window the session rollup serves, or null: its rows are
   * computed with the default short-abandon threshold and FCR window, another configuration reads raw.
   */
  private rollupSplit(q: OverlayQuery): { start: number; until: number } | null {
    if (!this.useRollup || this.config.ivrShortSeconds !== SESSION_ROLLUP_SHORT_SECONDS || this.config.repeatWindowSeconds !== SESSION_ROLLUP_WINDOW_SECONDS) return null;
    const start = ceilInterval(q.from);
    const until = floorInterval(q.to);
    return until > start ? { start, until } : null;
  }

  private async readRolled(tzOfSite: ReadonlyMap<string, string>, q: SessionRollupQuery): Promise<Map<string, SelfServiceComponents>> {
    const eps = entryPointIndex(await loadEntryPoints(this.store));
    const { rows, days } = await readSessionRollups(this.store, eps, tzOfSite, q);
    this.lastRolledDays = days;
    return rows;
  }

  /**
   * The answered contacts (any scope) of the window's closed transferred sessions that `known` does
   * not hold, by segmentId or contactId (§2 transferredContactId; queue_log segments are 1, 2… per call): enqueued from a day before the earliest such
   * session's start up to W after the latest one's end (callbacks included; bounds prune partitions).
   */
  private async transferredContactsOf(sessions: readonly SelfServiceSession[], q: OverlayQuery, known: readonly Contact[]): Promise<Contact[]> {
    const have = new Set<string>();
    // Known by either id: the look-up (libs/kpi sessionContactIndex) takes a Connect segment or a queue_log call id.
    for (const c of known) if (c.agentId !== null && c.answeredAt !== null) have.add(c.segmentId).add(c.contactId);
    const ids = new Set<string>();
    let minStart = Infinity;
    let maxEnd = -Infinity;
    for (const s of sessions) {
      if (s.outcome !== 'transferred' || s.endedAt === null || s.transferredContactId === null || s.startedAt < q.from || s.startedAt >= q.to) continue;
      if (have.has(s.transferredContactId)) continue;
      ids.add(s.transferredContactId);
      if (s.startedAt < minStart) minStart = s.startedAt;
      if (s.endedAt > maxEnd) maxEnd = s.endedAt;
    }
    if (ids.size === 0) return [];
    const rows = await this.store.query<ContactRowRaw>(
      `${CONTACT_SELECT} WHERE (segment_id IN (SELECT unnest($1::text[])) OR contact_id IN (SELECT unnest($1::text[]))) AND enqueued_at >= $2 AND enqueued_at <= $3 AND agent_id IS NOT NULL AND answered_at IS NOT NULL ORDER BY enqueued_at, contact_id, segment_id`,
      [[...ids], toTimestamp(minStart - SESSION_HANDOVER_BEFORE_MS), toTimestamp(maxEnd + this.config.repeatWindowSeconds * 1000)],
    );
    return rows.map(toContact);
  }

  /** Later sessions and contacts of the contained sessions' customers, any scope, up to the last end + W. */
  private async repeatsOf(sessions: SelfServiceSession[], q: OverlayQuery): Promise<{ laterSessions: SelfServiceSession[]; laterContacts: Contact[] }> {
    const wMs = this.config.repeatWindowSeconds * 1000;
    const keys = new Set<string>();
    let minEnd = Infinity;
    for (const s of sessions) {
      if (s.outcome !== 'contained' || s.customerKey === null || s.endedAt === null || s.endedAt + wMs > q.asOf) continue;
      keys.add(s.customerKey);
      if (s.endedAt < minEnd) minEnd = s.endedAt;
    }
    if (keys.size === 0) return { laterSessions: [], laterContacts: [] };
    const until = q.to + wMs;
    const [laterSessions, laterContacts] = await Promise.all([loadSessionsByCustomer(this.store, [...keys], minEnd, until), this.store.loadContactsByCustomer([...keys], minEnd, until)]);
    return { laterSessions, laterContacts };
  }
}
