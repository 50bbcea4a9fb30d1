import type { KpiRowWithTargets } from '@floorwatch/contracts';
import type { ChartOption } from '../../shared/chart-options';

export interface HourAdherence {
  key: string;
  label: string;
  scheduledMinutes: number;
  outMinutes: number;
  pct: number | null;
}

/**
 * Minutes out of adherence per hour, beside scheduled minutes and the %: a percentage of the hour
 * makes a half-hour with 3 minutes early log-out look worse than a full hour with 5 minutes late
 * from lunch; minutes point at the hour where the time is lost.
 */
export function hourAdherence(rows: readonly KpiRowWithTargets[], label: (key: string) => string): HourAdherence[] {
  return rows
    .map((r) => {
      const k = r.kpis as Record<string, number | null>;
      const scheduled = k['scheduledSeconds'] ?? 0;
      const inAdh = k['inAdherenceSeconds'] ?? 0;
      return { key: r.key, label: label(r.key), scheduledMinutes: scheduled / 60, outMinutes: Math.max(0, scheduled - inAdh) / 60, pct: k['adherencePct'] ?? null };
    })
    .filter((h) => h.scheduledMinutes > 0);
}

/** Bars of minutes out per hour; the worst hour red, the ones within a minute of it amber. */
export function outOfAdherenceOption(hours: readonly HourAdherence[]): ChartOption {
  const worst = Math.max(0, ...hours.map((h) => h.outMinutes));
  const colour = (m: number) => (m >= worst && m >= 1 ? '#c0392b' : m >= worst - 1 && m >= 1 ? '#d68910' : '#5b8bd6');
  return {
    textStyle: { fontFamily: 'Inter, Segoe UI, system-ui, sans-serif', color: '#1e293b' },
    grid: { left: 48, right: 16, top: 24, bottom: 40, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: { dataIndex: number }[]) => {
        const h = hours[params[0]?.dataIndex ?? -1];
        if (!h) return '';
        const pct = h.pct === null ? 'no %' : `${h.pct.toFixed(1)} %`;
        return `${h.label}<br/><b>${h.outMinutes.toFixed(1)} min out of adherence</b><br/>of ${Math.round(h.scheduledMinutes)} min scheduled (${pct})`;
      },
    },
    xAxis: { type: 'category', data: hours.map((h) => h.label), axisLabel: { color: '#64748b', hideOverlap: true } },
    yAxis: { type: 'value', name: 'min out', nameTextStyle: { color: '#64748b' }, axisLabel: { color: '#64748b' }, min: 0 },
    series: [{ type: 'bar', name: 'Minutes out of adherence', barMaxWidth: 36, data: hours.map((h) => ({ value: Number(h.outMinutes.toFixed(2)), itemStyle: { color: colour(h.outMinutes), borderRadius: [3, 3, 0, 0] } })) }],
  };
}
