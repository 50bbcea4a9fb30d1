import type { FeedUnit } from '@floorwatch/feeds';
import { prepareQlUnit, type PreparedQlUnit } from './queue-log-claims';

/** Steps between two yields: short enough that the awaited statements' replies wait at most ~1 ms. */
const SLICE = 256;

/**
 * Runs step(0 … count − 1) a slice at a time while `wait` (database work this process would
 * otherwise sit idle through) is pending, yielding between slices so that work goes on promptly.
 * Once `wait` settles it stops, or with `finish` runs the remaining steps at once. Resolves with
 * the number of steps run once `wait` resolved; rejects as `wait` does (a failing step is thrown
 * only after `wait` settled: no statement is left running behind the caller).
 */
export async function stepWhileWaiting(wait: Promise<unknown>, count: number, step: (i: number) => void, finish: boolean): Promise<number> {
  let settled = false;
  const done = wait.then(
    () => void (settled = true),
    () => void (settled = true),
  );
  let i = 0;
  try {
    while (!settled && i < count) {
      for (const end = Math.min(count, i + SLICE); i < end; i++) step(i);
      await Promise.race([done, new Promise<void>((resolve) => setImmediate(resolve))]);
    }
    await wait;
    if (finish) for (; i < count; i++) step(i);
  } catch (err) {
    await done;
    throw err;
  }
  return i;
}

/**
 * Prepares the next batch's queue_log lines (hash, parse, redaction: prepareQlUnit) while `wait`,
 * the previous batch's transaction, is in flight: the database works on one batch while this
 * process readies the next. What is left when that commit ends is prepared inside the batch's own
 * transaction, where a line of a block committed before is skipped unread. Indexed by unit position.
 */
export async function prepareWhileWaiting(wait: Promise<void>, units: readonly FeedUnit[], salt: string): Promise<(PreparedQlUnit | undefined)[]> {
  const prepared = new Array<PreparedQlUnit | undefined>(units.length);
  await stepWhileWaiting(wait, units.length, (i) => (prepared[i] = prepareQlUnit(units[i], i, salt)), false);
  return prepared;
}
