import { FEED_FORMATS, type FeedFormat } from '@floorwatch/contracts';
import { ConnectAgentEventsParser } from './connect/agent-events';
import { ConnectCtrParser } from './connect/ctr';
import { AgentStatesNdjsonParser } from './generic/agent-states-ndjson';
import { ContactsNdjsonParser } from './generic/contacts-ndjson';
import { readJsonValues } from './json/read-json-values';
import { OrgParser } from './org';
import { QueueLogParser, type QueueLogOptions } from './queue-log/parser';
import { readLines, textChunks, type ByteSource, type ReadOptions } from './read-lines';
import type { FeedParser, FeedUnit } from './types';
import { WfmForecastParser } from './wfm/forecast';
import { WfmScheduleParser } from './wfm/schedule';
import { SurveyParser } from './wfm/survey';
import { SelfServiceNdjsonParser } from './selfservice/selfservice-ndjson';

export type CreateParserOptions = QueueLogOptions;

export function createParser(format: 'queue_log', options?: CreateParserOptions): QueueLogParser;
export function createParser(format: FeedFormat, options?: CreateParserOptions): FeedParser;
export function createParser(format: FeedFormat, options: CreateParserOptions = {}): FeedParser {
  switch (format) {
    case 'queue_log':
      return new QueueLogParser(options);
    case 'connect-ctr':
      return new ConnectCtrParser();
    case 'connect-agent-events':
      return new ConnectAgentEventsParser();
    case 'contacts-ndjson':
      return new ContactsNdjsonParser();
    case 'agent-states-ndjson':
      return new AgentStatesNdjsonParser();
    case 'wfm-schedule':
      return new WfmScheduleParser(options);
    case 'wfm-forecast':
      return new WfmForecastParser();
    case 'survey':
      return new SurveyParser();
    case 'org':
      return new OrgParser();
    case 'selfservice-ndjson':
      return new SelfServiceNdjsonParser();
  }
  throw new Error(`unknown feed format "${String(format)}"; expected one of ${FEED_FORMATS.join(', ')}`);
}

/** Org documents are small and judged whole; anything larger is not an org export. */
export const MAX_ORG_DOCUMENT_CHARS = 64 * 1024 * 1024;

async function* wholeDocument(source: ByteSource): AsyncGenerator<FeedUnit> {
  let text = '';
  for await (const chunk of textChunks(source)) {
    text += chunk;
    if (text.length > MAX_ORG_DOCUMENT_CHARS) {
      yield { lineNumber: 1, text: text.slice(0, 1024), truncated: true };
      return;
    }
  }
  yield { lineNumber: 1, text: text.replace(/^\ufeff/, '') };
}

/** Formats whose files are streams of JSON values (NDJSON, arrays, pretty-printed, concatenated, Kinesis envelopes). */
export const JSON_VALUE_FORMATS: ReadonlySet<FeedFormat> = new Set<FeedFormat>(['connect-ctr', 'connect-agent-events', 'contacts-ndjson', 'agent-states-ndjson', 'selfservice-ndjson']);

/**
 * The units a format is judged by: lines for line formats, JSON values for the JSON feeds, the
 * whole document for org. Push each (not dropped as duplicate) into the parser.
 */
export function readUnits(format: FeedFormat, source: ByteSource, options: ReadOptions = {}): AsyncGenerator<FeedUnit> {
  if (format === 'org') return wholeDocument(source);
  if (JSON_VALUE_FORMATS.has(format)) return readJsonValues(source, options.maxLineLength === undefined ? {} : { maxValueBytes: options.maxLineLength });
  return readLines(source, options);
}
