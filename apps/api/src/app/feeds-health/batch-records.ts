import type { Subscription } from 'rxjs';
import type { IngestEvent, IngestEvents } from '../ingest/ingest-events';

/**
 * Counts the records an ingest call of `format` publishes (and their latest event time) while it
 * runs. Ingest runs one call per format at a time, so in a process where one caller ingests a
 * format (a follower, or one shipper posting), these are that call's records.
 */
export class BatchRecords {
  records = 0;
  lastRecordAt: number | null = null;
  private readonly sub: Subscription;

  constructor(events: IngestEvents, format: string) {
    this.sub = events.events$.subscribe((e) => {
      if (e.format !== format || e.kind === 'org') return;
      this.records += e.records.length;
      for (const t of eventTimes(e)) if (this.lastRecordAt === null || t > this.lastRecordAt) this.lastRecordAt = t;
    });
  }

  stop(): void {
    this.sub.unsubscribe();
  }
}

function* eventTimes(e: IngestEvent): Iterable<number> {
  if (e.kind === 'state') for (const r of e.records) yield r.at;
  else if (e.kind === 'contact') for (const r of e.records) yield r.endedAt;
  else if (e.kind === 'schedule') for (const r of e.records) yield r.start;
}
