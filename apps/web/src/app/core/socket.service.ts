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
      for (const scope of this.scopes.keys()) void this.emitSubscribe(scope);
    });
    socket.on('disconnect', () => this.statusSig.set(this.socket ? 'reconnecting' : 'offline'));
    socket.on('connect_error', (err: Error) => {
      this.lastErrorSig.set(err.message);
      this.statusSig.set(socket.active ? 'reconnecting' : 'refused');
    });
    socket.onAny(() => this.lastEventAtSig.set(Date.now()));
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
    this.socket?.emit('unsubscribe', { scope });
  }

  /** Server events as an observable; the listener is removed on unsubscribe. */
  on<T>(event: LiveEventName): Observable<T> {
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
