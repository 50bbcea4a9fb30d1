import { TZDate } from '@date-fns/tz';
import { addDays, addMonths, addQuarters, addWeeks, format, startOfMonth, startOfQuarter, startOfWeek } from 'date-fns';
import { GROUP_BYS, isScopeError, parseScope, type GroupBy } from '@floorwatch/contracts';

export const PERIODS = ['day', 'week', 'month', 'quarter', 'custom', 'last30'] as const;
export type PeriodKind = (typeof PERIODS)[number];

/**
 * Everything a dashboard shows is in the URL (query params), so any view can be shared:
 * `?scope=team:t1&period=week&date=2025-03-04&by=agent`.
 */
export interface ViewState {
  scope: string;
  period: PeriodKind;
  /** Anchor day (YYYY-MM-DD, in the view's time zone); null = today. */
  date: string | null;
  /** Custom period, inclusive days (YYYY-MM-DD). */
  from: string | null;
  to: string | null;
  by: GroupBy | null;
  /** The period a single day was drilled from (for the breadcrumb back up). */
  up: PeriodKind | null;
}

export type QueryParams = Record<string, string | null | undefined>;

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

export function parseViewState(q: QueryParams, defaults: { scope: string; period?: PeriodKind; by?: GroupBy | null }): ViewState {
  const scopeText = q['scope'];
  const scope = scopeText && !isScopeError(parseScope(scopeText)) ? scopeText : defaults.scope;
  const period = asPeriod(q['period']) ?? defaults.period ?? 'day';
  const by = q['by'] === 'none' ? null : (asGroupBy(q['by']) ?? defaults.by ?? null);
  const from = asDay(q['from']);
  const to = asDay(q['to']);
  return {
    scope,
    period: period === 'custom' && !(from && to) ? 'day' : period,
    date: asDay(q['date']),
    from,
    to,
    by,
    up: asPeriod(q['up']),
  };
}

/** Only non-default values go in the URL, so links stay short. */
export function toQueryParams(s: ViewState): Record<string, string | null> {
  return {
    scope: s.scope,
    period: s.period,
    date: s.date,
    from: s.period === 'custom' ? s.from : null,
    to: s.period === 'custom' ? s.to : null,
    by: s.by ?? 'none',
    up: s.period === 'day' ? s.up : null,
  };
}

export interface ResolvedPeriod {
  from: string;
  to: string;
  /** Human label: "Today", "Tue 4 Mar 2025", "Week of 3 Mar 2025", "March 2025", "Q1 2025". */
  label: string;
  /** Site-local first day, YYYY-MM-DD. */
  firstDay: string;
  timezone: string;
}

/** Site-local calendar period → UTC [from, to) instants for the API. Weeks start on Monday. */
export function resolvePeriod(s: Pick<ViewState, 'period' | 'date' | 'from' | 'to'>, timezone: string, now: Date = new Date()): ResolvedPeriod {
  const today = todayIn(timezone, now);
  const anchor = dayStart(s.date ?? today, timezone);
  let start: TZDate;
  let end: TZDate;
  let label: string;
  switch (s.period) {
    case 'day':
      start = anchor;
      end = addDays(anchor, 1);
      label = (s.date ?? today) === today ? 'Today' : format(anchor, 'EEE d MMM yyyy');
      break;
    case 'week':
      start = startOfWeek(anchor, { weekStartsOn: 1 });
      end = addWeeks(start, 1);
      label = `Week of ${format(start, 'd MMM yyyy')}`;
      break;
    case 'month':
      start = startOfMonth(anchor);
      end = addMonths(start, 1);
      label = format(start, 'MMMM yyyy');
      break;
    case 'quarter':
      start = startOfQuarter(anchor);
      end = addQuarters(start, 1);
      label = `Q${Math.floor(start.getMonth() / 3) + 1} ${start.getFullYear()}`;
      break;
    case 'last30':
      // A rolling window: a calendar month-to-date holds 4 days on the 5th.
      start = addDays(anchor, -29);
      end = addDays(anchor, 1);
      label = `Last 30 days to ${format(anchor, 'd MMM yyyy')}`;
      break;
    case 'custom': {
      start = dayStart(s.from ?? today, timezone);
      const last = dayStart(s.to ?? s.from ?? today, timezone);
      end = addDays(last < start ? start : last, 1);
      label = `${format(start, 'd MMM yyyy')} – ${format(addDays(end, -1), 'd MMM yyyy')}`;
      break;
    }
  }
  // TZDate prints its own offset; the API gets plain UTC instants.
  return { from: new Date(start.getTime()).toISOString(), to: new Date(end.getTime()).toISOString(), label, firstDay: format(start, 'yyyy-MM-dd'), timezone };
}

/** The anchor day one period earlier (-1) or later (+1): ◀ ▶ in the period selector. */
export function stepDay(period: PeriodKind, day: string, step: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const at = new Date(Date.UTC(y, m - 1, d));
  const next =
    period === 'week'
      ? addWeeks(at, step)
      : period === 'month'
        ? addMonths(at, step)
        : period === 'quarter'
          ? addQuarters(at, step)
          : period === 'last30'
            ? addDays(at, 30 * step)
            : addDays(at, step);
  return next.toISOString().slice(0, 10);
}

export function todayIn(timezone: string, now: Date = new Date()): string {
  return format(new TZDate(now.getTime(), timezone), 'yyyy-MM-dd');
}

function dayStart(day: string, timezone: string): TZDate {
  const [y, m, d] = day.split('-').map(Number);
  return new TZDate(y, m - 1, d, timezone);
}

function asPeriod(v: string | null | undefined): PeriodKind | null {
  return v && (PERIODS as readonly string[]).includes(v) ? (v as PeriodKind) : null;
}
function asGroupBy(v: string | null | undefined): GroupBy | null {
  return v && (GROUP_BYS as readonly string[]).includes(v) ? (v as GroupBy) : null;
}
function asDay(v: string | null | undefined): string | null {
  return v && DAY_RE.test(v) ? v : null;
}
