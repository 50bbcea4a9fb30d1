import type { KpiRowWithTargets, StaffingRow, TargetStatus } from '@floorwatch/contracts';
// echarts.format.encodeHTML is this function (echarts re-exports it from zrender); imported from
// here so the page chunk does not pull echarts itself (it loads lazily, see echarts-setup.ts).
import { encodeHTML } from 'zrender/lib/core/dom.js';
import { formatKpi, kpiLabel } from './format';
import { STATUS_COLOURS, statusInfo } from './status';
import { formatTime } from './time';

/** echarts option objects are plain data; this alias keeps the builders free of `any`. */
export type ChartOption = Record<string, unknown>;

const AXIS = { axisLine: { lineStyle: { color: '#cbd5e1' } }, axisLabel: { color: '#64748b' }, splitLine: { lineStyle: { color: '#eef2f7' } } };
const TEXT = { fontFamily: 'Inter, Segoe UI, system-ui, sans-serif', color: '#1e293b' };

/**
 * One KPI across groups, each bar in its row's status colour, with the status word in the
 * tooltip (colour is never the only signal) and the target as a dashed line.
 */
export function statusBarOption(rows: readonly KpiRowWithTargets[], kpi: string, label: (key: string) => string): ChartOption {
  const target = rows.map((r) => (r.targets as Record<string, { value: number | null } | undefined>)[kpi]?.value ?? null).find((v) => v !== null) ?? null;
  return {
    textStyle: TEXT,
    grid: { left: 48, right: 16, top: 24, bottom: 40, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: { dataIndex: number }[]) => {
        const r = rows[params[0]?.dataIndex ?? 0];
        if (!r) return '';
        const status = statusOf(r, kpi);
        // Names and keys come from feeds and admins: escaped, as the tooltip renders HTML.
        // A bar with no value has no data to judge: "No data", not the status word "No target".
        const v = value(r, kpi);
        const head = `${encodeHTML(label(r.key))}<br/><b>${encodeHTML(kpiLabel(kpi))}: ${encodeHTML(v === null ? 'No data' : formatKpi(kpi, v))}</b>`;
        return v === null ? head : `${head}<br/>${encodeHTML(statusInfo(status).label)}`;
      },
    },
    xAxis: { type: 'category', data: rows.map((r) => label(r.key)), ...AXIS, axisLabel: { ...AXIS.axisLabel, interval: 'auto', hideOverlap: true, rotate: rows.length > 12 || rows.some((r) => label(r.key).length > 10) ? 30 : 0 } },
    yAxis: { type: 'value', min: percentFloor(rows, kpi, target), max: percentFloor(rows, kpi, target) > 0 ? 100 : undefined, ...AXIS, axisLabel: { ...AXIS.axisLabel, formatter: (v: number) => formatKpi(kpi, v) } },
    series: [
      {
        type: 'bar',
        name: kpiLabel(kpi),
        barMaxWidth: 36,
        data: rows.map((r) => ({
          value: value(r, kpi),
          itemStyle: { color: STATUS_COLOURS[statusOf(r, kpi)], borderRadius: [3, 3, 0, 0] },
          label: { show: statusOf(r, kpi) === 'red', position: 'top', formatter: '✕', color: STATUS_COLOURS.red, fontWeight: 700 },
        })),
        markLine:
          target === null
            ? undefined
            : { symbol: 'none', silent: true, lineStyle: { type: 'dashed', color: '#334155' }, label: { formatter: `Target ${formatKpi(kpi, target)}`, color: '#334155', position: 'insideEndTop' }, data: [{ yAxis: target }] },
      },
    ],
  };
}

/** Several KPIs side by side per group (e.g. consistency q1..q5 by main channel). */
export function groupedBarOption(rows: readonly KpiRowWithTargets[], kpis: readonly string[], label: (key: string) => string): ChartOption {
  const palette = ['#2456a6', '#5b8bd6', '#8fb3e8', '#4a9c9c', '#86c5b5', '#c4a35a'];
  return {
    textStyle: TEXT,
    color: palette,
    legend: { bottom: 0, type: 'scroll', textStyle: { color: '#475569' } },
    grid: { left: 40, right: 16, top: 16, bottom: 40, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(1) : '—') },
    xAxis: { type: 'category', data: rows.map((r) => label(r.key)), ...AXIS },
    yAxis: { type: 'value', min: 0, max: 100, ...AXIS },
    series: kpis.map((k) => ({ type: 'bar', name: kpiLabel(k), barMaxWidth: 22, data: rows.map((r) => value(r, k)) })),
  };
}

/** Required vs scheduled vs actual agents per 15-minute interval; the current interval shaded. */
export function staffingOption(rows: readonly StaffingRow[], timezone: string, current: number | null, compact = false, selected: number | null = null): ChartOption {
  const labels = rows.map((r) => formatTime(r.intervalStart, timezone));
  const idx = current === null ? -1 : rows.findIndex((r) => Date.parse(r.intervalStart) === current);
  const sel = selected === null ? -1 : rows.findIndex((r) => Date.parse(r.intervalStart) === selected);
  return {
    textStyle: TEXT,
    color: ['#334155', '#5b8bd6', '#1a9850'],
    legend: compact ? { show: false } : { top: 0, textStyle: { color: '#475569' } },
    grid: { left: 36, right: 12, top: compact ? 12 : 36, bottom: 24, containLabel: true },
    tooltip: { trigger: 'axis', formatter: (params: { dataIndex: number }[]) => staffingTooltip(rows, params[0]?.dataIndex ?? -1, labels, idx) },
    xAxis: { type: 'category', data: labels, ...AXIS, axisLabel: { ...AXIS.axisLabel, interval: hourLabels(labels, compact ? 6 : 2 * labelStep(rows.length)) } },
    yAxis: { type: 'value', ...AXIS, name: compact ? '' : 'agents', nameTextStyle: { color: '#64748b' } },
    series: [
      {
        type: 'line',
        name: 'Required',
        step: 'middle',
        symbol: 'none',
        lineStyle: { width: 2, type: 'dashed' },
        data: rows.map((r) => r.requiredAgents),
        markArea:
          idx < 0
            ? undefined
            : { silent: true, itemStyle: { color: 'rgba(36,86,166,0.10)' }, data: [[{ xAxis: labels[idx], name: 'Now' }, { xAxis: labels[idx] }]], label: { color: '#2456a6' } },
      },
      {
        type: 'bar',
        name: 'Scheduled',
        itemStyle: { color: 'rgba(91,139,214,0.35)' },
        data: rows.map((r, i) => (i === sel ? { value: r.scheduledAgents, itemStyle: { color: '#2456a6' } } : r.scheduledAgents)),
      },
      { type: 'line', name: 'Actual', symbol: 'none', lineStyle: { width: 2.5 }, data: rows.map((r, i) => (idx >= 0 && i > idx ? null : r.actualAgents)) },
    ],
  };
}

/**
 * The staffing tooltip, built from the row itself (echarts' per-series values are '-' or
 * undefined on a future interval, which a valueFormatter calling toFixed threw on): a future
 * interval is the plan only, with no on-hand figure or gap to judge.
 */
export function staffingTooltip(rows: readonly StaffingRow[], i: number, labels: readonly string[], current: number): string {
  const r = rows[i];
  if (!r) return '';
  const n = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(1) : '—');
  const head = `${labels[i] ?? ''}`;
  if (current >= 0 && i > current) return `${head} · plan only<br/>Required ${n(r.requiredAgents)}<br/>Scheduled ${n(r.scheduledAgents)}`;
  return `${head}<br/>Required ${n(r.requiredAgents)}<br/>Scheduled ${n(r.scheduledAgents)}<br/>On hand ${n(r.actualAgents)}`;
}

/** Phones: fewer hour labels on a day of 96 intervals so they never overlap. */
function labelStep(count: number): number {
  return typeof window !== 'undefined' && window.innerWidth < 500 && count > 48 ? 2 : 1;
}

function value(r: KpiRowWithTargets, kpi: string): number | null {
  return (r.kpis as Record<string, number | null>)[kpi] ?? null;
}
function statusOf(r: KpiRowWithTargets, kpi: string): TargetStatus {
  return statusInfo((r.targets as Record<string, { status: string } | undefined>)[kpi]?.status).status;
}

/** Category-axis label filter: only whole hours every `step` hours ("HH:MM" labels), so labels never collide. */
function hourLabels(labels: readonly string[], step: number): (index: number) => boolean {
  return (i) => {
    const m = /^(\d{2}):00$/.exec(labels[i] ?? '');
    return m !== null && Number(m[1]) % step === 0;
  };
}

/**
 * Percentages that all sit high (adherence 91–99 %) look equal on a 0–100 axis; start the axis
 * 10 points under the lowest value or target so the weak hour stands out. Otherwise from zero.
 */
function percentFloor(rows: readonly KpiRowWithTargets[], kpi: string, target: number | null): number {
  if (!kpi.endsWith('Pct')) return 0;
  const vals = rows.map((r) => value(r, kpi)).filter((v): v is number => v !== null);
  if (target !== null) vals.push(target);
  if (vals.length === 0) return 0;
  const low = Math.min(...vals);
  return low < 50 ? 0 : Math.floor((low - 10) / 10) * 10;
}
