import { Injectable } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
import type { AgentStateEvent, Contact, Org, ScheduleSegment } from '@floorwatch/contracts';

/** Records one committed ingest batch added, for the live gateway (already org-mapped). */
export type IngestEvent =
  | { kind: 'state'; format: string; records: AgentStateEvent[] }
  | { kind: 'contact'; format: string; records: Contact[] }
  | { kind: 'schedule'; format: string; records: ScheduleSegment[] }
  | { kind: 'org'; format: string; records: Org[] };

/**
 * In-process bus between ingest and live. Events are published only after their batch committed,
 * so a subscriber never sees a record that a rollback later removes.
 */
@Injectable()
export class IngestEvents {
  private readonly subject = new Subject<IngestEvent>();
  readonly events$: Observable<IngestEvent> = this.subject.asObservable();

  publish(event: IngestEvent): void {
    if (event.records.length > 0) this.subject.next(event);
  }
}
