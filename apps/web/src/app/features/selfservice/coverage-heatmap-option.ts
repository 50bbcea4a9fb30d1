import type { KpiRowWithTargets } from '@floorwatch/contracts';
// echarts.format.encodeHTML (re-exported from zrender), as in shared/chart-options.ts.
import { encodeHTML } from 'zrender/lib/core/dom.js';
import type { ChartOption } from '../../shared/chart-options';
import { formatNumber } from '../../shared/format';

export type CoverageMetric = 'volume' | 'aht';

export interface CoverageCell {
  reason: string;
  channel: string;
  /** Contacts handled, or self-service sessions for the ivr / chatbot channels. */
  volume: number;
  /** Seconds: AHT of handled contacts, mean session time for self-service channels; null when none. */
  seconds: number | null;
  selfService: boolean;
}

export interface CoverageGrid {
  reasons: string[];
  channels: string[];
  cells: CoverageCell[];
}

const SELF_SERVICE_CHANNELS = new Set(['ivr', 'web', 'app', 'chatbot']);

/**
 * selfservice.md §4 coverage map rows (`--by coverage`, key `<reason>|<channel>`) as a grid. The
 * reason may itself hold a `|` (feeds name call types freely), so the channel is after the last one.
 * Cells with no volume are left out; reasons by total volume, channels in a stable order.
 */
export function coverageGrid(rows: readonly KpiRowWithTargets[] | undefined): CoverageGrid {
  const cells: CoverageCell[] = [];
  for (const r of rows ?? []) {
    const cut = r.key.lastIndexOf('|');
    if (cut <= 0) continue;
    const reason = r.key.slice(0, cut);
    const channel = r.key.slice(cut + 1);
    const k = r.kpis as Record<string, number | null | undefined>;
    const selfService = SELF_SERVICE_CHANNELS.has(channel);
    const volume = (selfService ? k['ivrOffered'] : k['handled']) ?? 0;
    if (volume <= 0) continue;
    cells.push({ reason, channel, volume, seconds: (selfService ? k['ivrSeconds'] : k['ahtSeconds']) ?? null, selfService });
  }
  const total = new Map<string, number>();
  for (const c of cells) total.set(c.reason, (total.get(c.reason) ?? 0) + c.volume);
  const reasons = [...total.keys()].sort((a, b) => (total.get(b) as number) - (total.get(a) as number) || (a < b ? -1 : 1));
  const order = ['ivr', 'chatbot', 'web', 'app', 'voice', 'chat', 'email', 'messaging', 'social', 'video', 'backoffice'];
  const rank = (ch: string): number => (order.indexOf(ch) === -1 ? order.length : order.indexOf(ch));
  const channels = [...new Set(cells.map((c) => c.channel))].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
  return { reasons, channels, cells };
}

/** The tooltip of one cell; every name is escaped (the tooltip renders HTML). */
export function coverageTooltip(c: CoverageCell): string {
  const count = `${formatNumber(c.volume, 'count')} ${c.selfService ? 'sessions' : 'contacts handled'}`;
  const time = `${c.selfService ? 'Mean session' : 'AHT'}: ${c.seconds === null ? '—' : formatNumber(c.seconds, 'seconds')}`;
  return `${encodeHTML(c.reason)} · ${encodeHTML(c.channel)}<br/><b>${encodeHTML(count)}</b><br/>${encodeHTML(time)}`;
}

/** Heat map: reasons down, channels across, colour = volume or seconds (a continuous visual map). */
export function coverageHeatmapOption(grid: CoverageGrid, metric: CoverageMetric): ChartOption {
  const valueOf = (c: CoverageCell): number | null => (metric === 'volume' ? c.volume : c.seconds === null ? null : Math.round(c.seconds));
  const values = grid.cells.map(valueOf).filter((v): v is number => v !== null);
  const data = grid.cells.map((c) => ({ value: [grid.channels.indexOf(c.channel), grid.reasons.indexOf(c.reason), valueOf(c) ?? '-'], cell: c }));
  return {
    textStyle: { fontFamily: 'Inter, Segoe UI, system-ui, sans-serif', color: '#1e293b' },
    grid: { left: 8, right: 16, top: 8, bottom: 56, containLabel: true },
    tooltip: { formatter: (p: { data?: { cell?: CoverageCell } }) => (p.data?.cell ? coverageTooltip(p.data.cell) : '') },
    xAxis: { type: 'category', data: grid.channels, splitArea: { show: true }, axisLabel: { color: '#64748b' } },
    yAxis: { type: 'category', data: grid.reasons, splitArea: { show: true }, axisLabel: { color: '#64748b', width: 140, overflow: 'truncate' } },
    visualMap: {
      min: values.length ? Math.min(...values) : 0,
      max: values.length ? Math.max(...values) : 1,
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      text: [metric === 'volume' ? 'more' : 'longer', metric === 'volume' ? 'fewer' : 'shorter'],
      inRange: { color: ['#eef4fc', '#8fb3e8', '#2456a6'] },
    },
    series: [
      {
        type: 'heatmap',
        name: metric === 'volume' ? 'Volume' : 'Seconds',
        data,
        label: { show: grid.cells.length <= 60, fontSize: 10, formatter: (p: { data: { value: [number, number, number | string] } }) => String(p.data.value[2]) },
        emphasis: { itemStyle: { borderColor: '#1e293b', borderWidth: 1 } },
      },
    ],
  };
}
