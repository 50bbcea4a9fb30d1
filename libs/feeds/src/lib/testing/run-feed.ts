import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { isAbsolute, join } from 'node:path';
import type { FeedFormat } from '@floorwatch/contracts';
import { createParser, readUnits } from '../create-parser';
import type { FeedContact, FeedParser, FeedRecord, FeedStateEvent, LineOutcome } from '../types';

export const fixture = (name: string): string => join(__dirname, '..', '..', 'fixtures', name);

export interface FeedRun {
  outcomes: LineOutcome[];
  records: FeedRecord[];
  contacts: FeedContact[];
  states: FeedStateEvent[];
  quarantined: LineOutcome[];
}

/** Test helper: reads units, pushes them and (unless `keepOpen`) flushes with end(). */
export async function runFeed(format: FeedFormat, source: string | { text: string | Buffer }, parser: FeedParser = createParser(format), keepOpen = false): Promise<FeedRun> {
  const stream = typeof source === 'string' ? createReadStream(isAbsolute(source) ? source : fixture(source)) : Readable.from([typeof source.text === 'string' ? Buffer.from(source.text) : source.text]);
  const outcomes: LineOutcome[] = [];
  const records: FeedRecord[] = [];
  for await (const unit of readUnits(format, stream)) {
    const o = parser.push(unit);
    outcomes.push(o);
    records.push(...o.records);
  }
  if (!keepOpen) records.push(...parser.end());
  return {
    outcomes,
    records,
    contacts: records.filter((r): r is FeedContact => r.kind === 'contact'),
    states: records.filter((r): r is FeedStateEvent => r.kind === 'state'),
    quarantined: outcomes.filter((o) => o.status === 'quarantined'),
  };
}

export const byKey = (contacts: FeedContact[], key: string): FeedContact => {
  const c = contacts.find((x) => x.naturalKey === key);
  if (!c) throw new Error(`no contact ${key}; have ${contacts.map((x) => x.naturalKey).join(', ')}`);
  return c;
};
