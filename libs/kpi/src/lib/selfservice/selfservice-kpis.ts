import { directionOf, SELF_SERVICE_KPI_NAMES, type Contact, type SelfServiceSession } from '@floorwatch/contracts';
import { bucketAt, type TimeGroup } from '../time-buckets';
import { sessionContactIndex } from './session-contact';

/** selfservice.md §3 groupings (plus the contact ones that make sense for sessions). */
export type SelfServiceGroupBy = 'intent' | 'entryPoint' | 'lastNode' | 'channel' | 'site' | 'day' | 'hour' | 'interval' | 'direction' | 'coverage';

export { SELF_SERVICE_KPI_NAMES };
export type SelfServiceKpiName = (typeof SELF_SERVICE_KPI_NAMES)[number];
export type SelfServiceKpiValues = Record<SelfServiceKpiName, number | null>;

export interface SelfServiceConfig {
  /** Abandoned sessions shorter than this are short abandons (default 10 s). */
  ivrShortSeconds: number;
  /** W of FCR: a contained session repeated within it was not resolved. */
  repeatWindowSeconds: number;
}
/**
 * How long before a session's start its handover contact may be enqueued (to W after its end): the
 * one reach of time to human, here, in the session rollup's SQL and in the API's look-ups.
 */
export const SESSION_HANDOVER_BEFORE_MS = 86_400_000;

export const DEFAULT_SELF_SERVICE_CONFIG: SelfServiceConfig = Object.freeze({ ivrShortSeconds: 10, repeatWindowSeconds: 7 * 86_400 });

export interface SelfServiceQuery {
  from: number;
  to: number;
  asOf: number;
  by?: SelfServiceGroupBy;
  /** Site → IANA zone for day and hour keys (the entry point's site); default UTC. */
  siteTimeZones?: ReadonlyMap<string, string>;
  /** Enterprise day grouping zone (kpis.md `tz`). */
  tz?: string;
}

export interface SelfServiceInput {
  /** Sessions of the scope, any start (those outside [from, to) or open are skipped). */
  sessions: readonly SelfServiceSession[];
  /** Contacts of the scope in the window (handled segments for the share, answered ones for time to human). */
  contacts: readonly Contact[];
  /** Every session and contact of the customers, any scope, up to to + W: repeats of true containment. Default: sessions and contacts. */
  laterSessions?: readonly SelfServiceSession[];
  laterContacts?: readonly Contact[];
  /** The caller did not read the window's contacts: the share (and time to human) cannot be judged, so null. */
  contactsUnknown?: boolean;
  /**
   * The share's handled segments (direction inbound, api or callback, by endedAt) per group key,
   * when the caller has them already (the KPI components' inboundHandled, raw or rollup): used
   * instead of counting `contacts`.
   */
  handledByKey?: ReadonlyMap<string, number>;
}

/** The additive parts of the self-service KPIs (the session rollup stores most of them per 15-minute row). */
export interface SelfServiceComponents {
  offered: number;
  short: number;
  contained: number;
  transferred: number;
  abandoned: number;
  error: number;
  reasonMissing: number;
  secondsSum: number;
  tthSum: number;
  tthN: number;
  ssEligible: number;
  ssRepeated: number;
  ssPending: number;
  idKnown: number;
  idFailed: number;
  handled: number;
}
type Components = SelfServiceComponents;
export const emptySelfServiceComponents = (): Components => ({ offered: 0, short: 0, contained: 0, transferred: 0, abandoned: 0, error: 0, reasonMissing: 0, secondsSum: 0, tthSum: 0, tthN: 0, ssEligible: 0, ssRepeated: 0, ssPending: 0, idKnown: 0, idFailed: 0, handled: 0 });

const pct = (n: number, d: number): number | null => (d === 0 ? null : (100 * n) / d);

export function finaliseSelfService(c: Components, shareApplies = true): SelfServiceKpiValues {
  const base = c.offered - c.short;
  const containment = pct(c.contained, base);
  const resolution = pct(c.ssEligible - c.ssRepeated, c.ssEligible);
  return {
    ivrOffered: c.offered,
    ivrShortAbandoned: c.short,
    ivrReasonMissing: c.reasonMissing,
    ivrContainmentPct: containment,
    ivrOptOutPct: pct(c.transferred, base),
    ivrAbandonPct: pct(c.abandoned - c.short, base),
    ivrErrorPct: pct(c.error, base),
    ivrSeconds: c.offered === 0 ? null : c.secondsSum / c.offered,
    timeToHumanSeconds: c.tthN === 0 ? null : c.tthSum / c.tthN,
    ssEligible: c.ssEligible,
    ssPending: c.ssPending,
    selfServiceResolutionPct: resolution,
    effectiveContainmentPct: containment === null || resolution === null ? null : (containment * resolution) / 100,
    idFailurePct: pct(c.idFailed, c.idKnown),
    selfServiceSharePct: shareApplies ? pct(c.contained, c.contained + c.handled) : null,
  };
}

const UNKNOWN = 'unknown';
/** Groupings contacts have no key for: their contact part (the share) is null there (§3). */
const SESSION_ONLY: ReadonlySet<SelfServiceGroupBy> = new Set(['intent', 'entryPoint', 'lastNode']);

/** Customer → sorted start times of sessions and non-outbound contacts: the repeat look-up. */
function customerStarts(sessions: readonly SelfServiceSession[], contacts: readonly Contact[]): Map<string, number[]> {
  const m = new Map<string, number[]>();
  const add = (k: string | null, t: number): void => {
    if (k === null) return;
    let list = m.get(k);
    if (!list) m.set(k, (list = []));
    list.push(t);
  };
  for (const s of sessions) add(s.customerKey, s.startedAt);
  for (const c of contacts) if (directionOf(c) !== 'outbound') add(c.customerKey, c.enqueuedAt);
  for (const list of m.values()) list.sort((a, b) => a - b);
  return m;
}

/** Whether a start falls in (after, until]. */
function anyIn(sorted: readonly number[] | undefined, after: number, until: number): boolean {
  if (!sorted) return false;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] <= until;
}

/**
 * selfservice.md §3: the self-service KPIs per group key over closed sessions by startedAt (a
 * session is counted whole in the bucket of its start), with the share's handled segments by
 * endedAt. Pure: the caller passes the window and asOf.
 */
export function computeSelfServiceKpis(input: SelfServiceInput, q: SelfServiceQuery, config: SelfServiceConfig = DEFAULT_SELF_SERVICE_CONFIG): Map<string, SelfServiceKpiValues> {
  const { rows, shareApplies } = computeSelfServiceComponents(input, q, config);
  const out = new Map<string, SelfServiceKpiValues>();
  for (const k of [...rows.keys()].sort()) out.set(k, finaliseSelfService(rows.get(k) as Components, shareApplies));
  return out;
}

/** Adds `c` into `target`, field by field (every component is a sum). */
export function addSelfServiceInto(target: Components, c: Components): void {
  for (const k of Object.keys(c) as (keyof Components)[]) target[k] += c[k];
}

/** computeSelfServiceKpis before finalising: the components per key, and whether the share applies to this grouping. */
export function computeSelfServiceComponents(input: SelfServiceInput, q: SelfServiceQuery, config: SelfServiceConfig = DEFAULT_SELF_SERVICE_CONFIG): { rows: Map<string, Components>; shareApplies: boolean } {
  const rows = new Map<string, Components>();
  const row = (k: string): Components => {
    let c = rows.get(k);
    if (!c) rows.set(k, (c = emptySelfServiceComponents()));
    return c;
  };
  if (q.by === undefined) row('all');
  const timeBy: TimeGroup | null = q.by === 'day' || q.by === 'hour' || q.by === 'interval' ? q.by : null;
  const tzOf = (siteId: string): string => q.tz ?? q.siteTimeZones?.get(siteId) ?? 'UTC';
  const timeKey = (t: number, siteId: string): string => bucketAt(t, timeBy as TimeGroup, timeBy === 'interval' ? 'UTC' : tzOf(siteId)).key;
  const sessionKey = (s: SelfServiceSession): string => {
    switch (q.by) {
      case undefined: return 'all';
      case 'intent': return s.intent ?? UNKNOWN;
      case 'entryPoint': return s.entryPoint;
      case 'lastNode': return s.lastNode ?? UNKNOWN;
      case 'channel': return s.channel;
      case 'site': return s.siteId;
      case 'direction': return 'inbound';
      case 'coverage': return `${s.intent ?? UNKNOWN}|${s.channel}`;
      case 'day': case 'hour': case 'interval': return timeKey(s.startedAt, s.siteId);
    }
  };
  const contactKey = (c: Contact): string | null => {
    switch (q.by) {
      case undefined: return 'all';
      case 'intent': case 'entryPoint': case 'lastNode': return null;
      case 'channel': return c.channel;
      case 'site': return c.siteId;
      case 'direction': return directionOf(c);
      case 'coverage': return `${c.reason}|${c.channel}`;
      case 'day': case 'hour': case 'interval': return timeKey(c.endedAt, c.siteId);
    }
  };

  const contactOf = sessionContactIndex([...(input.laterContacts ?? []), ...input.contacts]);
  const wMs = config.repeatWindowSeconds * 1000;
  let starts: Map<string, number[]> | null = null;

  for (const s of input.sessions) {
    if (s.endedAt === null || s.outcome === null || s.startedAt < q.from || s.startedAt >= q.to) continue;
    const c = row(sessionKey(s));
    const seconds = (s.endedAt - s.startedAt) / 1000;
    c.offered++;
    c.secondsSum += seconds;
    if (s.reasonMissing) c.reasonMissing++;
    if (s.idAttempted === true && s.idPassed !== null) {
      c.idKnown++;
      if (s.idPassed === false) c.idFailed++;
    }
    switch (s.outcome) {
      case 'abandoned':
        c.abandoned++;
        if (seconds < config.ivrShortSeconds) c.short++;
        break;
      case 'error':
        c.error++;
        break;
      case 'transferred': {
        c.transferred++;
        const contact = s.transferredContactId === null ? undefined : contactOf(s.transferredContactId);
        // The handover is a contact enqueued from a day before the session's start to W after its
        // end (the session rollup's SQL bounds its look-up so): one enqueued days before the
        // session began is a mis-keyed id, not the human this session reached.
        const inReach = contact !== undefined && contact.enqueuedAt >= s.startedAt - SESSION_HANDOVER_BEFORE_MS && contact.enqueuedAt <= (s.endedAt ?? s.startedAt) + wMs;
        if (contact && inReach && contact.agentId !== null && contact.answeredAt !== null) {
          c.tthSum += seconds + contact.waitSeconds;
          c.tthN++;
        }
        break;
      }
      case 'contained':
        c.contained++;
        if (s.customerKey === null) break;
        if (s.endedAt + wMs > q.asOf) {
          c.ssPending++;
          break;
        }
        c.ssEligible++;
        starts ??= customerStarts([...input.sessions, ...(input.laterSessions ?? [])], [...input.contacts, ...(input.laterContacts ?? [])]);
        if (anyIn(starts.get(s.customerKey), s.endedAt, s.endedAt + wMs)) c.ssRepeated++;
        break;
    }
  }
  const shareApplies = (!input.contactsUnknown || input.handledByKey !== undefined) && (q.by === undefined || !SESSION_ONLY.has(q.by));
  if (shareApplies && input.handledByKey) {
    for (const [k, n] of input.handledByKey) if (n > 0) row(k).handled += n;
  } else if (shareApplies) {
    for (const c of input.contacts) {
      const d = directionOf(c);
      if (c.agentId === null || c.answeredAt === null || c.endedAt < q.from || c.endedAt >= q.to) continue;
      if (d !== 'inbound' && d !== 'api' && d !== 'callback') continue;
      const k = contactKey(c);
      if (k !== null) row(k).handled++;
    }
  }
  return { rows, shareApplies };
}
