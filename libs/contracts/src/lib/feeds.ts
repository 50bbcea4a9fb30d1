export const FEED_FORMATS = [
  'queue_log',
  'connect-ctr',
  'connect-agent-events',
  'contacts-ndjson',
  'agent-states-ndjson',
  'wfm-schedule',
  'wfm-forecast',
  'survey',
  'org',
  'selfservice-ndjson',
] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

/** What `fw ingest` and `POST /api/v1/ingest/:format` print: accepted + duplicates + quarantined = read. */
export interface IngestSummary {
  read: number;
  accepted: number;
  duplicates: number;
  quarantined: number;
  reasons: Record<string, number>;
}
