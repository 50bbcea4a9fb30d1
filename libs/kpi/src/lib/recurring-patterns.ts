import type { Timeline } from '@floorwatch/contracts';

export interface RecurringPattern {
  /** "Back from lunch +4–6 min, 5 of 5 days". */
  text: string;
  activity: string;
  days: number;
  ofDays: number;
  minMinutes: number;
  maxMinutes: number;
}

/** A late return shorter than this is noise, not a habit. */
const MIN_LATE_SECONDS = 120;

/**
 * Late returns that repeat: on each day, the time out of adherence that starts exactly when a
 * scheduled lunch or break ends (the agent not back yet). A habit is one seen on at least 3 days
 * and on more than half of the days with that activity scheduled and over by asOf.
 */
export function recurringPatterns(days: readonly Timeline[], asOf: number = Number.POSITIVE_INFINITY): RecurringPattern[] {
  const byActivity = new Map<string, { scheduled: number; late: number[] }>();
  for (const t of days) {
    const seen = new Set<string>();
    for (const seg of t.schedule) {
      if (seg.activity !== 'lunch' && seg.activity !== 'break') continue;
      const end = Date.parse(seg.end);
      // A lunch still to come today is not a day the agent was on time: it is not judged yet.
      if (end + MIN_LATE_SECONDS * 1000 > asOf) continue;
      const entry = byActivity.get(seg.activity) ?? { scheduled: 0, late: [] };
      byActivity.set(seg.activity, entry);
      if (!seen.has(seg.activity)) entry.scheduled++;
      const late = t.outOfAdherence.filter((s) => Date.parse(s.start) === end).reduce((sum, s) => sum + (Date.parse(s.end) - Date.parse(s.start)) / 1000, 0);
      if (late >= MIN_LATE_SECONDS && !seen.has(`${seg.activity}:late`)) {
        entry.late.push(late);
        seen.add(`${seg.activity}:late`);
      }
      seen.add(seg.activity);
    }
  }
  const out: RecurringPattern[] = [];
  for (const [activity, e] of byActivity) {
    if (e.late.length < 3 || e.late.length * 2 <= e.scheduled) continue;
    const minMinutes = Math.round(Math.min(...e.late) / 60);
    const maxMinutes = Math.round(Math.max(...e.late) / 60);
    const range = minMinutes === maxMinutes ? `${minMinutes}` : `${minMinutes}–${maxMinutes}`;
    out.push({ text: `Back from ${activity} +${range} min, ${e.late.length} of ${e.scheduled} days`, activity, days: e.late.length, ofDays: e.scheduled, minMinutes, maxMinutes });
  }
  return out.sort((a, b) => b.days - a.days);
}
