import { TZDate } from '@date-fns/tz';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
export const INTERVAL = 900_000;

/** `yyyy-MM-dd` of an instant in a time zone. */
export function localDate(ms: number, tz: string): string {
  const d = new TZDate(ms, tz);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The instant of `minutes` after local midnight on `date` (DST-correct: 13:00 stays 13:00 local). */
export function localTime(date: string, minutes: number, tz: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new TZDate(y, m - 1, d, Math.floor(minutes / 60), minutes % 60, tz).getTime();
}

/** Local dates from `before` days before the day containing `at` to `after` days after it. */
export function localDays(at: number, before: number, after: number, tz: string): string[] {
  const today = localDate(at, tz);
  const base = Date.parse(`${today}T00:00:00Z`);
  const out: string[] = [];
  for (let i = -before; i <= after; i++) out.push(new Date(base + i * DAY).toISOString().slice(0, 10));
  return out;
}

/** 0 = Sunday … 6 = Saturday, for a `yyyy-MM-dd` date. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** ISO 8601 with the zone's offset, as WFM exports write local times (`2026-11-24T08:00:00-06:00`). */
export function isoWithOffset(ms: number, tz: string): string {
  const d = new TZDate(ms, tz);
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const a = Math.abs(off);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
    `${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`
  );
}

/** Local minutes after midnight of an instant. */
export function localMinutes(ms: number, tz: string): number {
  const d = new TZDate(ms, tz);
  return d.getHours() * 60 + d.getMinutes() + d.getSeconds() / 60;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
