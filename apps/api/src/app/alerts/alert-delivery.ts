import { Injectable } from '@nestjs/common';
import { ALERT_EVENTS, formatScope, type AlertInstance, type AlertInstanceEvent, type AlertRule, type Me } from '@floorwatch/contracts';
import { DataSource } from 'typeorm';
import { LiveAlertSource } from '../live/live-alert-source';
import { LiveHub } from '../live/live-hub';
import type { IndexedOrg } from '../org/org-lookup';
import { OrgService } from '../org/org.service';
import { isRecipient, roomsAbove, scopeOf } from './alert-audience';
import { AlertStore } from './alert-store';

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

  private readonly store: AlertStore;

  constructor(
    private readonly hub: LiveHub,
    private readonly orgs: OrgService,
    db: DataSource,
    source: LiveAlertSource,
  ) {
    this.store = new AlertStore(db);
    source.register((user, scope, org) => this.snapshot(user, formatScope(scope), org));
  }

  /**
   * A subscriber's snapshot `alerts`: the open and acknowledged instances it would have been sent
   * — the subscribed room is the instance scope or one above it, and the user is a recipient.
   */
  async snapshot(user: Me, room: string, org: IndexedOrg): Promise<AlertInstance[]> {
    const [instances, rules] = await Promise.all([this.store.instances({ status: ['open', 'acknowledged'], limit: 5000 }), this.store.rules()]);
    const byId = new Map(rules.map((r) => [r.id, r]));
    return instances.filter((i) => roomsAbove(scopeOf(i.scope), org).includes(room) && isRecipient(user, byId.get(i.ruleId), i.scope, org));
  }

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
