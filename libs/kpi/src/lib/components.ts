import type { Channel, KpiValues } from '@floorwatch/contracts';
import { SELF_SERVICE_KPI_NULLS } from './selfservice/extension-nulls';
import { CHANNELS } from '@floorwatch/contracts';
import { CUSTOMER_COMPONENTS, finaliseCustomerKpis } from './customer/survey-kpis';

/**
 * Additive parts of every KPI. Any KPI over a set of records is `finaliseKpis` of the sum of the
 * components of its parts, so 15-minute rollups can be summed and finalised with this same code.
 */
export interface KpiComponents {
  // schedule-derived (per governing schedule segment)
  scheduledSeconds: number;
  inAdherenceSeconds: number;
  scheduledOpenSeconds: number;
  productiveInOpenSeconds: number;
  paidSeconds: number;
  plannedPaidSeconds: number;
  unplannedAbsenceSeconds: number;
  // state-derived
  productiveSeconds: number;
  loggedInSeconds: number;
  availableSeconds: number;
  auxSeconds: number;
  onContactStateSeconds: number;
  acwStateSeconds: number;
  // contacts by enqueuedAt
  offered: number;
  answered: number;
  answeredInSl: number;
  abandoned: number;
  shortAbandoned: number;
  blocked: number;
  /** Queued inbound contacts that left the queue on request (selfservice.md §1). */
  exitedByKey: number;
  waitAnsweredSeconds: number;
  // contacts by endedAt
  handled: number;
  talkSeconds: number;
  holdSeconds: number;
  acwSeconds: number;
  /** Handled segments of outbound contacts (selfservice.md §1); also in `handled`. */
  outboundHandled: number;
  /** selfservice.md §4 effort counters of handled segments (also in `handled`). */
  transferredHandled: number;
  shortHandled: number;
  voiceEndedKnown: number;
  voiceEndedAgent: number;
  /** Handled segments of direction inbound, api or callback: the self-service share's human side. */
  inboundHandled: number;
  fcrEligible: number;
  fcrNotRepeated: number;
  fcrCrossChannel: number;
  fcrPending: number;
  fcrUnknown: number;
  fcrEligibleByChannel: Record<Channel, number>;
  fcrNotRepeatedByChannel: Record<Channel, number>;
  // surveys
  responses: number;
  consistencyScoreSum: number;
  consistencyExcluded: number;
  q1ScoreSum: number;
  q1Answered: number;
  q2ScoreSum: number;
  q2Answered: number;
  q3ScoreSum: number;
  q3Answered: number;
  q4ScoreSum: number;
  q4Answered: number;
  q5ScoreSum: number;
  q5Answered: number;
  // customer outcomes (customer/survey-kpis.ts): every response, not only consistency-included ones
  surveyCount: number;
  surveyAttributed: number;
  csatCount: number;
  csatScoreSum: number;
  csatTopBox: number;
  npsCount: number;
  npsPromoters: number;
  npsPassives: number;
  npsDetractors: number;
}

export type NumericComponent = Exclude<keyof KpiComponents, 'fcrEligibleByChannel' | 'fcrNotRepeatedByChannel'>;

export const NUMERIC_COMPONENTS: readonly NumericComponent[] = [
  'scheduledSeconds', 'inAdherenceSeconds', 'scheduledOpenSeconds', 'productiveInOpenSeconds',
  'paidSeconds', 'plannedPaidSeconds', 'unplannedAbsenceSeconds', 'productiveSeconds',
  'loggedInSeconds', 'availableSeconds', 'auxSeconds', 'onContactStateSeconds', 'acwStateSeconds',
  'offered', 'answered', 'answeredInSl', 'abandoned', 'shortAbandoned', 'blocked',
  'waitAnsweredSeconds', 'handled', 'talkSeconds', 'holdSeconds', 'acwSeconds', 'fcrEligible',
  'fcrNotRepeated', 'fcrCrossChannel', 'fcrPending', 'fcrUnknown', 'responses',
  'consistencyScoreSum', 'consistencyExcluded', 'q1ScoreSum', 'q1Answered', 'q2ScoreSum',
  'q2Answered', 'q3ScoreSum', 'q3Answered', 'q4ScoreSum', 'q4Answered', 'q5ScoreSum', 'q5Answered',
  'outboundHandled', 'exitedByKey',
  'transferredHandled', 'shortHandled', 'voiceEndedKnown', 'voiceEndedAgent', 'inboundHandled',
  ...CUSTOMER_COMPONENTS,
];

export const ITEM_SUM_KEYS = ['q1ScoreSum', 'q2ScoreSum', 'q3ScoreSum', 'q4ScoreSum', 'q5ScoreSum'] as const;
export const ITEM_COUNT_KEYS = ['q1Answered', 'q2Answered', 'q3Answered', 'q4Answered', 'q5Answered'] as const;

// Written out as literals, not filled by a loop over the keys: V8 clones a literal's boilerplate
// (0.34 µs a call measured) while 44 keyed stores build a slow object (6-7 µs), and every KPI
// path (raw, rollup cells, live) makes one per group, interval or agent. The types keep both
// complete: a missing component or channel does not compile.
function zeroByChannel(): Record<Channel, number> {
  return { voice: 0, chat: 0, email: 0, messaging: 0, social: 0, video: 0, backoffice: 0 };
}

export function emptyComponents(): KpiComponents {
  return {
    scheduledSeconds: 0, inAdherenceSeconds: 0, scheduledOpenSeconds: 0, productiveInOpenSeconds: 0,
    paidSeconds: 0, plannedPaidSeconds: 0, unplannedAbsenceSeconds: 0, productiveSeconds: 0,
    loggedInSeconds: 0, availableSeconds: 0, auxSeconds: 0, onContactStateSeconds: 0, acwStateSeconds: 0,
    offered: 0, answered: 0, answeredInSl: 0, abandoned: 0, shortAbandoned: 0, blocked: 0,
    waitAnsweredSeconds: 0, handled: 0, talkSeconds: 0, holdSeconds: 0, acwSeconds: 0, fcrEligible: 0,
    fcrNotRepeated: 0, fcrCrossChannel: 0, fcrPending: 0, fcrUnknown: 0,
    fcrEligibleByChannel: zeroByChannel(), fcrNotRepeatedByChannel: zeroByChannel(),
    responses: 0, consistencyScoreSum: 0, consistencyExcluded: 0, q1ScoreSum: 0, q1Answered: 0,
    q2ScoreSum: 0, q2Answered: 0, q3ScoreSum: 0, q3Answered: 0, q4ScoreSum: 0, q4Answered: 0,
    q5ScoreSum: 0, q5Answered: 0, outboundHandled: 0, exitedByKey: 0,
    transferredHandled: 0, shortHandled: 0, voiceEndedKnown: 0, voiceEndedAgent: 0, inboundHandled: 0,
    surveyCount: 0, surveyAttributed: 0, csatCount: 0, csatScoreSum: 0, csatTopBox: 0, npsCount: 0,
    npsPromoters: 0, npsPassives: 0, npsDetractors: 0,
  };
}

/** Adds `b` into `target` in place and returns `target` (the hot-path variant). */
export function addComponentsInto(target: KpiComponents, b: KpiComponents): KpiComponents {
  for (const k of NUMERIC_COMPONENTS) target[k] += b[k];
  for (const ch of CHANNELS) {
    target.fcrEligibleByChannel[ch] += b.fcrEligibleByChannel[ch] ?? 0;
    target.fcrNotRepeatedByChannel[ch] += b.fcrNotRepeatedByChannel[ch] ?? 0;
  }
  return target;
}

export function addComponents(a: KpiComponents, b: KpiComponents): KpiComponents {
  return addComponentsInto(addComponentsInto(emptyComponents(), a), b);
}

export function sumComponents(parts: Iterable<KpiComponents>): KpiComponents {
  const total = emptyComponents();
  for (const p of parts) addComponentsInto(total, p);
  return total;
}

function ratio(num: number, den: number, scale = 1): number | null {
  return den > 0 ? (scale * num) / den : null;
}

/** Max − min FCR over channels with at least `minContacts` eligible contacts. */
export function channelFcrSpread(c: KpiComponents, minContacts: number): number | null {
  const rates: number[] = [];
  for (const ch of CHANNELS) {
    const eligible = c.fcrEligibleByChannel[ch];
    if (eligible > 0 && eligible >= minContacts) rates.push((100 * c.fcrNotRepeatedByChannel[ch]) / eligible);
  }
  return rates.length < 2 ? null : Math.max(...rates) - Math.min(...rates);
}

/** Every KPI of KPI_NAMES from summed components: null where a denominator is zero, unrounded. */
export function finaliseKpis(c: KpiComponents, options: { minContacts?: number } = {}): KpiValues {
  const handleSeconds = c.talkSeconds + c.holdSeconds + c.acwSeconds;
  const busy = c.onContactStateSeconds + c.acwStateSeconds;
  const netOffered = c.offered - c.shortAbandoned;
  const planned = ratio(c.plannedPaidSeconds, c.paidSeconds, 100);
  const unplanned = ratio(c.unplannedAbsenceSeconds + c.scheduledOpenSeconds - c.productiveInOpenSeconds, c.paidSeconds, 100);
  return {
    scheduledSeconds: c.scheduledSeconds,
    inAdherenceSeconds: c.inAdherenceSeconds,
    adherencePct: ratio(c.inAdherenceSeconds, c.scheduledSeconds, 100),
    conformancePct: ratio(c.productiveSeconds, c.scheduledOpenSeconds, 100),
    paidSeconds: c.paidSeconds,
    productiveSeconds: c.productiveSeconds,
    productiveInOpenSeconds: c.productiveInOpenSeconds,
    plannedShrinkagePct: planned,
    unplannedShrinkagePct: unplanned,
    shrinkagePct: planned === null || unplanned === null ? null : planned + unplanned,
    occupancyPct: ratio(busy, busy + c.availableSeconds, 100),
    loggedInSeconds: c.loggedInSeconds,
    availableSeconds: c.availableSeconds,
    auxSeconds: c.auxSeconds,
    contactsPerProductiveHour: ratio(c.handled, c.productiveSeconds / 3600),
    offered: c.offered,
    answered: c.answered,
    abandoned: c.abandoned,
    shortAbandoned: c.shortAbandoned,
    blocked: c.blocked,
    serviceLevelPct: ratio(c.answeredInSl, netOffered, 100),
    asaSeconds: ratio(c.waitAnsweredSeconds, c.answered),
    abandonRatePct: ratio(c.abandoned - c.shortAbandoned, netOffered, 100),
    handled: c.handled,
    ahtSeconds: ratio(handleSeconds, c.handled),
    talkSeconds: ratio(c.talkSeconds, c.handled),
    holdSeconds: ratio(c.holdSeconds, c.handled),
    acwSeconds: ratio(c.acwSeconds, c.handled),
    fcrPct: ratio(c.fcrNotRepeated, c.fcrEligible, 100),
    fcrEligible: c.fcrEligible,
    fcrPending: c.fcrPending,
    fcrUnknown: c.fcrUnknown,
    crossChannelRepeatPct: ratio(c.fcrCrossChannel, c.fcrEligible, 100),
    channelFcrSpreadPts: channelFcrSpread(c, options.minContacts ?? 30),
    consistencyIndex: ratio(c.consistencyScoreSum, c.responses),
    consistencyExcluded: c.consistencyExcluded,
    q1Index: ratio(c.q1ScoreSum, c.q1Answered),
    q2Index: ratio(c.q2ScoreSum, c.q2Answered),
    q3Index: ratio(c.q3ScoreSum, c.q3Answered),
    q4Index: ratio(c.q4ScoreSum, c.q4Answered),
    q5Index: ratio(c.q5ScoreSum, c.q5Answered),
    outboundHandled: c.outboundHandled,
    exitedByKey: c.exitedByKey,
    ...finaliseCustomerKpis(c),
    ...SELF_SERVICE_KPI_NULLS,
    // selfservice.md §4, per handled segment at every scope: from the components, so the raw and
    // the rollup paths give them alike at any window length.
    inboundHandled: c.inboundHandled,
    transferRatePct: ratio(c.transferredHandled, c.handled, 100),
    agentDisconnectPct: ratio(c.voiceEndedAgent, c.voiceEndedKnown, 100),
    shortHandledPct: ratio(c.shortHandled, c.handled, 100),
  };
}
