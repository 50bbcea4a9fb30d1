import type { E2eBrowser } from './browser';
import type { Report } from './report';

export interface E2eContext {
  report: Report;
  browser: E2eBrowser;
  baseUrl: string;
  shots: string;
  /** Inclusive local days (YYYY-MM-DD) that the demo backfill covers completely. */
  history: { from: string; to: string };
}

/** YYYY-MM-DD of `now + offsetDays` in a time zone. */
export function localDay(tz: string, offsetDays = 0, now = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(now + offsetDays * 86_400_000));
}

/** The UTC instant of a wall-clock time on a local day in a zone (DST-safe to the minute). */
export function zonedInstant(day: string, hh: number, mm: number, tz: string): Date {
  const guess = Date.parse(`${day}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00Z`);
  const offsetAt = (t: number): number => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(new Date(t))
      .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
    const asUtc = Date.UTC(Number(parts['year']), Number(parts['month']) - 1, Number(parts['day']), Number(parts['hour']), Number(parts['minute']));
    return asUtc - t;
  };
  const first = guess - offsetAt(guess);
  return new Date(guess - offsetAt(first));
}

export function isWeekday(day: string): boolean {
  const d = new Date(`${day}T12:00:00Z`).getUTCDay();
  return d >= 1 && d <= 5;
}
