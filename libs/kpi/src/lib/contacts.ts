import { countsAsOffered, directionOf, type Contact } from '@floorwatch/contracts';
import type { KpiComponents } from './components';
import { emptyComponents } from './components';
import type { KpiConfig } from './config';
import { DEFAULT_KPI_CONFIG } from './config';
import { DEFAULT_SHORT_CALL_SECONDS as SHORT_CALL_SECONDS } from './journeys/handled-effort';

/** Answered, by a known agent or not: a queue_log call CONNECTed by member `NONE` counts at queue, site and enterprise scope (feeds.md). */
export function isAnswered(c: Contact): boolean {
  return c.answeredAt !== null;
}

/**
 * Queue-side components of a contact counted by enqueuedAt: offered, answered, SL, ASA, abandons,
 * blocked. Only queued inbound and api contacts count (selfservice.md §1): an outbound call is no
 * 0-second answer, a transfer leg's customer was offered already, a callback's queue time is not
 * time on the line. Every such segment that entered a queue is offered once (queue_log cannot
 * tell a transfer into a queue from a new call: both are inbound there).
 */
export function addOfferedInto(t: KpiComponents, c: Contact, slSeconds: number, config: KpiConfig = DEFAULT_KPI_CONFIG): void {
  if (!countsAsOffered(c)) return;
  if (c.outcome === 'blocked') {
    t.blocked += 1;
    return;
  }
  t.offered += 1;
  if (isAnswered(c)) {
    t.answered += 1;
    t.waitAnsweredSeconds += c.waitSeconds;
    if (c.waitSeconds <= slSeconds) t.answeredInSl += 1;
  } else if (c.outcome === 'abandoned') {
    t.abandoned += 1;
    if (c.waitSeconds < config.shortAbandonSeconds) t.shortAbandoned += 1;
  } else if (c.exitedByKey === true && directionOf(c) === 'inbound') {
    // Outcome timeout: offered, neither answered nor abandoned.
    t.exitedByKey += 1;
  }
}

/** Agent-side components of an answered segment counted by endedAt: handled and handle time. */
export function addHandledInto(t: KpiComponents, c: Contact): void {
  if (!isAnswered(c)) return;
  t.handled += 1;
  const d = directionOf(c);
  if (d === 'outbound') t.outboundHandled += 1;
  if (d === 'inbound' || d === 'api' || d === 'callback') t.inboundHandled += 1;
  // selfservice.md §4 (the rollup's EFFORT_COUNTER_EXPRS say the same in SQL).
  if (c.outcome === 'transferred') t.transferredHandled += 1;
  if (c.talkSeconds < SHORT_CALL_SECONDS) t.shortHandled += 1;
  if (c.channel === 'voice' && c.outcome !== 'transferred' && d !== 'outbound' && c.endedBy) {
    t.voiceEndedKnown += 1;
    if (c.endedBy === 'agent') t.voiceEndedAgent += 1;
  }
  t.talkSeconds += c.talkSeconds;
  t.holdSeconds += c.holdSeconds;
  t.acwSeconds += c.acwSeconds;
}

/** Every contact of each customer, sorted by enqueuedAt, to find repeats. */
export interface RepeatIndex {
  byCustomer: Map<string, Contact[]>;
}

export function buildRepeatIndex(contacts: readonly Contact[]): RepeatIndex {
  const byCustomer = new Map<string, Contact[]>();
  for (const c of contacts) {
    // An outbound call is the centre calling, not the customer coming back: never a repeat.
    if (c.customerKey === null || directionOf(c) === 'outbound') continue;
    let list = byCustomer.get(c.customerKey);
    if (!list) byCustomer.set(c.customerKey, (list = []));
    list.push(c);
  }
  for (const list of byCustomer.values()) list.sort((a, b) => a.enqueuedAt - b.enqueuedAt);
  return { byCustomer };
}

/**
 * The first contact of the same customer (another contactId: segments of one interaction are not
 * repeats; any outcome, as a caller who tries again and gives up still had to come back) with
 * enqueuedAt in (endedAt, endedAt + W], or null.
 */
export function firstRepeat(index: RepeatIndex, c: Contact, config: KpiConfig = DEFAULT_KPI_CONFIG): Contact | null {
  if (c.customerKey === null) return null;
  const list = index.byCustomer.get(c.customerKey);
  if (!list) return null;
  const limit = c.endedAt + config.fcrWindowSeconds * 1000;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].enqueuedAt <= c.endedAt) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < list.length && list[i].enqueuedAt <= limit; i++) {
    const r = list[i];
    if (r.contactId === c.contactId) continue;
    if (config.sameReasonOnly && r.reason !== c.reason) continue;
    return r;
  }
  return null;
}

/**
 * The first repeat of an FCR subject (only its channel matters), or null: firstRepeat over the
 * contacts given, or a caller's own record of it (the API stores each subject's first repeat).
 */
export type RepeatFinder = (c: Contact) => Pick<Contact, 'channel'> | null;

export function repeatFinder(index: RepeatIndex, config: KpiConfig = DEFAULT_KPI_CONFIG): RepeatFinder {
  return (c) => firstRepeat(index, c, config);
}

/** FCR components of an answered segment (the FCR subject), judged at `asOf`. */
export function addFcrInto(
  t: KpiComponents,
  c: Contact,
  findRepeat: RepeatFinder,
  asOf: number,
  config: KpiConfig = DEFAULT_KPI_CONFIG,
): void {
  // Outbound segments are not FCR subjects (selfservice.md §1): neither eligible, pending nor unknown.
  if (!isAnswered(c) || directionOf(c) === 'outbound') return;
  if (c.customerKey === null) {
    t.fcrUnknown += 1;
    return;
  }
  if (c.endedAt + config.fcrWindowSeconds * 1000 > asOf) {
    t.fcrPending += 1;
    return;
  }
  t.fcrEligible += 1;
  t.fcrEligibleByChannel[c.channel] += 1;
  const repeat = findRepeat(c);
  if (repeat === null) {
    t.fcrNotRepeated += 1;
    t.fcrNotRepeatedByChannel[c.channel] += 1;
  } else if (repeat.channel !== c.channel) {
    t.fcrCrossChannel += 1;
  }
}

export function offeredComponents(c: Contact, slSeconds: number, config: KpiConfig = DEFAULT_KPI_CONFIG): KpiComponents {
  const t = emptyComponents();
  addOfferedInto(t, c, slSeconds, config);
  return t;
}

/** Handled + FCR components of a contact (both counted by endedAt). */
export function handledComponents(
  c: Contact,
  index: RepeatIndex,
  asOf: number,
  config: KpiConfig = DEFAULT_KPI_CONFIG,
): KpiComponents {
  const t = emptyComponents();
  addHandledInto(t, c);
  addFcrInto(t, c, repeatFinder(index, config), asOf, config);
  return t;
}
