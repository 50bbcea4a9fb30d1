import { computeKpis } from '../compute-kpis';
import { input, query, survey } from '../../testing/fixtures';
import { isTopBox, surveySampleOf } from './survey-kpis';

describe('customer.md worked example: 10 responses on 1..7, top box 60 / NPS 20', () => {
  const csat = [7, 7, 6, 5, 4, 7, 6, 3, 1, 7];
  const nps = [10, 9, 9, 8, 7, 6, 5, 10, 3, 9];
  const surveys = csat.map((c, i) =>
    survey([null, null, null, null, null], { csat: c, nps: nps[i], respondedAt: Date.parse('2024-05-01T10:00:00Z') + i * 60_000 }),
  );
  const [all] = computeKpis(input({ surveys }), query('2024-05-01T00:00:00Z', '2024-05-02T00:00:00Z'));

  it('csatTopBoxPct 60: top box on 1..7 is 100·(v−1) ≥ 75·6 = 450 → v ≥ 5.5 → 6 and 7 (6 of 10)', () => {
    expect(all.kpis.csatResponses).toBe(10);
    expect(all.kpis.csatTopBoxPct).toBe(60);
  });

  it('csatMean 71.6666667 = mean of 100·(v−1)/6 = 100·43/60', () => {
    // (6+6+5+4+3+6+5+2+0+6) = 43 → 100 × 43 / (6 × 10)
    expect(all.kpis.csatMean).toBeCloseTo(71.6666667, 6);
  });

  it('promoters 50, passives 20, detractors 30, npsScore 20 points', () => {
    // ≥ 9: 10,9,9,10,9 = 5; 7–8: 8,7 = 2; < 7: 6,5,3 = 3
    expect(all.kpis.npsResponses).toBe(10);
    expect(all.kpis.promoterPct).toBe(50);
    expect(all.kpis.passivePct).toBe(20);
    expect(all.kpis.detractorPct).toBe(30);
    expect(all.kpis.npsScore).toBe(20);
  });

  it('n = 10 < minResponses 30 for csat and NPS KPIs (the status rule reads these)', () => {
    expect(surveySampleOf('csatTopBoxPct', all.kpis)).toBe(10);
    expect(surveySampleOf('npsScore', all.kpis)).toBe(10);
    // none of the responses answered ≥ 3 consistency items
    expect(surveySampleOf('consistencyIndex', all.kpis)).toBe(0);
    expect(all.kpis.surveyResponses).toBe(10);
    expect(all.kpis.surveyAttributedPct).toBe(0);
  });

  it('top box on other scales: 1..5 → 4–5, 0..10 → 8–10 (exact, no float rounding)', () => {
    expect([1, 2, 3, 4, 5].filter((v) => isTopBox(v, 1, 5))).toEqual([4, 5]);
    expect([...Array(11).keys()].filter((v) => isTopBox(v, 0, 10))).toEqual([8, 9, 10]);
    expect([1, 2, 3, 4, 5, 6, 7].filter((v) => isTopBox(v, 1, 7))).toEqual([6, 7]);
  });
});
