import { Injectable, InjectionToken, effect, inject, signal } from '@angular/core';
import { Observable } from 'rxjs';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { LIVE_EVENTS, type SubscribeAck } from '@floorwatch/contracts';
import { AuthService } from './auth.service';

export type ConnectionStatus = 'offline' | 'connecting' | 'live' | 'reconnecting' | 'refused';

export type IoFactory = (url: string, opts: Partial<ManagerOptions & SocketOptions>) => Socket;
/** The socket.io client constructor; a token so tests can hand in a fake socket. */
export const IO_FACTORY = new InjectionToken<IoFactory>('IO_FACTORY', { providedIn: 'root', factory: () => io });
/** Origin of the live namespace; the API serves the app, so the page's own origin by default. */
export const LIVE_URL = new InjectionToken<string>('LIVE_URL', {
  providedIn: 'root',
  factory: () => `${globalThis.location?.origin ?? ''}/live`,
});

type LiveEventName = (typeof LIVE_EVENTS)[keyof typeof LIVE_EVENTS];

/** What the `seq` rule makes of one event: drop a stale one; pass one after a gap but resync. */
export type SeqVerdict = 'pass' | 'drop' | 'gap';

/**
 * The client's half of the live policy (apps/api live README): per scope, events with
 * seq ≤ the last seen are stale or repeated; seq > last + 1 means something was skipped for a
 * slow connection; a snapshot sets the count afresh. Events without seq/scope pass untouched.
 */
export function judgeSeq(lastSeen: Map<string, number>, event: string, payload: unknown): SeqVerdict {
  const p = payload as { seq?: unknown; scope?: unknown } | null;
  if (!p || typeof p.seq !== 'number' || typeof p.scope !== 'string') return 'pass';
  const last = lastSeen.get(p.scope);
  if (event === LIVE_EVENTS.snapshot || last === undefined) {
    lastSeen.set(p.scope, p.seq);
    return 'pass';
  }
  if (p.seq <= last) return 'drop';
  lastSeen.set(p.scope, p.seq);
  return p.seq === last + 1 ? 'pass' : 'gap';
}

/**
 * One socket.io connection to `/live` for the whole app. Scopes subscribed to are remembered and
 * re-subscribed after every reconnect, because the server forgets rooms when the socket drops.
 */
@Injectable({ providedIn: 'root' })
export class SocketService {
  private readonly auth = inject(AuthService);
  private readonly ioFactory = inject(IO_FACTORY);
  private readonly url = inject(LIVE_URL);
  private socket: Socket | null = null;
  private readonly scopes = new Map<string, number>();
  private readonly lastSeq = new Map<string, number>();
  /** Scopes resubscribed after a gap and waiting for their snapshot: one resync at a time. */
  private readonly resyncing = new Set<string>();
  /** One verdict per payload: every observer of an event sees the same object, judged once. */
  private readonly verdicts = new WeakMap<object, boolean>();
  private readonly statusSig = signal<ConnectionStatus>('offline');
  private readonly lastErrorSig = signal<string | null>(null);
  private readonly lastEventAtSig = signal<number | null>(null);

  readonly status = this.statusSig.asReadonly();
  readonly lastError = this.lastErrorSig.asReadonly();
  /** Wall-clock ms of the last event received: the indicator shows staleness from it. */
  readonly lastEventAt = this.lastEventAtSig.asReadonly();

  constructor() {
    // A new token (login as someone else) or logout must not keep the old identity's socket.
    effect(() => {
      const token = this.auth.token();
      if (!token) this.disconnect();
      else if (this.socket) this.reconnectWithToken(token);
    });
  }

  connect(): Socket | null {
    if (this.socket) return this.socket;
    const token = this.auth.token();
    if (!token) return null;
    this.statusSig.set('connecting');
    const socket = this.ioFactory(this.url, {
      auth: { token },
      transports: ['websocket', 'polling'],
      reconnectionDelayMax: 10_000,
    });
    socket.on('connect', () => {
      this.statusSig.set('live');
      this.lastErrorSig.set(null);
      // A new connection (perhaps another server process) starts every scope from its snapshot.
      this.lastSeq.clear();
      this.resyncing.clear();
      for (const scope of this.scopes.keys()) void this.emitSubscribe(scope);
    });
    socket.on('disconnect', () => this.statusSig.set(this.socket ? 'reconnecting' : 'offline'));
    socket.on('connect_error', (err: Error) => {
      this.lastErrorSig.set(err.message);
      this.statusSig.set(socket.active ? 'reconnecting' : 'refused');
    });
    socket.onAny((event: string, payload: unknown) => {
      this.lastEventAtSig.set(Date.now());
      // Judged here too, so seq is followed (and gaps seen) for events no view observes.
      if ((Object.values(LIVE_EVENTS) as string[]).includes(event)) this.accept(event as LiveEventName, payload);
    });
    this.socket = socket;
    return socket;
  }

  /** Subscribes to a scope (reference-counted); resolves with the server's acknowledgement. */
  async subscribe(scope: string): Promise<SubscribeAck> {
    this.scopes.set(scope, (this.scopes.get(scope) ?? 0) + 1);
    const socket = this.connect();
    if (!socket) return { ok: false, error: 'not signed in' };
    if (!socket.connected) return { ok: true };
    return this.emitSubscribe(scope);
  }

  unsubscribe(scope: string): void {
    const n = (this.scopes.get(scope) ?? 0) - 1;
    if (n > 0) {
      this.scopes.set(scope, n);
      return;
    }
    this.scopes.delete(scope);
    this.lastSeq.delete(scope);
    this.resyncing.delete(scope);
    this.socket?.emit('unsubscribe', { scope });
  }

  /**
   * Server events as an observable, stale ones (seq ≤ last seen for their scope) left out; the
   * listener is removed on unsubscribe.
   */
  on<T>(event: LiveEventName): Observable<T> {
    return new Observable<T>((sub) => {
      const socket = this.connect();
      if (!socket) return undefined;
      const handler = (payload: T): void => {
        if (this.accept(event, payload)) sub.next(payload);
      };
      socket.on(event, handler);
      return () => socket.off(event, handler);
    });
  }

  /** An event outside the scoped, sequenced ones (e.g. `feed-alert`, sent by role, not by scope). */
  onUnsequenced<T>(event: string): Observable<T> {
    return new Observable<T>((sub) => {
      const socket = this.connect();
      if (!socket) return undefined;
      const handler = (payload: T): void => sub.next(payload);
      socket.on(event, handler);
      return () => socket.off(event, handler);
    });
  }

  disconnect(): void {
    const s = this.socket;
    this.socket = null;
    s?.removeAllListeners();
    s?.disconnect();
    this.statusSig.set('offline');
  }

  private accept(event: LiveEventName, payload: unknown): boolean {
    if (typeof payload !== 'object' || payload === null) return true;
    const known = this.verdicts.get(payload);
    if (known !== undefined) return known;
    const verdict = judgeSeq(this.lastSeq, event, payload);
    const scope = (payload as { scope?: string }).scope;
    if (scope !== undefined) {
      if (event === LIVE_EVENTS.snapshot) this.resyncing.delete(scope);
      else if (verdict === 'gap' && this.scopes.has(scope) && !this.resyncing.has(scope)) {
        // Something was skipped (coalesced push to a slow connection): the snapshot puts it right.
        this.resyncing.add(scope);
        void this.emitSubscribe(scope).then((ack) => {
          if (!ack.ok) this.resyncing.delete(scope);
        });
      }
    }
    const ok = verdict !== 'drop';
    this.verdicts.set(payload, ok);
    return ok;
  }

  private reconnectWithToken(token: string): void {
    const s = this.socket;
    if (!s) return;
    const current = (s.auth as { token?: string } | undefined)?.token;
    if (current === token) return;
    s.auth = { token };
    s.disconnect().connect();
  }

  private emitSubscribe(scope: string): Promise<SubscribeAck> {
    const socket = this.socket;
    if (!socket) return Promise.resolve({ ok: false, error: 'not connected' });
    return new Promise<SubscribeAck>((resolve) => {
      socket.timeout(10_000).emit('subscribe', { scope }, (err: Error | null, ack: SubscribeAck) => {
        if (err) resolve({ ok: false, error: 'the server did not answer the subscription' });
        else {
          if (!ack.ok) this.lastErrorSig.set(ack.error);
          resolve(ack);
        }
      });
    });
  }
}
