import { Injectable } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
import type { FeedAlertPayload } from '@floorwatch/contracts';

/** In-process bus from the stall watcher to the live gateway (which sends only to feed watchers). */
@Injectable()
export class FeedAlerts {
  private readonly subject = new Subject<FeedAlertPayload>();
  readonly alerts$: Observable<FeedAlertPayload> = this.subject.asObservable();

  publish(alert: FeedAlertPayload): void {
    this.subject.next(alert);
  }
}
