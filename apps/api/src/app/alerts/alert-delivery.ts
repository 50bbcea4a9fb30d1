import { Injectable } from '@nestjs/common';
import { ALERT_EVENTS, type AlertInstance, type AlertInstanceEvent, type AlertRule, type Me } from '@floorwatch/contracts';
import { LiveHub } from '../live/live-hub';
import { OrgService } from '../org/org.service';
import { isRecipient, roomsAbove, scopeOf } from './alert-audience';

type AlertEventName = (typeof ALERT_EVENTS)[keyof typeof ALERT_EVENTS];

/**
 * `/live` delivery of alert instances (spec/action.md "Delivery"): to each socket subscribed to
 * the instance scope or one above it whose user is in the rule's audience and may read the
 * scope — decided per socket, so a room member outside the audience never receives it. One copy
 * per socket, stamped with the most specific room it holds.
 */
@Injectable()
export class AlertDelivery {
  private seq = 0;

  constructor(
    private readonly hub: LiveHub,
    private readonly orgs: OrgService,
  ) {}

  async send(event: AlertEventName, instance: AlertInstance, rule: AlertRule | undefined, at: number): Promise<number> {
    const org = await this.orgs.get();
    const sent = new Set<string>();
    this.seq += 1;
    for (const room of roomsAbove(scopeOf(instance.scope), org)) {
      for (const socket of this.hub.socketsIn(room)) {
        if (sent.has(socket.id)) continue;
        const user = (socket.data as { user?: Me } | undefined)?.user;
        if (!user || !isRecipient(user, rule, instance.scope, org)) continue;
        sent.add(socket.id);
        const payload: AlertInstanceEvent = { at: new Date(at).toISOString(), seq: this.seq, scope: room, instance };
        socket.emit(event, payload);
      }
    }
    return sent.size;
  }
}
