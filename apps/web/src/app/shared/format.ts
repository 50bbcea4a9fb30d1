import type { KpiName, TargetDirection } from '@floorwatch/contracts';

/** How a KPI's number reads: the unit is in its name (…Pct, …Seconds, …Index). */
export type KpiUnit = 'pct' | 'seconds' | 'index' | 'rate' | 'count';

export function kpiUnit(kpi: string): KpiUnit {
  if (kpi.endsWith('Pct')) return 'pct';
  if (kpi.endsWith('Seconds')) return 'seconds';
  if (kpi.endsWith('Index')) return 'index';
  if (kpi === 'contactsPerProductiveHour' || kpi === 'channelFcrSpreadPts' || kpi === 'customerEffort' || kpi.endsWith('Agents') || kpi.endsWith('Gap')) {
    return 'rate';
  }
  return 'count';
}

const NO_VALUE = '—';

/** 312 → "5 m 12 s"; 45 → "45 s"; 3 725 → "1 h 2 m". Long durations drop seconds to stay readable. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return NO_VALUE;
  const sign = seconds < 0 ? '−' : '';
  const total = Math.round(Math.abs(seconds));
  if (total < 60) return `${sign}${total} s`;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${sign}${h} h ${m} m`;
  return s === 0 ? `${sign}${m} m` : `${sign}${m} m ${s} s`;
}

const intFmt = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDp = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function formatNumber(value: number | null | undefined, unit: KpiUnit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  switch (unit) {
    case 'pct':
      return `${oneDp.format(value)} %`;
    case 'seconds':
      return formatDuration(value);
    case 'index':
    case 'rate':
      return oneDp.format(value);
    case 'count':
      return intFmt.format(value);
  }
}

export function formatKpi(kpi: string, value: number | null | undefined): string {
  return formatNumber(value, kpiUnit(kpi));
}

export const KPI_LABELS: Partial<Record<KpiName | 'staffingGap', string>> = {
  adherencePct: 'Adherence',
  conformancePct: 'Conformance',
  scheduledSeconds: 'Scheduled time',
  inAdherenceSeconds: 'In adherence',
  paidSeconds: 'Paid time',
  productiveSeconds: 'Productive time',
  plannedShrinkagePct: 'Planned shrinkage',
  unplannedShrinkagePct: 'Unplanned shrinkage',
  shrinkagePct: 'Shrinkage',
  occupancyPct: 'Occupancy',
  loggedInSeconds: 'Logged in',
  availableSeconds: 'Available',
  auxSeconds: 'Aux time',
  contactsPerProductiveHour: 'Contacts / productive hour',
  offered: 'Offered',
  answered: 'Answered',
  abandoned: 'Abandoned',
  shortAbandoned: 'Short abandoned',
  blocked: 'Blocked',
  serviceLevelPct: 'Service level',
  asaSeconds: 'Avg. wait (ASA)',
  abandonRatePct: 'Abandon rate',
  handled: 'Handled',
  ahtSeconds: 'AHT',
  talkSeconds: 'Talk',
  holdSeconds: 'Hold',
  acwSeconds: 'After-call work',
  fcrPct: 'First-contact resolution',
  fcrEligible: 'FCR eligible',
  fcrPending: 'FCR pending',
  fcrUnknown: 'FCR unknown customer',
  crossChannelRepeatPct: 'Cross-channel repeats',
  channelFcrSpreadPts: 'FCR spread across channels (pts)',
  consistencyIndex: 'Consistency index',
  consistencyExcluded: 'Surveys excluded',
  q1Index: 'Q1 Consistent impression',
  q2Index: 'Q2 Consistent information',
  q3Index: 'Q3 Informed of history',
  q4Index: 'Q4 Choice of channels',
  q5Index: 'Q5 Cross-channel help',
  staffingGap: 'Staffing gap',
  // selfservice.md §3-4
  ivrOffered: 'IVR sessions',
  ivrContainmentPct: 'IVR containment',
  ivrOptOutPct: 'IVR opt-out',
  ivrAbandonPct: 'IVR abandon',
  ivrErrorPct: 'IVR errors',
  ivrSeconds: 'Time in IVR',
  timeToHumanSeconds: 'Time to a human',
  selfServiceResolutionPct: 'Self-service resolution',
  effectiveContainmentPct: 'Effective containment',
  idFailurePct: 'ID failures',
  selfServiceSharePct: 'Self-service share',
  journeys: 'Journeys',
  customerEffort: 'Contacts per journey',
  transferRatePct: 'Transfers',
  agentDisconnectPct: 'Agent hang-ups',
  shortHandledPct: 'Short calls',
  // customer.md
  surveyResponses: 'Survey responses',
  surveyAttributedPct: 'Surveys attributed',
  csatResponses: 'CSAT responses',
  csatMean: 'CSAT mean',
  csatTopBoxPct: 'CSAT top box',
  npsResponses: 'NPS responses',
  promoterPct: 'Promoters',
  passivePct: 'Passives',
  detractorPct: 'Detractors',
  npsScore: 'NPS',
  consistencyResponses: 'Consistency responses',
  hotlineCases: 'HOTLINE cases',
  hotlineOpen: 'HOTLINE open',
  ackSecondsMedian: 'HOTLINE median time to acknowledge',
  closeSecondsMedian: 'HOTLINE median time to close',
  closeSecondsP90: 'HOTLINE p90 time to close',
  closedWithin48hPct: 'HOTLINE closed within 48 h',
};

export function kpiLabel(kpi: string): string {
  return (KPI_LABELS as Record<string, string | undefined>)[kpi] ?? kpi;
}

/**
 * Which way is better, for the "Target ≥ 90 %" caption only (colour always comes from the API).
 * The API may send the direction on the target cell; this is the spec's default when it does not.
 */
const LOWER_IS_BETTER = new Set(['abandonRatePct', 'ahtSeconds', 'shrinkagePct', 'asaSeconds', 'unplannedShrinkagePct']);
export function defaultDirection(kpi: string): TargetDirection {
  return LOWER_IS_BETTER.has(kpi) ? 'lower' : 'higher';
}

/**
 * Targets set per working day of their scope (libs/kpi PER_DAY_TARGET_KPIS): the API scales them
 * to the working days of the window asked for, so what is set and listed is a daily figure while
 * a tile shows the scaled value the API returns.
 */
export const PER_DAY_TARGET_KPIS: readonly string[] = ['handled'];

/** "per day" for a per-working-day target, else null: the unit of a target as it is set. */
export function targetBasis(kpi: string): string | null {
  return PER_DAY_TARGET_KPIS.includes(kpi) ? 'per day' : null;
}

/** A target as set (targets table, editor): "Target ≥ 400 per day" for a per-day one. */
export function formatTargetSetting(kpi: string, value: number | null | undefined, direction?: TargetDirection): string {
  const basis = value === null || value === undefined ? null : targetBasis(kpi);
  const text = formatTarget(kpi, value, direction);
  return basis ? `${text} ${basis}` : text;
}

export function formatTarget(kpi: string, value: number | null | undefined, direction?: TargetDirection): string {
  if (value === null || value === undefined) return 'No target';
  const dir = direction ?? defaultDirection(kpi);
  return `Target ${dir === 'lower' ? '≤' : '≥'} ${formatKpi(kpi, value)}`;
}
