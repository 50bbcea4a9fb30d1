import { Inject, Logger, Optional, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import {
  Ack,
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { FEED_ALERT_EVENT, formatScope, isScopeError, LIVE_EVENTS, parseScope, type SubscribeAck } from '@floorwatch/contracts';
import type { Namespace, Socket } from 'socket.io';
import type { Subscription } from 'rxjs';
import { mayRead } from '../auth/permissions';
import { FeedAlerts } from '../feeds-health/feed-alerts';
import { isAddressedTo } from '../messages/audience';
import { MessageBus } from '../messages/message-bus';
import { OrgService } from '../org/org.service';
import { IngestEvents } from '../ingest/ingest-events';
import type { IngestBatch } from './live-batch';
import { LiveAccess, ROLE_ROOMS, type LiveSocket } from './live-access';
import { isSharedServer } from './redis-io-adapter';
import { LiveAlertSource } from './live-alert-source';
import { LiveHub } from './live-hub';
import { LIVE_OPTIONS, type LiveOptions } from './live-options';
import { LiveState } from './live-state.service';

/** Server-to-server event (Redis adapter) carrying ingest batches and alerts to the other API processes. */
const RELAY_INGEST = 'fw:ingest';
const RELAY_ALERT = 'fw:alert';
/** Sockets of users who may read feed health (permissions.ts `feeds:read`; a role room of LiveAccess): they get `feed-alert`. */
export const FEED_WATCHERS_ROOM = 'feeds:watchers';
if (!(FEED_WATCHERS_ROOM in ROLE_ROOMS)) throw new Error(`${FEED_WATCHERS_ROOM} must be a LiveAccess role room`);

/**
 * socket.io namespace `/live` (spec/interfaces.md "Live"). The handshake must carry a valid JWT in
 * `auth.token` (else connect_error); `subscribe {scope}` is decided by permissions.ts mayRead, as
 * REST is, and answered `{ok:true}` + a `snapshot`, or `{ok:false, error}`. LiveAccess re-checks
 * the user on every subscribe and every few seconds (revoked tokens, changed roles).
 */
@WebSocketGateway({ namespace: '/live', cors: { origin: true } })
export class LiveGateway implements OnGatewayInit, OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('LiveGateway');
  private ns: Namespace | null = null;
  private timer: NodeJS.Timeout | null = null;
  private recheckTimer: NodeJS.Timeout | null = null;
  private readonly subs: Subscription[] = [];

  constructor(
    private readonly access: LiveAccess,
    private readonly orgs: OrgService,
    private readonly state: LiveState,
    private readonly hub: LiveHub,
    private readonly ingest: IngestEvents,
    private readonly messages: MessageBus,
    private readonly alertSource: LiveAlertSource,
    @Inject(LIVE_OPTIONS) private readonly options: LiveOptions,
    @Optional() private readonly feedAlerts?: FeedAlerts,
  ) {}

  onModuleInit(): void {
    void this.state.reload();
    this.subs.push(
      this.state.changes$.subscribe((c) => this.hub.handle(c)),
      this.ingest.events$.subscribe((batch) => {
        void this.state.apply(batch);
        this.relayOut(RELAY_INGEST, batch);
      }),
      this.messages.events$.subscribe(({ alert }) => {
        this.alert(alert);
        this.relayOut(RELAY_ALERT, alert);
      }),
    );
    // Each API process runs its own stall watcher and tells its own sockets.
    if (this.feedAlerts) this.subs.push(this.feedAlerts.alerts$.subscribe((a) => this.ns?.to(FEED_WATCHERS_ROOM).emit(FEED_ALERT_EVENT, a)));
  }

  afterInit(ns: Namespace): void {
    this.ns = ns;
    this.hub.attach(ns);
    ns.use((socket, next) => {
      const token: unknown = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      void this.access.admit(token).then((data) => {
        if (typeof data === 'string') return next(new Error(`unauthorized: ${data}`));
        (socket as LiveSocket).data = data;
        next();
      });
    });
    ns.on('connection', (socket: LiveSocket) => this.access.syncRoleRooms(socket, socket.data.user));
    ns.on(RELAY_INGEST, (batch: IngestBatch) => void this.state.apply(batch));
    ns.on(RELAY_ALERT, (alert: Parameters<LiveHub['alert']>[0]) => this.alert(alert));
    this.timer = setInterval(() => this.tick(), this.options.tickMs);
    this.timer.unref();
    this.recheckTimer = setInterval(() => void this.access.sweep(ns, this.state.org), this.options.recheckMs);
    this.recheckTimer.unref();
  }

  /** A message reaches only the sockets whose user GET /messages would show it to (audience.ts). */
  private alert(alert: Parameters<LiveHub['alert']>[0]): void {
    const scope = parseScope(alert.toScope);
    const org = this.state.org;
    if (isScopeError(scope) || !org) return;
    this.hub.alert(alert, (socket) => {
      const user = (socket as LiveSocket).data.user;
      return user !== undefined && (user.username === alert.from || isAddressedTo(user, scope, org));
    });
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown, @Ack() ack?: (a: SubscribeAck) => void): Promise<void> {
    const reply = (a: SubscribeAck): void => {
      if (typeof ack === 'function') ack(a);
    };
    const text = (body as { scope?: unknown } | null)?.scope;
    if (typeof text !== 'string') return reply({ ok: false, error: 'subscribe needs {scope: "enterprise"|"site:<id>"|"team:<id>"|"agent:<id>"}' });
    const scope = parseScope(text);
    if (isScopeError(scope)) return reply({ ok: false, error: scope.error });
    if (scope.kind === 'queue') return reply({ ok: false, error: 'live events are per enterprise, site, team or agent' });
    // The user as stored now: a revoked token closes the socket, changed roles apply at once.
    const [org] = await Promise.all([this.orgs.get(), this.state.ready]);
    const user = await this.access.recheck(socket, org);
    if (!user) return reply({ ok: false, error: 'session ended' });
    const decision = mayRead(user, scope, org);
    if (!decision.ok) return reply({ ok: false, error: decision.reason });
    if (!socket.connected) return;
    const room = formatScope(scope);
    if (!this.access.mayJoinAnother(socket, room)) return reply({ ok: false, error: `at most ${this.options.maxRoomsPerSocket} subscriptions per connection; unsubscribe first` });
    // Read before joining: only an alert changing during this read (the evaluator ticks once a
    // minute) can be missed; once joined, its events come as for any subscriber.
    const alerts = await this.alertSource.read(user, scope, org);
    if (!socket.connected) return;
    // Join, snapshot and ack in one synchronous step: no event can fall between them.
    void socket.join(room);
    const snapshot = { ...this.hub.snapshot(scope), alerts };
    reply({ ok: true });
    (socket as Socket).emit(LIVE_EVENTS.snapshot, snapshot);
  }

  @SubscribeMessage('unsubscribe')
  unsubscribe(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown, @Ack() ack?: (a: SubscribeAck) => void): void {
    const text = (body as { scope?: unknown } | null)?.scope;
    const scope = typeof text === 'string' ? parseScope(text) : { error: 'unsubscribe needs {scope}' };
    if (isScopeError(scope)) {
      if (typeof ack === 'function') ack({ ok: false, error: scope.error });
      return;
    }
    void socket.leave(formatScope(scope));
    if (typeof ack === 'function') ack({ ok: true });
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.recheckTimer) clearInterval(this.recheckTimer);
    for (const s of this.subs) s.unsubscribe();
  }

  private tick(): void {
    try {
      this.state.tick();
      this.hub.flush();
    } catch (e) {
      this.log.error(`live tick failed: ${e instanceof Error ? e.stack : String(e)}`);
    }
  }

  /** With the Redis adapter, the other API processes apply the same batch; without, nothing to do. */
  private relayOut(event: string, payload: unknown): void {
    if (this.ns && isSharedServer(this.ns.server)) this.ns.serverSideEmit(event, payload);
  }
}
