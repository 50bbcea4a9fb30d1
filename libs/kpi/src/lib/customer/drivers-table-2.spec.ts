import type { SurveyResponse } from '@floorwatch/contracts';
import { survey } from '../../testing/fixtures';
import { computeDrivers } from './drivers';

/*
 * customer.md worked example (Table 2), csat on 1..7. q1..q5 sums 11, 17, 23, 29, 35, 20 →
 * consistency 100·(Σ − 5)/(5·6) = 20, 40, 60, 80, 100, 50.
 */
const ITEMS: SurveyResponse['items'][] = [
  [3, 2, 2, 2, 2], // 11
  [4, 4, 3, 3, 3], // 17
  [5, 5, 5, 4, 4], // 23
  [6, 6, 6, 6, 5], // 29
  [7, 7, 7, 7, 7], // 35
  [4, 4, 4, 4, 4], // 20
];
const PRODUCT = [6, 3, 5, 4, 6, 5];
const VALUE = [3, 4, 4, 5, 5, 2];
const CSAT = [2, 3, 5, 6, 7, 4];
const rows = (): SurveyResponse[] =>
  ITEMS.map((items, i) => survey(items, { csat: CSAT[i], productSat: PRODUCT[i], valueForMoney: VALUE[i], channelChain: i < 3 ? 'web>phone' : 'phone' }));

describe('drivers of satisfaction, Table 2 fixture (customer.md)', () => {
  const d = computeDrivers({ responses: rows(), outcome: 'csat' });
  const byName = Object.fromEntries(d.drivers.map((x) => [x.driver, x]));

  it('r: consistency 0.9913327, productSat 0.1371690, valueForMoney 0.6858449', () => {
    expect(byName['consistency'].r).toBeCloseTo(0.9913327, 7);
    expect(byName['productSat'].r).toBeCloseTo(0.137169, 7);
    expect(byName['valueForMoney'].r).toBeCloseTo(0.6858449, 7);
    expect(byName['consistency'].n).toBe(6);
  });

  it('modelN 6 < 10·k = 30 → betas null; ranks by r: consistency 1, valueForMoney 2, productSat 3', () => {
    expect(d.modelN).toBe(6);
    expect(d.drivers.map((x) => x.beta)).toEqual([null, null, null, null, null, null, null, null]);
    expect([byName['consistency'].rank, byName['productSat'].rank, byName['valueForMoney'].rank]).toEqual([1, 3, 2]);
    expect(d.drivers.map((x) => x.driver)).toEqual(['consistency', 'productSat', 'valueForMoney', 'q1', 'q2', 'q3', 'q4', 'q5']);
  });

  it('bands n 1, 3, 2; outcomeMean 16.6666667, 50, 91.6666667', () => {
    // csat item scores 100·(c−1)/6: [0,40): {16.67}; [40,70): {33.3, 66.7, 50}; [70,100]: {83.3, 100}
    expect(d.bands.map((b) => b.n)).toEqual([1, 3, 2]);
    expect(d.bands[0].outcomeMean).toBeCloseTo(16.6666667, 6);
    expect(d.bands[1].outcomeMean).toBeCloseTo(50, 10);
    expect(d.bands[2].outcomeMean).toBeCloseTo(91.6666667, 6);
    // top box on 1..7 = 6, 7: band 3 has csat 6 and 7 → 100 %; band 2 (3, 5, 4) → 0 %
    expect(d.bands.map((b) => b.topBoxPct)).toEqual([0, 0, 100]);
  });

  it('rows ×5 (modelN 30): betas 1.0038732, 0.0233505, −0.0213201 → ranks 1, 2, 3 in driver order', () => {
    const five = computeDrivers({ responses: [...rows(), ...rows(), ...rows(), ...rows(), ...rows()], outcome: 'csat' });
    expect(five.modelN).toBe(30);
    const [c, p, v] = five.drivers;
    expect(c.beta).toBeCloseTo(1.0038732, 6);
    expect(p.beta).toBeCloseTo(0.0233505, 6);
    expect(v.beta).toBeCloseTo(-0.0213201, 6);
    expect([c.rank, p.rank, v.rank]).toEqual([1, 2, 3]);
    expect(five.drivers.slice(3).every((x) => x.beta === null)).toBe(true);
  });

  it('--by channelChain: gap to the best chain among chains with ≥ minResponses', () => {
    // web>phone: 20, 40, 60 → 40; phone: 80, 100, 50 → 76.67; minResponses 3 → gap 36.67 and 0
    const g = computeDrivers({ responses: rows(), outcome: 'csat', by: 'channelChain', minResponses: 3 }).groups ?? [];
    expect(g.map((x) => [x.key, x.consistencyResponses])).toEqual([['phone', 3], ['web>phone', 3]]);
    expect(g[0].consistencyGapPts).toBe(0);
    expect(g[1].consistencyGapPts).toBeCloseTo(230 / 3 - 40, 10);
    const small = computeDrivers({ responses: rows(), outcome: 'csat', by: 'channelChain' }).groups ?? [];
    expect(small.map((x) => x.consistencyGapPts)).toEqual([null, null]);
  });

  it('nps outcome: bands report npsScore, values nps × 10', () => {
    const nps = computeDrivers({ responses: rows().map((s, i) => ({ ...s, nps: [2, 5, 7, 9, 10, 8][i] })), outcome: 'nps' });
    // band 3: 9, 10 → promoters 2/2 → 100; band 1: 2 → detractor → −100
    expect(nps.bands.map((b) => b.npsScore)).toEqual([-100, -100 / 3, 100]);
  });
});
