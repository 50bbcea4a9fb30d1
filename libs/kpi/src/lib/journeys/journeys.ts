import { directionOf, type Contact, type SelfServiceSession } from '@floorwatch/contracts';
import { sessionContactIndex } from '../selfservice/session-contact';

/** selfservice.md §4: a contact (with the sessions handed to it) or a closed session linked to none. */
export interface Touch {
  customerKey: string;
  channel: string;
  reason: string;
  start: number;
  end: number;
}

export interface JourneyConfig {
  journeyGapHours: number;
  /** Short abandoned sessions (shorter than this) are no touch. */
  ivrShortSeconds: number;
}
export const DEFAULT_JOURNEY_CONFIG: JourneyConfig = Object.freeze({ journeyGapHours: 24, ivrShortSeconds: 10 });

export type JourneyGroupBy = 'derivedChain' | 'reason' | 'channel';

export interface JourneyValues {
  journeys: number;
  journeyContacts: number;
  journeysPending: number;
  customerEffort: number | null;
}

/** Touches of the records given, in no particular order (the result does not depend on input order). */
export function buildTouches(sessions: readonly SelfServiceSession[], contacts: readonly Contact[], config: JourneyConfig = DEFAULT_JOURNEY_CONFIG): Touch[] {
  const byContact = new Map<string, Contact[]>();
  for (const c of contacts) {
    let list = byContact.get(c.contactId);
    if (!list) byContact.set(c.contactId, (list = []));
    list.push(c);
  }
  const contactOf = sessionContactIndex(contacts);
  const sessionsOf = new Map<string, SelfServiceSession[]>();
  const touches: Touch[] = [];
  for (const s of sessions) {
    if (s.endedAt === null || s.outcome === null) continue;
    const owner = s.transferredContactId === null ? undefined : contactOf(s.transferredContactId)?.contactId;
    if (owner !== undefined) {
      let list = sessionsOf.get(owner);
      if (!list) sessionsOf.set(owner, (list = []));
      list.push(s);
      continue;
    }
    if (s.customerKey === null) continue;
    if (s.outcome === 'abandoned' && (s.endedAt - s.startedAt) / 1000 < config.ivrShortSeconds) continue;
    touches.push({ customerKey: s.customerKey, channel: s.channel, reason: s.intent ?? 'unknown', start: s.startedAt, end: s.endedAt });
  }
  for (const [contactId, segments] of byContact) {
    // First segment by enqueue, ties by segment id, so the order of the input does not matter.
    const first = segments.reduce((a, b) => (b.enqueuedAt < a.enqueuedAt || (b.enqueuedAt === a.enqueuedAt && b.segmentId < a.segmentId) ? b : a));
    if (directionOf(first) === 'outbound') continue;
    const handedOver = sessionsOf.get(contactId) ?? [];
    const customerKey = first.customerKey ?? segments.find((c) => c.customerKey !== null)?.customerKey ?? handedOver.find((s) => s.customerKey !== null)?.customerKey ?? null;
    if (customerKey === null) continue;
    let start = Infinity;
    let end = -Infinity;
    for (const c of segments) {
      start = Math.min(start, c.enqueuedAt);
      end = Math.max(end, c.endedAt);
    }
    for (const s of handedOver) start = Math.min(start, s.startedAt);
    touches.push({ customerKey, channel: first.channel, reason: first.reason, start, end });
  }
  return touches;
}

/** Collapses repeats: ivr, ivr, voice → ivr>voice. */
export function chainOf(touches: readonly Touch[]): string {
  const out: string[] = [];
  for (const t of touches) if (out[out.length - 1] !== t.channel) out.push(t.channel);
  return out.join('>');
}

export interface Journey {
  customerKey: string;
  touches: Touch[];
  start: number;
  end: number;
}

/** Maximal runs of one customer's touches by start, each starting ≤ gap after the latest end so far. */
export function buildJourneys(touches: readonly Touch[], config: JourneyConfig = DEFAULT_JOURNEY_CONFIG): Journey[] {
  const gap = config.journeyGapHours * 3_600_000;
  const byCustomer = new Map<string, Touch[]>();
  for (const t of touches) {
    let list = byCustomer.get(t.customerKey);
    if (!list) byCustomer.set(t.customerKey, (list = []));
    list.push(t);
  }
  const journeys: Journey[] = [];
  for (const [customerKey, list] of byCustomer) {
    list.sort((a, b) => a.start - b.start || a.end - b.end || (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0));
    let cur: Journey | null = null;
    for (const t of list) {
      if (cur && t.start <= cur.end + gap) {
        cur.touches.push(t);
        cur.end = Math.max(cur.end, t.end);
      } else {
        cur = { customerKey, touches: [t], start: t.start, end: t.end };
        journeys.push(cur);
      }
    }
  }
  return journeys;
}

/**
 * journeys, journeyContacts, journeysPending and customerEffort (enterprise scope): journeys whose
 * first start is in [from, to), counted once last end + gap ≤ asOf.
 */
export function computeJourneyKpis(
  sessions: readonly SelfServiceSession[],
  contacts: readonly Contact[],
  q: { from: number; to: number; asOf: number; by?: JourneyGroupBy },
  config: JourneyConfig = DEFAULT_JOURNEY_CONFIG,
): Map<string, JourneyValues> {
  const gap = config.journeyGapHours * 3_600_000;
  const rows = new Map<string, JourneyValues>();
  const row = (k: string): JourneyValues => {
    let r = rows.get(k);
    if (!r) rows.set(k, (r = { journeys: 0, journeyContacts: 0, journeysPending: 0, customerEffort: null }));
    return r;
  };
  if (q.by === undefined) row('all');
  for (const j of buildJourneys(buildTouches(sessions, contacts, config), config)) {
    if (j.start < q.from || j.start >= q.to) continue;
    const first = j.touches[0];
    const key = q.by === undefined ? 'all' : q.by === 'derivedChain' ? chainOf(j.touches) : q.by === 'reason' ? first.reason : first.channel;
    const r = row(key);
    if (j.end + gap > q.asOf) {
      r.journeysPending++;
      continue;
    }
    r.journeys++;
    r.journeyContacts += j.touches.length;
  }
  for (const r of rows.values()) r.customerEffort = r.journeys === 0 ? null : r.journeyContacts / r.journeys;
  return new Map([...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
