/** The agent's bonus tracker (action.md "Bonus tracker"): what adherence the rest of the period needs. */

export type BonusStatus = 'secured' | 'onTrack' | 'atRisk' | 'unreachable' | 'met' | 'missed';

export interface BonusInput {
  /** Target adherencePct. */
  target: number;
  /** Scheduled and in-adherence seconds in [periodStart, asOf). */
  scheduledSoFar: number;
  inAdherenceSoFar: number;
  /** Adherence-counting seconds of the published schedule in [asOf, periodEnd). */
  scheduledRest: number;
}

export interface BonusResult {
  periodToDate: number | null;
  requiredRestPct: number | null;
  bonusStatus: BonusStatus;
}

export function bonusTracker(i: BonusInput): BonusResult {
  const sd = i.scheduledSoFar;
  const ad = i.inAdherenceSoFar;
  const sr = i.scheduledRest;
  const periodToDate = sd > 0 ? (100 * ad) / sd : null;
  if (!(sr > 0)) {
    const met = periodToDate !== null ? periodToDate >= i.target : true;
    return { periodToDate, requiredRestPct: null, bonusStatus: met ? 'met' : 'missed' };
  }
  const r = (100 * ((i.target / 100) * (sd + sr) - ad)) / sr;
  let bonusStatus: BonusStatus;
  if (r <= 0) bonusStatus = 'secured';
  else if (r <= (periodToDate ?? i.target)) bonusStatus = 'onTrack';
  else if (r <= 100) bonusStatus = 'atRisk';
  else bonusStatus = 'unreachable';
  return { periodToDate, requiredRestPct: r, bonusStatus };
}
