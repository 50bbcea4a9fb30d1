import type { ScheduleSegment } from '@floorwatch/contracts';
import { bucketAt } from '../time-buckets';

/**
 * The training and coaching register (action.md "Register"): scheduled `training`, `coaching`,
 * `training:<course>`, `coaching:<topic>` segments, one agent's segments of one name merged while
 * no working day without that activity lies between them.
 */

export type ActivityKind = 'training' | 'coaching';

export interface RegisterActivity {
  id: string;
  kind: ActivityKind;
  name: string;
  agentId: string;
  start: number;
  end: number;
  paidSeconds: number;
  source: 'schedule' | 'message';
}

/** `training` / `training:x` → training; `coaching` / `coaching:x` → coaching; anything else null. */
export function activityKind(activity: string): ActivityKind | null {
  const name = activity.toLowerCase();
  const base = name.includes(':') ? name.slice(0, name.indexOf(':')) : name;
  return base === 'training' || base === 'coaching' ? base : null;
}

/** Site-local days (YYYY-MM-DD) on which an `open` segment of the agent starts. */
export function workingDays(segments: readonly ScheduleSegment[], tz: string): string[] {
  const days = new Set<string>();
  for (const s of segments) if (s.activity.toLowerCase() === 'open') days.add(bucketAt(s.start, 'day', tz).key);
  return [...days].sort();
}

/**
 * Register rows of one agent's schedule. Two segments of one name merge when every working day
 * strictly between their days also holds that activity; paidSeconds sums only the merged
 * segments (gaps and other activities excluded).
 */
export function registerFromSchedule(agentId: string, segments: readonly ScheduleSegment[], tz: string): RegisterActivity[] {
  const mine = segments.filter((s) => s.agentId === agentId).sort((a, b) => a.start - b.start);
  const work = workingDays(mine, tz);
  const byName = new Map<string, ScheduleSegment[]>();
  for (const s of mine) {
    if (activityKind(s.activity) === null) continue;
    const name = s.activity.toLowerCase();
    const list = byName.get(name);
    if (list) list.push(s);
    else byName.set(name, [s]);
  }
  const out: RegisterActivity[] = [];
  for (const [name, list] of byName) {
    const activityDays = new Set(list.map((s) => bucketAt(s.start, 'day', tz).key));
    let cur: RegisterActivity | null = null;
    let curDay = '';
    for (const s of list) {
      const day = bucketAt(s.start, 'day', tz).key;
      const gapDay = cur !== null && work.some((d) => d > curDay && d < day && !activityDays.has(d));
      if (cur === null || gapDay) {
        if (cur) out.push(cur);
        cur = {
          id: `${agentId}:${name}:${s.start}`,
          kind: activityKind(name) as ActivityKind,
          name,
          agentId,
          start: s.start,
          end: s.end,
          paidSeconds: 0,
          source: 'schedule',
        };
      }
      cur.end = Math.max(cur.end, s.end);
      cur.paidSeconds += (s.end - s.start) / 1000;
      curDay = day;
    }
    if (cur) out.push(cur);
  }
  return out.sort((a, b) => a.start - b.start || a.name.localeCompare(b.name));
}

/**
 * W working days before `start`'s day and after `end`'s day, as [from, to) instants: from the
 * start of the first day to the end of the last. A side with fewer than W days is short (the
 * trainee's before is then null); `days` tells how many there were.
 */
export function comparisonWindows(
  start: number,
  end: number,
  work: readonly string[],
  days: number,
  tz: string,
): { before: { from: number; to: number; days: number } | null; after: { from: number; to: number; days: number } | null } {
  const startDay = bucketAt(start, 'day', tz).key;
  const endDay = bucketAt(end - 1, 'day', tz).key;
  const before = work.filter((d) => d < startDay).slice(-days);
  const after = work.filter((d) => d > endDay).slice(0, days);
  const range = (ds: string[]) => {
    if (ds.length === 0) return null;
    const first = bucketAt(dayStart(ds[0], tz), 'day', tz);
    const last = bucketAt(dayStart(ds[ds.length - 1], tz), 'day', tz);
    return { from: first.start, to: last.end, days: ds.length };
  };
  return { before: range(before), after: range(after) };
}

/** An instant inside the local day `YYYY-MM-DD` (noon UTC is inside every zone's day ±12 h… nearly). */
function dayStart(day: string, tz: string): number {
  const noon = Date.parse(`${day}T12:00:00Z`);
  const b = bucketAt(noon, 'day', tz);
  if (b.key === day) return b.start;
  return b.key < day ? b.end : bucketAt(b.start - 1, 'day', tz).start;
}
