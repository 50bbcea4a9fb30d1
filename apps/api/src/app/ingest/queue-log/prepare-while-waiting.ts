import type { FeedUnit } from '@floorwatch/feeds';
import { prepareQlUnit, type PreparedQlUnit } from './queue-log-claims';

/** Lines prepared between two yields: short enough that the in-flight transaction's replies wait at most ~1 ms. */
const SLICE = 256;

/**
 * Prepares the next batch's queue_log lines (hash, parse, redaction: prepareQlUnit) while `wait`,
 * the previous batch's transaction, is in flight: the database works on one batch while this
 * process, otherwise idle, readies the next. A slice at a time, yielding between slices so the
 * in-flight transaction's own steps go on promptly; it stops as soon as `wait` settles (what is
 * left is prepared inside the batch's transaction, where a line of a block committed before is
 * skipped unread). Resolves or rejects as `wait` does; the array is indexed by unit position.
 */
export async function prepareWhileWaiting(wait: Promise<void>, units: readonly FeedUnit[], salt: string): Promise<(PreparedQlUnit | undefined)[]> {
  let settled = false;
  const done = wait.then(
    () => void (settled = true),
    () => void (settled = true),
  );
  const prepared = new Array<PreparedQlUnit | undefined>(units.length);
  for (let i = 0; !settled && i < units.length; ) {
    for (const end = Math.min(units.length, i + SLICE); i < end; i++) prepared[i] = prepareQlUnit(units[i], i, salt);
    await Promise.race([done, new Promise<void>((resolve) => setImmediate(resolve))]);
  }
  await wait;
  return prepared;
}
