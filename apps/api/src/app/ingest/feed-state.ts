import type { FeedFormat } from '@floorwatch/contracts';
import type { RecordStore } from '../database/record-store';

/**
 * What is kept in feed_state per format between ingests: the parser's own state (open queue_log
 * calls, agent states) and, for open calls, the source they came from (for the `incomplete` list).
 */
export interface StoredFeedState {
  version: 1;
  parser: string;
  callSources: Record<string, string>;
  /** Per agent: [at, seq] of the last state event, so same-instant events of later files sort after. */
  lastSeq: Record<string, [number, number]>;
}

/** Formats whose parser carries state from one file to the next; the others start fresh per file (queue_log keeps its lines instead: queue-log/). */
export const STATEFUL_FORMATS: ReadonlySet<FeedFormat> = new Set(['connect-agent-events']);

/** CSV formats: each file starts with its own header line. */
export const HEADER_FORMATS: ReadonlySet<FeedFormat> = new Set(['wfm-schedule', 'wfm-forecast', 'survey']);

export const feedStateKey = (format: FeedFormat): string => `parser:${format}`;

export async function loadFeedState(store: RecordStore, format: FeedFormat): Promise<StoredFeedState | null> {
  const s = await store.getFeedState<StoredFeedState>(feedStateKey(format));
  if (s === null) return null;
  if (s.version !== 1 || typeof s.parser !== 'string') throw new Error(`feed_state ${feedStateKey(format)} has an unknown shape (expected version 1)`);
  return { ...s, callSources: s.callSources ?? {}, lastSeq: s.lastSeq ?? {} };
}

export async function saveFeedState(store: RecordStore, format: FeedFormat, state: StoredFeedState): Promise<void> {
  // jsonb rejects \u0000 escapes; a NUL in some raw line must not make the batch fail.
  const json = JSON.stringify(state).replace(/(?<!\\)\\u0000/g, '\\ufffd');
  await store.query(
    `INSERT INTO feed_state (key, state, updated_at) VALUES ($1, $2::jsonb, now())
     ON CONFLICT (key) DO UPDATE SET state = excluded.state, updated_at = now()`,
    [feedStateKey(format), json],
  );
}
