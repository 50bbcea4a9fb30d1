import { Inject, Injectable, Logger } from '@nestjs/common';
import { formatScope, isScopeError, parseScope, type Me } from '@floorwatch/contracts';
import type { Namespace, Socket } from 'socket.io';
import { AuthService, type TokenClaims } from '../auth/auth.service';
import { mayDo, mayRead } from '../auth/permissions';
import { UsersService } from '../auth/users.service';
import type { IndexedOrg } from '../org/org-lookup';
import { LIVE_OPTIONS, type LiveOptions } from './live-options';

export interface LiveSocketData {
  user: Me;
  claims: TokenClaims;
}
export type LiveSocket = Socket<Record<string, never>, Record<string, never>, Record<string, never>, LiveSocketData>;

/** Sent just before the server closes a socket whose access ended (the client should not reconnect with that token). */
export const SESSION_ENDED = 'session-ended';
/** Sent when the server took a socket out of a room its user may no longer read. */
export const UNSUBSCRIBED = 'unsubscribed';

/**
 * Rooms a socket is in because of what its user may do, not because it subscribed to a scope:
 * joined at the handshake, kept in step with the user on every re-check, outside the room cap.
 */
export const ROLE_ROOMS: Readonly<Record<string, (user: Me) => boolean>> = {
  // feed-alert (feeds-health): whoever may read feed health.
  'feeds:watchers': (user) => mayDo(user, 'feeds:read'),
};

/**
 * Who may keep a live socket, checked at the handshake, on every subscribe and every
 * `recheckMs` for all sockets of this process (one query for all their users): an expired,
 * revoked (password change, logout, disable), deleted or must-change-password user's sockets are
 * closed; a user whose roles or scope changed leaves the rooms they may no longer read.
 */
@Injectable()
export class LiveAccess {
  private readonly log = new Logger('LiveAccess');
  private sweeping = false;

  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    @Inject(LIVE_OPTIONS) private readonly options: LiveOptions,
  ) {}

  /** The handshake: the socket's data, or the reason to refuse it. */
  async admit(token: unknown): Promise<LiveSocketData | string> {
    if (typeof token !== 'string' || token.length === 0) return 'no token in auth.token';
    try {
      const claims = await this.auth.claimsOf(token);
      const user = this.auth.userFor(claims, await this.users.account(claims.sub));
      if (typeof user === 'string') return user;
      if (user.mustChangePassword) return 'change your password first';
      return { user, claims };
    } catch (e) {
      return e instanceof Error ? e.message : 'invalid token';
    }
  }

  /** Before a subscribe: the user as stored now, or null after closing the socket. */
  async recheck(socket: LiveSocket, org: IndexedOrg): Promise<Me | null> {
    const user = this.auth.userFor(socket.data.claims, await this.users.account(socket.data.claims.sub));
    if (typeof user === 'string' || user.mustChangePassword) {
      this.end(socket, typeof user === 'string' ? user : 'change your password first');
      return null;
    }
    this.update(socket, user, org);
    return user;
  }

  /** A changed user: keep the new picture and leave the rooms it no longer allows. */
  private update(socket: LiveSocket, user: Me, org: IndexedOrg | null): void {
    if (JSON.stringify(user) === JSON.stringify(socket.data.user)) return;
    socket.data.user = user;
    this.syncRoleRooms(socket, user);
    if (org) this.leaveUnreadable(socket, user, org);
  }

  /** Joins the role rooms the user may be in and leaves the others. */
  syncRoleRooms(socket: LiveSocket, user: Me): void {
    for (const [room, allowed] of Object.entries(ROLE_ROOMS)) {
      if (allowed(user)) void socket.join(room);
      else void socket.leave(room);
    }
  }

  /** Scope rooms a socket has subscribed to (its own id room and role rooms aside). */
  roomsOf(socket: Socket): string[] {
    return [...socket.rooms].filter((r) => r !== socket.id && !(r in ROLE_ROOMS));
  }

  mayJoinAnother(socket: Socket, room: string): boolean {
    return socket.rooms.has(room) || this.roomsOf(socket).length < this.options.maxRoomsPerSocket;
  }

  /** Every local socket against the store, once. Overlapping calls are skipped. */
  async sweep(ns: Namespace, org: IndexedOrg | null): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      const sockets = [...ns.sockets.values()] as LiveSocket[];
      const accounts = await this.users.accounts([...new Set(sockets.map((s) => s.data.claims?.sub).filter((u): u is string => !!u))]);
      for (const socket of sockets) {
        if (!socket.connected || !socket.data.claims) continue;
        const user = this.auth.userFor(socket.data.claims, accounts.get(socket.data.claims.sub));
        if (typeof user === 'string' || user.mustChangePassword) {
          this.end(socket, typeof user === 'string' ? user : 'change your password first');
          continue;
        }
        this.update(socket, user, org);
      }
    } catch (e) {
      this.log.warn(`live access sweep failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      this.sweeping = false;
    }
  }

  private leaveUnreadable(socket: LiveSocket, user: Me, org: IndexedOrg): void {
    for (const room of this.roomsOf(socket)) {
      const scope = parseScope(room);
      const decision = isScopeError(scope) ? { ok: false as const, reason: scope.error } : mayRead(user, scope, org);
      if (decision.ok) continue;
      void socket.leave(room);
      (socket as Socket).emit(UNSUBSCRIBED, { scope: isScopeError(scope) ? room : formatScope(scope), error: decision.reason });
    }
  }

  private end(socket: LiveSocket, reason: string): void {
    (socket as Socket).emit(SESSION_ENDED, { reason });
    socket.disconnect(true);
  }
}
