import type { Subscription } from 'rxjs';
import type { IngestEvent, IngestEvents } from '../ingest/ingest-events';

/**
 * Counts the records an ingest call of `format` publishes (and their latest event time) while it
 * runs. Callers hold the format's lock (formatLocks) around the call, so the records published
 * meanwhile are that call's own, whichever followers, streams and uploads share the process.
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

/** One ingest call per format at a time in this process, so BatchRecords counts only its own (ingest serialises per format anyway). */
class FormatLocks {
  private readonly tails = new Map<string, Promise<void>>();

  async acquire(format: string): Promise<() => void> {
    const before = this.tails.get(format) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((done) => (release = done));
    const tail = before.then(() => mine);
    this.tails.set(format, tail);
    await before;
    return () => {
      release();
      if (this.tails.get(format) === tail) this.tails.delete(format);
    };
  }
}

export const formatLocks = new FormatLocks();

/**
 * Feed-health writes under way in this process. An ingest call's records reach /live as it
 * publishes them and its batch is stored in feed health just after it returns, so a read waits
 * for the writes already started: figures read after a record reached /live include it.
 */
class PendingRecordings {
  private readonly pending = new Set<Promise<unknown>>();

  track<T>(write: Promise<T>): Promise<T> {
    this.pending.add(write);
    const done = () => void this.pending.delete(write);
    write.then(done, done);
    return write;
  }

  async settled(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }
}

export const pendingRecordings = new PendingRecordings();
