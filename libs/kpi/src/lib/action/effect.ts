import type { TargetDirection } from '@floorwatch/contracts';

/** Corrective-action effect (action.md "Effect"): the KPI before and after the action takes effect. */

export const DEFAULT_EFFECT_SECONDS = 604_800;
const QUARTER_MS = 900_000;

export interface EffectWindows {
  /** effectiveAt floored to the quarter hour. */
  a: number;
  before: { from: number; to: number };
  after: { from: number; to: number };
}

export function effectWindows(effectiveAt: number, effectSeconds = DEFAULT_EFFECT_SECONDS): EffectWindows {
  if (!(effectSeconds > 0) || effectSeconds % 900 !== 0) {
    throw new RangeError(`effectSeconds must be a positive multiple of 900, got ${effectSeconds}`);
  }
  const a = Math.floor(effectiveAt / QUARTER_MS) * QUARTER_MS;
  const l = effectSeconds * 1000;
  return { a, before: { from: a - l, to: a }, after: { from: a, to: a + l } };
}

export type EffectStatus = 'pending' | 'complete';

export interface ActionEffect {
  before: number | null;
  after: number | null;
  delta: number | null;
  improved: boolean | null;
  effectStatus: EffectStatus;
}

/**
 * `improved` = delta in the target's direction; without a target, away from the rule's breach
 * (`breachDirection`: the side the condition fires on); else null. Pending while asOf < a + L, or
 * (fcrPct) while the after window still has contacts whose FCR is pending.
 */
export function actionEffect(input: {
  before: number | null;
  after: number | null;
  windows: EffectWindows;
  asOf: number;
  direction?: TargetDirection | null;
  breachDirection?: 'below' | 'above' | null;
  fcrPendingAfter?: number;
}): ActionEffect {
  const pending = input.asOf < input.windows.after.to || (input.fcrPendingAfter ?? 0) > 0;
  if (pending) return { before: input.before, after: null, delta: null, improved: null, effectStatus: 'pending' };
  const delta = input.before === null || input.after === null ? null : input.after - input.before;
  let improved: boolean | null = null;
  if (delta !== null) {
    if (input.direction) improved = input.direction === 'higher' ? delta > 0 : delta < 0;
    else if (input.breachDirection) improved = input.breachDirection === 'below' ? delta > 0 : delta < 0;
  }
  return { before: input.before, after: input.after, delta, improved, effectStatus: 'complete' };
}

/**
 * adherenceAdjustedPct = 100 × (inAdherence + approvedException) / scheduled; adherencePct itself
 * is not touched. approvedExceptionSeconds = scheduled seconds out of adherence inside approved
 * exceptions (the caller clips them).
 */
export function adherenceAdjustedPct(scheduledSeconds: number, inAdherenceSeconds: number, approvedExceptionSeconds: number): number | null {
  if (!(scheduledSeconds > 0)) return null;
  return (100 * Math.min(scheduledSeconds, inAdherenceSeconds + approvedExceptionSeconds)) / scheduledSeconds;
}
