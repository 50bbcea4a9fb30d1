/** selfservice.md §3: the self-service session KPIs (libs/kpi selfservice computes exactly these). */
export const SELF_SERVICE_KPI_NAMES = [
  'ivrOffered',
  'ivrShortAbandoned',
  'ivrReasonMissing',
  'ivrContainmentPct',
  'ivrOptOutPct',
  'ivrAbandonPct',
  'ivrErrorPct',
  'ivrSeconds',
  'timeToHumanSeconds',
  'ssEligible',
  'ssPending',
  'selfServiceResolutionPct',
  'effectiveContainmentPct',
  'idFailurePct',
  'selfServiceSharePct',
] as const;

/** Every KPI the CLI, API and dashboards report (spec/interfaces.md, `fw kpi`). */
export const KPI_NAMES = [
  // workforce
  'scheduledSeconds',
  'inAdherenceSeconds',
  'adherencePct',
  'conformancePct',
  'paidSeconds',
  'productiveSeconds',
  'productiveInOpenSeconds',
  'plannedShrinkagePct',
  'unplannedShrinkagePct',
  'shrinkagePct',
  'occupancyPct',
  'loggedInSeconds',
  'availableSeconds',
  'auxSeconds',
  'contactsPerProductiveHour',
  // contacts
  'offered',
  'answered',
  'abandoned',
  'shortAbandoned',
  'blocked',
  'serviceLevelPct',
  'asaSeconds',
  'abandonRatePct',
  'handled',
  'ahtSeconds',
  'talkSeconds',
  'holdSeconds',
  'acwSeconds',
  // first-contact resolution and cross-channel
  'fcrPct',
  'fcrEligible',
  'fcrPending',
  'fcrUnknown',
  'crossChannelRepeatPct',
  'channelFcrSpreadPts',
  // surveys
  'consistencyIndex',
  'consistencyExcluded',
  'q1Index',
  'q2Index',
  'q3Index',
  'q4Index',
  'q5Index',
  // selfservice.md §1: handled segments of outbound contacts (also counted in handled)
  'outboundHandled',
  // selfservice.md §3: handled segments of direction inbound, api or callback (the share's human side)
  'inboundHandled',
  // queued inbound contacts that left the queue on request (queue_log EXITWITHKEY)
  'exitedByKey',
  // customer outcomes (spec/customer.md)
  'surveyResponses',
  'surveyAttributedPct',
  'csatResponses',
  'csatMean',
  'csatTopBoxPct',
  'npsResponses',
  'promoterPct',
  'passivePct',
  'detractorPct',
  'npsScore',
  'consistencyResponses',
  // HOTLINE cases whose response is in the window and scope (filled by the API from its cases)
  'hotlineCases',
  'hotlineOpen',
  'ackSecondsMedian',
  'closeSecondsMedian',
  'closeSecondsP90',
  'closedWithin48hPct',
  // selfservice.md §3: self-service sessions (enterprise and site scope)
  ...SELF_SERVICE_KPI_NAMES,
  // selfservice.md §4: journeys (enterprise) and effort per handled segment (every scope)
  'journeys',
  'journeyContacts',
  'journeysPending',
  'customerEffort',
  'transferRatePct',
  'agentDisconnectPct',
  'shortHandledPct',
] as const;
export type KpiName = (typeof KPI_NAMES)[number];
export type KpiValues = Record<KpiName, number | null>;

export const GROUP_BYS = [
  'agent',
  'team',
  'site',
  'queue',
  'reason',
  'channel',
  'day',
  'hour',
  'interval',
  'mainChannel',
  'channelChain',
  // selfservice.md §1: inbound, outbound, callback, transfer, api
  'direction',
  // selfservice.md §3-4: session and journey groupings; coverage = <reason>|<channel>
  'intent',
  'entryPoint',
  'lastNode',
  'derivedChain',
  'coverage',
] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export interface KpiRow {
  /** The group key, or "all" when not grouped. */
  key: string;
  kpis: KpiValues;
}

export interface KpiResult {
  scope: string;
  from: string;
  to: string;
  asOf: string;
  by?: GroupBy;
  rows: KpiRow[];
}

/** Targets are set on these KPIs (spec/kpis.md "Targets and colour"). */
export const TARGET_KPIS = [
  'adherencePct',
  'conformancePct',
  'serviceLevelPct',
  'abandonRatePct',
  'ahtSeconds',
  'fcrPct',
  'shrinkagePct',
  'occupancyPct',
  'consistencyIndex',
  'handled',
  'staffingGap',
  'csatTopBoxPct',
  'npsScore',
] as const;
export type TargetKpi = (typeof TARGET_KPIS)[number];

/** A KPI row as the API returns it: the `fw kpi` row plus the target status of every KPI. */
export interface KpiRowWithTargets extends KpiRow {
  targets: Partial<
    Record<
      KpiName,
      {
        value: number | null;
        status: import('./targets').TargetStatus;
        /** Optional: lets dashboards caption "Target ≥ 90 %" without guessing the direction. */
        direction?: import('./targets').TargetDirection;
        /** Set on a wider scope and inherited (`team:<id>`): dashboards say "from team". */
        from?: string;
        /** Survey KPIs (customer.md minimum sample): the responses behind the value and the rule's minimum. */
        n?: number;
        minResponses?: number;
      }
    >
  >;
}
export interface KpiApiResult extends Omit<KpiResult, 'rows'> {
  rows: KpiRowWithTargets[];
}
