import { KPI_NAMES, type KpiApiResult } from '@floorwatch/contracts';

/** RFC 4180 quoting: only when the cell needs it. */
function cell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * A text cell (names, keys, statuses: they come from feeds) that a spreadsheet would run as a
 * formula is made inert with a leading apostrophe (OWASP "CSV injection"): = + - @, tab, CR.
 * Numbers are written as numbers, so a negative figure stays a number.
 */
export function textCell(v: string): string {
  return cell(/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
}

/**
 * One line per row: the group key, a column per KPI (empty = null, unrounded), then a status
 * column per KPI that has a target, so a spreadsheet can colour the same way the dashboard does.
 */
export function kpiCsv(result: KpiApiResult): string {
  const statusKpis = KPI_NAMES.filter((k) => result.rows.some((r) => r.targets[k] !== undefined));
  const header = [result.by ?? 'key', ...KPI_NAMES, ...statusKpis.map((k) => `${k}Status`)];
  const lines = [header.map(textCell).join(',')];
  for (const row of result.rows) {
    const values = KPI_NAMES.map((k) => (row.kpis[k] === null ? '' : String(row.kpis[k])));
    const statuses = statusKpis.map((k) => row.targets[k]?.status ?? 'none');
    lines.push([textCell(row.key), ...values.map(cell), ...statuses.map(textCell)].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
