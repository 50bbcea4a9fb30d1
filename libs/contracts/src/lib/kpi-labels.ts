import type { KpiName } from './kpi-names';

/**
 * How a KPI's number reads. `rate` and `index` show one decimal, `count` and `score` whole numbers
 * (NPS is −100…100 by convention without decimals), `seconds` a duration, `pct` a percentage.
 */
export type KpiUnit = 'pct' | 'seconds' | 'index' | 'rate' | 'count' | 'score';

export interface KpiDisplay {
  label: string;
  unit: KpiUnit;
}

const d = (label: string, unit: KpiUnit): KpiDisplay => ({ label, unit });

/**
 * Every KPI's words and unit on screen and in exports (web tiles, tables, charts, the API's and web's CSV headers, the target editor and
 * list). Typed over every KPI name, so a KPI added to libs/contracts without an entry here does not
 * compile; the spec beside this file checks the same at run time.
 */
export const KPI_DISPLAY: Record<KpiName | 'staffingGap', KpiDisplay> = {
  // workforce (kpis.md)
  scheduledSeconds: d('Scheduled time', 'seconds'),
  inAdherenceSeconds: d('In adherence', 'seconds'),
  adherencePct: d('Adherence', 'pct'),
  conformancePct: d('Conformance', 'pct'),
  paidSeconds: d('Paid time', 'seconds'),
  productiveSeconds: d('Productive time', 'seconds'),
  productiveInOpenSeconds: d('Productive in open time', 'seconds'),
  plannedShrinkagePct: d('Planned shrinkage', 'pct'),
  unplannedShrinkagePct: d('Unplanned shrinkage', 'pct'),
  shrinkagePct: d('Shrinkage', 'pct'),
  occupancyPct: d('Occupancy', 'pct'),
  loggedInSeconds: d('Logged in', 'seconds'),
  availableSeconds: d('Available', 'seconds'),
  auxSeconds: d('Aux time', 'seconds'),
  contactsPerProductiveHour: d('Contacts / productive hour', 'rate'),
  // contacts
  offered: d('Offered', 'count'),
  answered: d('Answered', 'count'),
  abandoned: d('Abandoned', 'count'),
  shortAbandoned: d('Short abandoned', 'count'),
  blocked: d('Blocked', 'count'),
  serviceLevelPct: d('Service level', 'pct'),
  asaSeconds: d('Avg. wait (ASA)', 'seconds'),
  abandonRatePct: d('Abandon rate', 'pct'),
  handled: d('Handled', 'count'),
  ahtSeconds: d('AHT', 'seconds'),
  talkSeconds: d('Talk', 'seconds'),
  holdSeconds: d('Hold', 'seconds'),
  acwSeconds: d('After-call work', 'seconds'),
  // first-contact resolution and cross-channel
  fcrPct: d('First-contact resolution', 'pct'),
  fcrEligible: d('FCR eligible', 'count'),
  fcrPending: d('FCR pending', 'count'),
  fcrUnknown: d('FCR unknown customer', 'count'),
  crossChannelRepeatPct: d('Cross-channel repeats', 'pct'),
  channelFcrSpreadPts: d('FCR spread across channels (pts)', 'rate'),
  // surveys
  consistencyIndex: d('Consistency index', 'index'),
  consistencyExcluded: d('Surveys excluded', 'count'),
  q1Index: d('Q1 Consistent impression', 'index'),
  q2Index: d('Q2 Consistent information', 'index'),
  q3Index: d('Q3 Informed of history', 'index'),
  q4Index: d('Q4 Choice of channels', 'index'),
  q5Index: d('Q5 Cross-channel help', 'index'),
  outboundHandled: d('Outbound handled', 'count'),
  exitedByKey: d('Left the queue on request', 'count'),
  // customer outcomes (customer.md)
  surveyResponses: d('Survey responses', 'count'),
  surveyAttributedPct: d('Surveys attributed', 'pct'),
  csatResponses: d('CSAT responses', 'count'),
  csatMean: d('CSAT mean (0–100)', 'rate'),
  csatTopBoxPct: d('CSAT top box', 'pct'),
  npsResponses: d('NPS responses', 'count'),
  promoterPct: d('Promoters', 'pct'),
  passivePct: d('Passives', 'pct'),
  detractorPct: d('Detractors', 'pct'),
  npsScore: d('NPS', 'score'),
  consistencyResponses: d('Consistency responses', 'count'),
  hotlineCases: d('Hotline cases', 'count'),
  hotlineOpen: d('Hotline cases open', 'count'),
  ackSecondsMedian: d('Time to acknowledge (median)', 'seconds'),
  closeSecondsMedian: d('Time to close (median)', 'seconds'),
  closeSecondsP90: d('Time to close (90th percentile)', 'seconds'),
  closedWithin48hPct: d('Closed within 48 h', 'pct'),
  // self-service sessions (selfservice.md §3)
  ivrOffered: d('IVR sessions', 'count'),
  ivrShortAbandoned: d('IVR short abandons', 'count'),
  ivrReasonMissing: d('IVR sessions without an end reason', 'count'),
  ivrContainmentPct: d('IVR containment', 'pct'),
  ivrOptOutPct: d('IVR opt-out', 'pct'),
  ivrAbandonPct: d('IVR abandon', 'pct'),
  ivrErrorPct: d('IVR errors', 'pct'),
  ivrSeconds: d('Time in IVR', 'seconds'),
  timeToHumanSeconds: d('Time to a human', 'seconds'),
  ssEligible: d('Self-service sessions judged', 'count'),
  ssPending: d('Self-service sessions pending', 'count'),
  selfServiceResolutionPct: d('Self-service resolution', 'pct'),
  effectiveContainmentPct: d('Effective containment', 'pct'),
  idFailurePct: d('ID failures', 'pct'),
  selfServiceSharePct: d('Self-service share', 'pct'),
  // journeys and effort (selfservice.md §4)
  journeys: d('Journeys', 'count'),
  journeyContacts: d('Journey contacts', 'count'),
  journeysPending: d('Journeys pending', 'count'),
  customerEffort: d('Contacts per journey', 'rate'),
  transferRatePct: d('Transfers', 'pct'),
  agentDisconnectPct: d('Agent hang-ups', 'pct'),
  shortHandledPct: d('Short calls', 'pct'),
  inboundHandled: d('Inbound handled', 'count'),
  // staffing (targets only)
  staffingGap: d('Staffing gap (agents)', 'rate'),
};

export function kpiDisplay(kpi: string): KpiDisplay | undefined {
  return (KPI_DISPLAY as Record<string, KpiDisplay | undefined>)[kpi];
}
