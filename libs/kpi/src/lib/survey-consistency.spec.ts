import { computeKpis } from './compute-kpis';
import { input, query, survey } from '../testing/fixtures';

describe('customer-perceived consistency index', () => {
  // scale 1..7: item score = 100 × (v − 1) / 6
  const surveys = [
    survey([7, 7, 4, 1, null]), // 100, 100, 50, 0 → mean 62.5
    survey([4, 4, 4, null, null], { mainChannel: 'web', channelChain: 'web>store' }), // 50 ×3 → 50
    survey([5, null, null, 3, null]), // 2 items → excluded
    survey([10, 10, 0, null, null], { scaleMin: 0, scaleMax: 10, mainChannel: 'web', channelChain: 'web>store' }), // 100, 100, 0 → 66.67
  ];
  const q = query('2024-05-01T00:00:00Z', '2024-05-02T00:00:00Z');

  it('index = mean of response scores (62.5 + 50 + 66.67) / 3; one response excluded', () => {
    const [all] = computeKpis(input({ surveys }), q);
    expect(all.kpis.consistencyIndex).toBeCloseTo((62.5 + 50 + 200 / 3) / 3, 10);
    expect(all.kpis.consistencyExcluded).toBe(1);
    expect(all.kpis.q1Index).toBeCloseTo((100 + 50 + 100) / 3, 10);
    expect(all.kpis.q3Index).toBeCloseTo((50 + 50 + 0) / 3, 10);
    expect(all.kpis.q4Index).toBe(0);
    expect(all.kpis.q5Index).toBeNull();
  });

  it('groups by mainChannel and channelChain', () => {
    const byMain = computeKpis(input({ surveys }), { ...q, by: 'mainChannel' });
    expect(byMain.map((r) => [r.key, r.kpis.consistencyIndex])).toEqual([['phone', 62.5], ['web', (50 + 200 / 3) / 2]]);
    const byChain = computeKpis(input({ surveys }), { ...q, by: 'channelChain' });
    expect(byChain.map((r) => r.key)).toEqual(['web>phone', 'web>store']);
  });

  it('counts only at enterprise scope', () => {
    const [site] = computeKpis(input({ surveys }), { ...q, scope: { kind: 'site', id: 'lon' } });
    expect(site.kpis.consistencyIndex).toBeNull();
    expect(site.kpis.consistencyExcluded).toBe(0);
  });

  it('rejects an answer off its declared scale, naming it', () => {
    expect(() => computeKpis(input({ surveys: [survey([8, 1, 1, null, null])] }), q)).toThrow(/answer 8 is outside its declared scale 1\.\.7/);
  });
});
