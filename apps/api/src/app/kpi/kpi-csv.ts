import { KPI_NAMES, kpiDisplay, type GroupBy, type KpiApiResult, type KpiUnit } from '@floorwatch/contracts';

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
 * `readable` (the default): the words the screens use with the unit in the header ("AHT (s)",
 * "Adherence (%)"), numbers rounded as the screens show them but still plain numbers a spreadsheet
 * can sum, and status words. `names`: the raw KPI names, unrounded, for scripts.
 */
export type CsvHeaders = 'readable' | 'names';

const UNIT_SUFFIX: Record<KpiUnit, string> = { pct: ' (%)', seconds: ' (s)', index: '', rate: '', count: '', score: '' };
/** Decimals per unit as on screen: one for percentages, rates and indices, whole seconds and counts. */
const DECIMALS: Record<KpiUnit, number> = { pct: 1, seconds: 0, index: 1, rate: 1, count: 0, score: 0 };
const STATUS_WORDS: Record<string, string> = { green: 'On target', amber: 'Near target', red: 'Off target', none: 'No target' };
const KEY_HEADERS: Record<GroupBy, string> = {
  agent: 'Agent', team: 'Team', site: 'Site', queue: 'Queue', reason: 'Reason', channel: 'Channel', day: 'Day', hour: 'Hour', interval: 'Interval',
  mainChannel: 'Main channel', channelChain: 'Channel chain', direction: 'Direction', intent: 'Intent', entryPoint: 'Entry point', lastNode: 'Last node',
  derivedChain: 'Derived chain', coverage: 'Coverage',
};

function unitOf(kpi: string): KpiUnit {
  return kpiDisplay(kpi)?.unit ?? 'count';
}
function header(kpi: string): string {
  const d = kpiDisplay(kpi);
  return d ? `${d.label}${UNIT_SUFFIX[d.unit]}` : kpi;
}
function rounded(kpi: string, v: number): string {
  const dp = DECIMALS[unitOf(kpi)];
  // toFixed of −0.04 is "-0.0": a rounded zero is written as 0.
  const s = v.toFixed(dp);
  return Number(s) === 0 ? (0).toFixed(dp) : s;
}

/**
 * One line per row: the group key, a column per KPI (empty = null), then a status column per KPI
 * that has a target, so a spreadsheet can colour the same way the dashboard does.
 */
export function kpiCsv(result: KpiApiResult, headers: CsvHeaders = 'readable'): string {
  const readable = headers === 'readable';
  const statusKpis = KPI_NAMES.filter((k) => result.rows.some((r) => r.targets[k] !== undefined));
  const head = readable
    ? [result.by ? KEY_HEADERS[result.by] : 'Scope', ...KPI_NAMES.map(header), ...statusKpis.map((k) => `${kpiDisplay(k)?.label ?? k} status`)]
    : [result.by ?? 'key', ...KPI_NAMES, ...statusKpis.map((k) => `${k}Status`)];
  const lines = [head.map(textCell).join(',')];
  for (const row of result.rows) {
    const values = KPI_NAMES.map((k) => {
      const v = row.kpis[k];
      if (v === null || v === undefined) return '';
      return readable ? rounded(k, v) : String(v);
    });
    const statuses = statusKpis.map((k) => {
      const s = row.targets[k]?.status ?? 'none';
      return readable ? (STATUS_WORDS[s] ?? s) : s;
    });
    lines.push([textCell(row.key), ...values.map(cell), ...statuses.map(textCell)].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** "floorwatch-team-t1-2026-03-02.csv": the scope and first day, safe for a Content-Disposition filename. */
export function csvFileName(scope: string, from: string): string {
  const safe = scope.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/-+$/, '');
  const slug = `floorwatch-${safe}-${from.slice(0, 10).replace(/[^0-9-]/g, '')}`;
  return `${slug}.csv`;
}
