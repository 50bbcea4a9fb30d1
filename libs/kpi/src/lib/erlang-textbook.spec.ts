import { erlangB, erlangC, requiredAgentsErlang, serviceLevel, trafficIntensity } from './erlang';

/** Textbook Erlang C with factorials, only usable for small N: the independent cross-check. */
function erlangCByFactorials(n: number, a: number): number {
  let fact = 1;
  let sum = 0;
  for (let k = 0; k < n; k++) {
    if (k > 0) fact *= k;
    sum += a ** k / fact;
  }
  const top = (a ** n / (fact * n)) * (n / (n - a));
  return top / (sum + top);
}

describe('Erlang C: 100 calls in 30 minutes, AHT 180 s, target 80% in 20 s', () => {
  // A = 100 × 180 / 1800 = 10 Erlangs (the interval is 30 minutes = 1 800 s)
  const a = trafficIntensity(100, 180, 1800);

  it('traffic is 10 Erlangs, and 50 calls per 15 minutes is the same traffic', () => {
    expect(a).toBe(10);
    expect(trafficIntensity(50, 180, 900)).toBe(10);
  });

  it('P(wait) matches the factorial formula (the published 11-agent figure 68.2%)', () => {
    for (const n of [11, 12, 13, 14, 20]) expect(erlangC(n, a)).toBeCloseTo(erlangCByFactorials(n, a), 12);
    expect(erlangC(11, a)).toBeCloseTo(0.6821, 4);
    // SL(11) = 1 − 0.6821 × e^(−(11 − 10) × 20 / 180) = 1 − 0.6821 × 0.8948 = 0.3896
    expect(serviceLevel(11, a, 20, 180)).toBeCloseTo(1 - 0.682118 * Math.exp(-20 / 180), 5);
  });

  it('13 agents give 79.6% (just short), so 14 agents are needed (88.8%)', () => {
    // SL(13) = 1 − 0.28527 × e^(−3 × 20 / 180) = 1 − 0.28527 × 0.71653 = 0.79559
    expect(serviceLevel(13, a, 20, 180)).toBeCloseTo(1 - 0.285270 * Math.exp(-60 / 180), 5);
    expect(serviceLevel(13, a, 20, 180)).toBeLessThan(0.8);
    // SL(14) = 1 − 0.17413 × e^(−4 × 20 / 180) = 0.88835
    expect(serviceLevel(14, a, 20, 180)).toBeCloseTo(0.88835, 5);
    expect(requiredAgentsErlang(100, 180, 80, 20, 1800)).toBe(14);
    expect(requiredAgentsErlang(50, 180, 80, 20)).toBe(14);
  });

  it('at N ≤ A every caller waits and nobody meets the target', () => {
    expect(erlangC(10, 10)).toBe(1);
    expect(serviceLevel(9, 10, 20, 180)).toBe(0);
    expect(requiredAgentsErlang(0, 180, 80, 20)).toBe(0);
  });

  it('stays finite for 2 000+ agents (A = 20 000 × 180 / 900 = 4 000 Erlangs)', () => {
    const big = trafficIntensity(20_000, 180, 900);
    expect(big).toBe(4000);
    const n = requiredAgentsErlang(20_000, 180, 80, 20);
    expect(Number.isInteger(n)).toBe(true);
    expect(n).toBeGreaterThan(4000);
    expect(n).toBeLessThan(4100);
    for (const k of [2000, 2500, 4001, n, 5000]) {
      for (const v of [erlangB(k, big), erlangC(k, big), serviceLevel(k, big, 20, 180)]) {
        expect(Number.isFinite(v)).toBe(true);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
    }
    expect(serviceLevel(n, big, 20, 180)).toBeGreaterThanOrEqual(0.8);
    expect(serviceLevel(n - 1, big, 20, 180)).toBeLessThan(0.8);
  });

  it('rejects impossible input with a clear message', () => {
    expect(() => erlangC(2.5, 1)).toThrow(/whole number/);
    expect(() => requiredAgentsErlang(10, 180, 100, 20)).toThrow(/SL target/);
  });
});
