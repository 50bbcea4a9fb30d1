import { bonusTracker } from './bonus';
import { adherenceAdjustedPct } from './effect';

const h = 3600;

describe('bonus: target 90, 400 h scheduled so far, 352 h in adherence (88 %)', () => {
  const base = { target: 90, scheduledSoFar: 400 * h, inAdherenceSoFar: 352 * h };

  it('100 h left: 100 × (0.9 × 500 − 352) / 100 = 98 → atRisk', () => {
    const r = bonusTracker({ ...base, scheduledRest: 100 * h });
    expect(r.periodToDate).toBe(88);
    expect(r.requiredRestPct).toBeCloseTo(98, 10);
    expect(r.bonusStatus).toBe('atRisk');
  });

  it('80 h left: (432 − 352) / 80 = 100 → atRisk (exactly reachable)', () => {
    const r = bonusTracker({ ...base, scheduledRest: 80 * h });
    expect(r.requiredRestPct).toBeCloseTo(100, 10);
    expect(r.bonusStatus).toBe('atRisk');
  });

  it('70 h left: (423 − 352) / 70 = 101.428 571… → unreachable', () => {
    const r = bonusTracker({ ...base, scheduledRest: 70 * h });
    expect(r.requiredRestPct).toBeCloseTo(101.428571, 5);
    expect(r.bonusStatus).toBe('unreachable');
  });

  it('secured (r ≤ 0), onTrack (r ≤ to date), met/missed with nothing left, T when nothing so far', () => {
    expect(bonusTracker({ target: 90, scheduledSoFar: 400 * h, inAdherenceSoFar: 395 * h, scheduledRest: 10 * h }).bonusStatus).toBe('secured');
    expect(bonusTracker({ target: 90, scheduledSoFar: 400 * h, inAdherenceSoFar: 380 * h, scheduledRest: 100 * h }).bonusStatus).toBe('onTrack'); // r 70 ≤ 95
    expect(bonusTracker({ ...base, scheduledRest: 0 })).toEqual({ periodToDate: 88, requiredRestPct: null, bonusStatus: 'missed' });
    expect(bonusTracker({ target: 90, scheduledSoFar: 0, inAdherenceSoFar: 0, scheduledRest: 100 * h }).bonusStatus).toBe('onTrack'); // r 90 ≤ T
  });
});

describe('adherence exception: 28 800 s scheduled, 1 200 s out of adherence approved', () => {
  it('adherencePct 95.833… stays; adherenceAdjustedPct = 100 × (27 600 + 1 200) / 28 800 = 100', () => {
    expect((100 * 27_600) / 28_800).toBeCloseTo(95.8333, 4);
    expect(adherenceAdjustedPct(28_800, 27_600, 1_200)).toBe(100);
    expect(adherenceAdjustedPct(0, 0, 0)).toBeNull();
  });
});
