import type { KpiName, SurveyResponse } from '@floorwatch/contracts';
import type { KpiComponents } from '../components';

/** Additive survey components this room adds to KpiComponents (customer.md "KPIs"). */
export const CUSTOMER_COMPONENTS = [
  'surveyCount', 'surveyAttributed', 'csatCount', 'csatScoreSum', 'csatTopBox', 'npsCount',
  'npsPromoters', 'npsPassives', 'npsDetractors',
] as const;

export const DEFAULT_TOP_BOX_MIN_SCORE = 75;
export const DEFAULT_MIN_RESPONSES = 30;

/** Top box ⇔ 100 × (v − min) ≥ topBoxMinScore × (max − min), in exact (integer) arithmetic. */
export function isTopBox(v: number, scaleMin: number, scaleMax: number, topBoxMinScore = DEFAULT_TOP_BOX_MIN_SCORE): boolean {
  return 100 * (v - scaleMin) >= topBoxMinScore * (scaleMax - scaleMin);
}

export type NpsClass = 'promoter' | 'passive' | 'detractor';
export const npsClass = (nps: number): NpsClass => (nps >= 9 ? 'promoter' : nps >= 7 ? 'passive' : 'detractor');

/** Adds one response's customer-outcome components (its consistency parts are addSurveyInto's). */
export function addCustomerSurveyInto(t: KpiComponents, s: SurveyResponse, topBoxMinScore = DEFAULT_TOP_BOX_MIN_SCORE): void {
  t.surveyCount += 1;
  if (s.attribution) t.surveyAttributed += 1;
  if (s.csat !== null) {
    if (s.csat < s.scaleMin || s.csat > s.scaleMax) {
      throw new RangeError(`survey csat ${s.csat} is outside its declared scale ${s.scaleMin}..${s.scaleMax}`);
    }
    t.csatCount += 1;
    t.csatScoreSum += (100 * (s.csat - s.scaleMin)) / (s.scaleMax - s.scaleMin);
    if (isTopBox(s.csat, s.scaleMin, s.scaleMax, topBoxMinScore)) t.csatTopBox += 1;
  }
  if (s.nps !== null) {
    t.npsCount += 1;
    const k = npsClass(s.nps);
    if (k === 'promoter') t.npsPromoters += 1;
    else if (k === 'passive') t.npsPassives += 1;
    else t.npsDetractors += 1;
  }
}

const pct = (num: number, den: number): number | null => (den > 0 ? (100 * num) / den : null);

export type CustomerKpiName =
  | 'surveyResponses' | 'surveyAttributedPct' | 'csatResponses' | 'csatMean' | 'csatTopBoxPct' | 'npsResponses'
  | 'promoterPct' | 'passivePct' | 'detractorPct' | 'npsScore' | 'consistencyResponses'
  | 'hotlineCases' | 'hotlineOpen' | 'ackSecondsMedian' | 'closeSecondsMedian' | 'closeSecondsP90' | 'closedWithin48hPct';

export function finaliseCustomerKpis(c: KpiComponents): Record<CustomerKpiName & KpiName, number | null> {
  const promoter = pct(c.npsPromoters, c.npsCount);
  const detractor = pct(c.npsDetractors, c.npsCount);
  return {
    surveyResponses: c.surveyCount,
    surveyAttributedPct: pct(c.surveyAttributed, c.surveyCount),
    csatResponses: c.csatCount,
    csatMean: c.csatCount > 0 ? c.csatScoreSum / c.csatCount : null,
    csatTopBoxPct: pct(c.csatTopBox, c.csatCount),
    npsResponses: c.npsCount,
    promoterPct: promoter,
    passivePct: pct(c.npsPassives, c.npsCount),
    detractorPct: detractor,
    npsScore: promoter === null || detractor === null ? null : promoter - detractor,
    consistencyResponses: c.responses,
    // Cases are not records of KpiInput: the API fills these from its hotline_cases (null = no case).
    hotlineCases: null,
    hotlineOpen: null,
    ackSecondsMedian: null,
    closeSecondsMedian: null,
    closeSecondsP90: null,
    closedWithin48hPct: null,
  };
}

/**
 * Minimum sample (customer.md): the responses behind each survey KPI; a KPI with n below
 * minResponses gets status `none` whatever its target says. qNIndex uses the item's answer count.
 */
export function surveySampleOf(kpi: KpiName, kpis: Record<KpiName, number | null>, itemAnswered?: readonly number[]): number | null {
  switch (kpi) {
    case 'csatMean': case 'csatTopBoxPct': return kpis.csatResponses;
    case 'promoterPct': case 'passivePct': case 'detractorPct': case 'npsScore': return kpis.npsResponses;
    case 'consistencyIndex': return kpis.consistencyResponses;
    case 'q1Index': case 'q2Index': case 'q3Index': case 'q4Index': case 'q5Index':
      return itemAnswered ? itemAnswered[Number(kpi[1]) - 1] ?? null : null;
    default: return null;
  }
}
