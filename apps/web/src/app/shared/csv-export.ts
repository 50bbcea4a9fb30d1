import type { KpiRowWithTargets } from '@floorwatch/contracts';
import { formatKpi, kpiLabel } from './format';
import { statusInfo } from './status';

function cell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * A panel as a spreadsheet reads it: the row names and column headers on screen, numbers as shown
 * ("92.1 %", "5 m 12 s"), and a status column per KPI with a target.
 */
export function panelCsv(rows: readonly KpiRowWithTargets[], columns: readonly string[], keyHeader: string, rowLabel: (key: string) => string): string {
  const withStatus = columns.filter((c) => rows.some((r) => (r.targets as Record<string, unknown>)[c] !== undefined));
  const header = [keyHeader, ...columns.map(kpiLabel), ...withStatus.map((c) => `${kpiLabel(c)} status`)];
  const lines = [header.map(cell).join(',')];
  for (const r of rows) {
    const k = r.kpis as Record<string, number | null>;
    const t = r.targets as Record<string, { status: string } | undefined>;
    lines.push([rowLabel(r.key), ...columns.map((c) => (k[c] == null ? '' : formatKpi(c, k[c]))), ...withStatus.map((c) => statusInfo(t[c]?.status).label)].map(cell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** "Agents – Week of 30 Nov 2026" → "agents-week-of-30-nov-2026.csv". */
export function csvFileName(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug || 'floorwatch'}.csv`;
}

export function downloadCsv(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
