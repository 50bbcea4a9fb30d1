import { dailyBenefit, differenceInDifferences, paybackDays, pooled, trainingCost } from './activity-effect';

describe('course: 10 agents × 4 h, AHT 420 → 360 against control 330 → 320', () => {
  it('costs 1 250: 144 000 s / 3 600 × 31.25', () => {
    const paid = 10 * 4 * 3600;
    expect(paid).toBe(144_000);
    expect(trainingCost(paid)).toBe(1250);
  });

  it('did = (360 − 420) − (320 − 330) = −60 + 10 = −50; benefit 50 × 500 × 31.25 / 3600; payback 5.76 days', () => {
    // Pooled AHT: each trainee 250 contacts before at 420 s, 500 after at 360 s (Σ 5 000 after).
    const before = pooled(Array.from({ length: 10 }, () => ({ numerator: 250 * 420, denominator: 250, contacts: 250 })));
    const after = pooled(Array.from({ length: 10 }, () => ({ numerator: 500 * 360, denominator: 500, contacts: 500 })));
    const r = differenceInDifferences(before, after, 330, 320);
    expect(r.delta).toBe(-60);
    expect(r.did).toBe(-50);
    const benefit = dailyBenefit(r.did, 5000, 10);
    expect(benefit).toBeCloseTo(217.0138888, 6); // 50 × 500 × 31.25 / 3 600
    expect(paybackDays(1250, benefit)).toBeCloseTo(5.76, 10); // 1 250 / 217.013 888…
  });

  it('no control → did null → no benefit or payback; a worse AHT → payback null', () => {
    expect(differenceInDifferences(420, 360, null, 320).did).toBeNull();
    expect(paybackDays(1250, dailyBenefit(null, 5000))).toBeNull();
    expect(paybackDays(1250, dailyBenefit(+10, 5000))).toBeNull();
  });

  it('a contact side under 30 handled is null (29 contacts), 30 counts', () => {
    expect(pooled([{ numerator: 29 * 400, denominator: 29, contacts: 29 }])).toBeNull();
    expect(pooled([{ numerator: 30 * 400, denominator: 30, contacts: 30 }])).toBe(400);
  });
});
