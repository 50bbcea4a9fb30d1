import type { RecordStore } from '../database/record-store';
import { FCR_REPEAT_REFRESH_SQL, FCR_ROLLUP_WINDOW_SECONDS } from './fcr-repeat-sql';

export interface RepeatTouch {
  customerKey: string | null;
  enqueuedAt: number;
  endedAt: number;
}

/**
 * Keeps contacts.repeat_enqueued_at/repeat_channel right after a batch of contacts is written:
 * a new contact n can be the first repeat of any subject of its customer that ended in
 * [n.enqueuedAt − W, n.enqueuedAt), whatever order the feeds delivered them in, and n itself
 * (or a corrected n) needs its own first repeat. So per customer every subject ending in
 * [min enqueuedAt − W, max endedAt] is recomputed from the contacts table (idempotent: a
 * replayed batch changes nothing). Returns the interval starts whose rollup rows took a delta.
 */
export async function refreshRepeats(tx: RecordStore, contacts: readonly RepeatTouch[]): Promise<number[]> {
  const range = new Map<string, [number, number]>();
  for (const c of contacts) {
    if (c.customerKey === null) continue;
    const lo = c.enqueuedAt - FCR_ROLLUP_WINDOW_SECONDS * 1000;
    const hi = Math.max(c.endedAt, c.enqueuedAt);
    const r = range.get(c.customerKey);
    if (!r) range.set(c.customerKey, [lo, hi]);
    else {
      if (lo < r[0]) r[0] = lo;
      if (hi > r[1]) r[1] = hi;
    }
  }
  if (range.size === 0) return [];
  const keys = [...range.keys()];
  const result = await tx.query<{ interval_ms: number } | { interval_ms: number }[]>(FCR_REPEAT_REFRESH_SQL, [
    keys,
    keys.map((k) => new Date((range.get(k) as [number, number])[0])),
    keys.map((k) => new Date((range.get(k) as [number, number])[1])),
  ]);
  // TypeORM answers an UPDATE … RETURNING with [rows, affected count], not the rows.
  const rows = (Array.isArray(result[0]) ? result[0] : result) as { interval_ms: number }[];
  return [...new Set(rows.map((r) => Number(r.interval_ms)))];
}
