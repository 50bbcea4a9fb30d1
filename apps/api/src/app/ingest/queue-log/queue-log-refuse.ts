import type { FeedUnit } from '@floorwatch/feeds';
import { cleanQueueLogText } from '@floorwatch/feeds';

/** Non-empty lines looked at: a real queue_log has a `|` on every one. */
const SAMPLE = 20;

/**
 * A file that is plainly not queue_log (e.g. a CSV export with a header and no `|`) is refused
 * as a whole, before its first batch is written: quarantining it line by line would bury the
 * mistake under thousands of `wrong-field-count` rows. One line with a `|` among the first 20
 * is enough to go on. Returns why the file is refused (the ingest throws IngestInputError), or null (then bad lines are quarantined one by one as usual).
 */
/**
 * The head of a queue_log file, held until it can be judged: SAMPLE non-empty lines, a line with a
 * `|` (then the file is queue_log enough), or 10 000 lines (bounded memory for an all-blank head).
 */
export class QueueLogHead {
  readonly units: FeedUnit[] = [];
  private nonEmpty = 0;

  /** Holds the unit; true once the head can be judged. */
  push(unit: FeedUnit): boolean {
    this.units.push(unit);
    const t = cleanQueueLogText(unit.text).trim();
    if (t !== '') this.nonEmpty++;
    return t.includes('|') || this.nonEmpty >= SAMPLE || this.units.length >= 10_000;
  }
}

export function notQueueLogReason(source: string, firstUnits: readonly FeedUnit[]): string | null {
  const sample = firstUnits.map((u) => cleanQueueLogText(u.text).trim()).filter((t) => t !== '').slice(0, SAMPLE);
  if (sample.length === 0 || sample.some((t) => t.includes('|'))) return null;
  const head = sample[0].length > 80 ? `${sample[0].slice(0, 80)}…` : sample[0];
  return (
    `${source} is not a queue_log file: none of its first ${sample.length} line(s) has a "|" (epoch|callid|queue|agent|event|...); it begins "${head}". Nothing was ingested.`
  );
}
