import { Injectable } from '@nestjs/common';
import type { AlertPayload, Message } from '@floorwatch/contracts';
import { Subject, type Observable } from 'rxjs';

export interface MessageEvent {
  message: Message;
  /** Ready to emit as the live `alert` event to the rooms of `message.toScope`. */
  alert: AlertPayload;
}

/** Every message sent, for the live gateway to push as `alert` events (subscribe to `events$`). */
@Injectable()
export class MessageBus {
  private readonly subject = new Subject<MessageEvent>();
  readonly events$: Observable<MessageEvent> = this.subject.asObservable();

  publish(message: Message): void {
    this.subject.next({
      message,
      alert: { at: message.createdAt, id: message.id, from: message.from, toScope: message.toScope, subject: message.subject, body: message.body },
    });
  }
}
