import type { SurveyResponse } from '@floorwatch/contracts';
import type { KpiComponents } from './components';
import { emptyComponents, ITEM_COUNT_KEYS, ITEM_SUM_KEYS } from './components';

export const MIN_ANSWERED_ITEMS = 3;

/** 100 × (v − min) / (max − min); throws on a value off the declared scale. */
export function itemScore(v: number, scaleMin: number, scaleMax: number): number {
  if (!(scaleMax > scaleMin)) throw new RangeError(`survey scale ${scaleMin}..${scaleMax} is empty`);
  if (!Number.isFinite(v) || v < scaleMin || v > scaleMax) {
    throw new RangeError(`survey answer ${v} is outside its declared scale ${scaleMin}..${scaleMax}`);
  }
  return (100 * (v - scaleMin)) / (scaleMax - scaleMin);
}

/**
 * Consistency components of one response. A response with fewer than 3 answered items is only
 * counted as excluded; per-item indexes use the included responses only.
 */
export function addSurveyInto(t: KpiComponents, s: SurveyResponse): void {
  const scores: (number | null)[] = s.items.map((v) => {
    if (v === null) return null;
    try {
      return itemScore(v, s.scaleMin, s.scaleMax);
    } catch (e) {
      const when = new Date(s.respondedAt).toISOString();
      throw new RangeError(`survey response at ${when} (${s.customerKey ?? 'no customer'}): ${(e as Error).message}`);
    }
  });
  const answered = scores.filter((x): x is number => x !== null);
  if (answered.length < MIN_ANSWERED_ITEMS) {
    t.consistencyExcluded += 1;
    return;
  }
  t.responses += 1;
  t.consistencyScoreSum += answered.reduce((a, b) => a + b, 0) / answered.length;
  scores.forEach((score, i) => {
    if (score === null) return;
    t[ITEM_SUM_KEYS[i]] += score;
    t[ITEM_COUNT_KEYS[i]] += 1;
  });
}

export function surveyComponents(s: SurveyResponse): KpiComponents {
  const t = emptyComponents();
  addSurveyInto(t, s);
  return t;
}
