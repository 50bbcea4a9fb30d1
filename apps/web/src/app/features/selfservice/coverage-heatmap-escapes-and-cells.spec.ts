import type { KpiRowWithTargets } from '@floorwatch/contracts';
import { coverageGrid, coverageHeatmapOption, coverageTooltip } from './coverage-heatmap-option';

const row = (key: string, kpis: Record<string, number | null>): KpiRowWithTargets => ({ key, kpis: kpis as KpiRowWithTargets['kpis'], targets: {} as KpiRowWithTargets['targets'] });

describe('coverage heat map (reason × channel, selfservice.md §4 --by coverage)', () => {
  const rows = [
    row('lon-billing|voice', { handled: 120, ahtSeconds: 290.4, ivrOffered: null, ivrSeconds: null }),
    row('lon-billing|ivr', { handled: 0, ahtSeconds: null, ivrOffered: 300, ivrSeconds: 95.5 }),
    row('a|b|chat', { handled: 7, ahtSeconds: 330, ivrOffered: null, ivrSeconds: null }),
    row('lon-sales|email', { handled: 0, ahtSeconds: null, ivrOffered: null, ivrSeconds: null }),
    row('(none)', { handled: 5, ahtSeconds: 100 }),
  ];

  it('cells: contacts handled + AHT, sessions + mean session time; channel after the last "|"; empty cells and keyless rows left out', () => {
    const g = coverageGrid(rows);
    // lon-billing: 120 + 300 = 420 in all, before a|b (7).
    expect(g.reasons).toEqual(['lon-billing', 'a|b']);
    expect(g.channels).toEqual(['ivr', 'voice', 'chat']);
    expect(g.cells).toEqual([
      { reason: 'lon-billing', channel: 'voice', volume: 120, seconds: 290.4, selfService: false },
      { reason: 'lon-billing', channel: 'ivr', volume: 300, seconds: 95.5, selfService: true },
      { reason: 'a|b', channel: 'chat', volume: 7, seconds: 330, selfService: false },
    ]);
  });

  it('series data are [channel index, reason index, value]; AHT rounds to whole seconds; the visual map spans the values', () => {
    const g = coverageGrid(rows);
    const volume = coverageHeatmapOption(g, 'volume') as { series: { data: { value: unknown[] }[] }[]; visualMap: { min: number; max: number } };
    expect(volume.series[0].data.map((d) => d.value)).toEqual([[1, 0, 120], [0, 0, 300], [2, 1, 7]]);
    expect([volume.visualMap.min, volume.visualMap.max]).toEqual([7, 300]);
    const aht = coverageHeatmapOption(g, 'aht') as { series: { data: { value: unknown[] }[] }[] };
    // 290.4 → 290, 95.5 → 96, 330.
    expect(aht.series[0].data.map((d) => d.value[2])).toEqual([290, 96, 330]);
  });

  it('tooltip escapes feed-supplied reason and channel names', () => {
    const [cell] = coverageGrid([row('<img src=x onerror=alert(1)>|voice', { handled: 3, ahtSeconds: 60 })]).cells;
    const html = coverageTooltip(cell);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
