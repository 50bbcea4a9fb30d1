import { Logger, Optional, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { WebSocketGateway, type OnGatewayInit } from '@nestjs/websockets';
import { LIVE_EVENTS, type HotlineCase, type Me } from '@floorwatch/contracts';
import type { Namespace } from 'socket.io';
import type { Subscription } from 'rxjs';
import { AuthService } from '../../auth/auth.service';
import { mayReadCase } from '../../auth/permissions';
import { IngestService } from '../../ingest/ingest.service';
import { forViewer } from './hotline.service';

/**
 * `hotline-case` over `/live` (customer.md): a new or re-routed case goes to the sockets of its
 * assignees only, with no subscribe needed. The namespace's handshake (LiveGateway) has put the
 * user on each socket; at send time the token is verified again and the user must still be allowed
 * to see the case (permissions.ts mayReadCase), so a revoked token or a changed role gets nothing.
 */
@WebSocketGateway({ namespace: '/live', cors: { origin: true } })
export class HotlineLiveGateway implements OnGatewayInit, OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('HotlineLiveGateway');
  private ns: Namespace | null = null;
  private sub: Subscription | null = null;

  constructor(
    private readonly auth: AuthService,
    @Optional() private readonly ingest?: IngestService,
  ) {}

  afterInit(ns: Namespace): void {
    this.ns = ns;
  }

  onModuleInit(): void {
    this.sub = this.ingest?.customer.hotline.cases$.subscribe((c) => void this.push(c).catch((e: unknown) => this.log.error(`hotline push failed: ${String(e)}`))) ?? null;
  }

  onApplicationShutdown(): void {
    this.sub?.unsubscribe();
  }

  /** Sends the case to each connected assignee still allowed to see it; returns the usernames reached. */
  async push(c: HotlineCase): Promise<string[]> {
    if (!this.ns || c.assignedTo.length === 0) return [];
    const reached: string[] = [];
    const place = { agentId: c.attribution?.agentId ?? null, teamId: c.attribution?.teamId ?? null, siteId: c.attribution?.siteId ?? null };
    for (const socket of await this.ns.fetchSockets()) {
      const known = (socket.data as { user?: Me } | undefined)?.user;
      if (!known || !c.assignedTo.includes(known.username)) continue;
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      const user = typeof token === 'string' ? await this.auth.verifyToken(token).catch(() => null) : null;
      if (!user || user.username !== known.username || !mayReadCase(user, place).ok) continue;
      socket.emit(LIVE_EVENTS.hotlineCase, forViewer(user, c));
      reached.push(user.username);
    }
    return reached;
  }
}
