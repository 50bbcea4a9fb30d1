import type { AgentStateEvent, Contact, ForecastInterval, ScheduleSegment, SurveyResponse } from '@floorwatch/contracts';

/* Write shapes: the contracts records plus where they came from. Times are epoch ms. */

export interface StoredContact extends Contact {
  /** Feed format or source system (`queue_log`, `connect-ctr`, ...); part of the natural key. */
  source: string;
  /** Unique within source; default `<contactId>#<segmentId>`. */
  naturalKey?: string;
  /** Source's version stamp (Connect LastUpdateTimestamp): a newer copy replaces an older one. */
  sourceUpdatedAt?: number | null;
}

export interface StoredStateEvent extends AgentStateEvent {
  source: string;
  /** Order among events of one agent with the same `at` (file order); default 0. */
  seq?: number;
}

export interface StoredScheduleSegment extends ScheduleSegment {
  source: string;
}

export interface StoredForecast extends ForecastInterval {
  source: string;
}

export interface StoredSurvey extends SurveyResponse {
  source: string;
  /** Default: surveyNaturalKey. */
  naturalKey?: string;
}

/**
 * survey_responses.natural_key: customerKey|respondedAt|mainChannel|channelChain, then |contactId
 * when there is one. The contact id is part of customer.md's responseId, so two responses of
 * one customer at one time rating different contacts are two rows (the key without it dropped
 * the second); rows without a contact id keep the key they were stored with.
 */
export function surveyNaturalKey(s: StoredSurvey): string {
  const base = `${s.customerKey ?? ''}|${s.respondedAt}|${s.mainChannel}|${s.channelChain}`;
  return s.naturalKey ?? (s.contactId ? `${base}|${s.contactId}` : base);
}

export interface QuarantineRecord {
  /** File name or stream id the line came from. */
  source: string;
  format: string;
  lineNumber: number;
  raw: string;
  reason: string;
}

/** A stored quarantine row (id from the database). */
export interface StoredQuarantine extends QuarantineRecord {
  id: string;
  createdAt: number;
  resolvedAt: number | null;
}
