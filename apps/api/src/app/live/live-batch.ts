import type { AgentStateEvent, Contact, ForecastInterval, ScheduleSegment } from '@floorwatch/contracts';

/**
 * One committed ingest batch as the live picture applies it. ingest's IngestEvent (the in-process
 * bus, apps/api/src/app/ingest/ingest-events.ts) is assignable to it; `forecast` is accepted for
 * when ingest publishes forecasts too. The same shape travels between API processes over Redis.
 */
export type IngestBatch =
  | { kind: 'state'; records: readonly AgentStateEvent[] }
  | { kind: 'contact'; records: readonly Contact[] }
  | { kind: 'schedule'; records: readonly ScheduleSegment[] }
  | { kind: 'forecast'; records: readonly ForecastInterval[] }
  | { kind: 'org'; records: readonly unknown[] };
