import { TZDate } from '@date-fns/tz';
import { addDays, addHours, startOfDay, startOfHour } from 'date-fns';

export type TimeGroup = 'day' | 'hour' | 'interval';
export const INTERVAL_MS = 900_000;

export interface TimeBucket {
  start: number;
  end: number;
  key: string;
}

const checkedZones = new Set<string>();

/** Throws a clear error for a time zone name the runtime does not know. */
export function assertTimeZone(tz: string): void {
  if (checkedZones.has(tz)) return;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
  } catch {
    throw new RangeError(`unknown time zone "${tz}"`);
  }
  checkedZones.add(tz);
}

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

export function intervalKey(start: number): string {
  return new Date(start).toISOString();
}

/** The bucket of `by` in time zone `tz` that contains instant `t`. */
export function bucketAt(t: number, by: TimeGroup, tz: string): TimeBucket {
  if (by === 'interval') {
    const start = Math.floor(t / INTERVAL_MS) * INTERVAL_MS;
    return { start, end: start + INTERVAL_MS, key: intervalKey(start) };
  }
  assertTimeZone(tz);
  const local = new TZDate(t, tz);
  if (by === 'hour') {
    const start = startOfHour(local);
    // In a repeated autumn hour both UTC hours key as the same local hour, as they should.
    return { start: start.getTime(), end: addHours(start, 1).getTime(), key: pad(start.getHours()) };
  }
  const start = startOfDay(local);
  const end = startOfDay(addDays(start, 1));
  return {
    start: start.getTime(),
    end: end.getTime(),
    key: `${start.getFullYear()}-${pad(start.getMonth() + 1)}-${pad(start.getDate())}`,
  };
}

/** Buckets covering [from, to), the first and last clipped to the window. */
export function timeBuckets(from: number, to: number, by: TimeGroup, tz: string): TimeBucket[] {
  const out: TimeBucket[] = [];
  let t = from;
  while (t < to) {
    const b = bucketAt(t, by, tz);
    if (b.end <= t) throw new Error(`time bucket did not advance at ${new Date(t).toISOString()} in ${tz}`);
    out.push({ start: t, end: Math.min(b.end, to), key: b.key });
    t = b.end;
  }
  return out;
}

/** Index of the bucket holding `t`, or -1 outside the buckets. */
export function findBucket(buckets: readonly TimeBucket[], t: number): number {
  let lo = 0;
  let hi = buckets.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = buckets[mid];
    if (t < b.start) hi = mid - 1;
    else if (t >= b.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
