import type { KpiRowWithTargets } from '@floorwatch/contracts';
import { statusBarOption } from './chart-options';

/** Issue 20 item 7: a name from a feed cannot inject markup into a chart tooltip. */
describe('chart tooltips escape names', () => {
  it('renders an agent called <img onerror> as text', () => {
    const row = { key: 'a1', kpis: { ahtSeconds: 300 }, targets: {} } as unknown as KpiRowWithTargets;
    const option = statusBarOption([row], 'ahtSeconds', () => '<img src=x onerror=alert(1)> & "Bob"');
    const tooltip = option['tooltip'] as { formatter: (p: { dataIndex: number }[]) => string };
    const html = tooltip.formatter([{ dataIndex: 0 }]);
    expect(html.startsWith('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Bob&quot;<br/><b>')).toBe(true);
    expect(html).not.toContain('<img');
  });
});
