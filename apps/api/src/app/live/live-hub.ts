import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  formatScope,
  LIVE_EVENTS,
  parseScope,
  isScopeError,
  type AlertPayload,
  type LiveSnapshot,
  type Scope,
  type StaffingEventPayload,
  type StaffingRow,
} from '@floorwatch/contracts';
import { INTERVAL_MS } from '@floorwatch/kpi';
import type { Namespace, Socket } from 'socket.io';
import { computeLiveStaffing, computeLiveTiles, tileDelta, type LiveTiles } from './live-figures';
import { LIVE_OPTIONS, type LiveOptions } from './live-options';
import { LiveState, type LiveChange } from './live-state.service';

const iso = (t: number): string => new Date(t).toISOString();

/** Packets waiting to be written to this connection (engine.io keeps the queue private). */
function queuedPackets(socket: Socket): number {
  return (socket.conn as unknown as { writeBuffer: unknown[] }).writeBuffer.length;
}

/** The rooms an agent's events go to: the agent, their team, their site and the enterprise. */
export function roomsOfAgent(a: { agentId: string; teamId: string | null; siteId: string }): string[] {
  return [`agent:${a.agentId}`, ...(a.teamId ? [`team:${a.teamId}`] : []), `site:${a.siteId}`, 'enterprise'];
}

/**
 * Pushes live changes to this process's sockets, one room per scope, each copy stamped with the
 * room's `seq`. Policy:
 * - `agent-state`, `adherence-*` and `alert` are sent as they happen, reliably.
 * - `staffing` (per site) and `kpi` (per scope, deltas) are coalesced: changes only mark the
 *   scope dirty; a dirty site/scope is pushed on the next tick (50 ms) if its last push is at
 *   least coalesceMs (0.9 s) old, else when it becomes so — about one push a second each, and
 *   a quiet scope's first change goes out within a tick. `at` = the oldest source event folded in. A connection that already has more than skipCoalescedAbovePackets
 *   packets waiting is skipped for them (it sees a seq gap: resubscribe → snapshot), so nothing
 *   coalescible queues up behind a slow reader. (socket.io's `volatile` was tried: it drops a
 *   packet whenever the websocket is mid-send, i.e. the second of two back-to-back events.)
 * - A connection with more than maxBufferedPackets packets waiting (socket.conn.writeBuffer) is
 *   closed at transport level; the client reconnects, resubscribes and gets a fresh snapshot.
 * Everything is emitted to local sockets only: with Redis, each process receives every ingest
 * batch (relayed by the gateway) and keeps its own picture, so seq stays one counter per room.
 */
@Injectable()
export class LiveHub {
  private readonly log = new Logger('LiveHub');
  private ns: Namespace | null = null;
  private readonly seqs = new Map<string, number>();
  private readonly tiles = new Map<string, { values: LiveTiles; computedAt: number }>();
  private readonly kpiDirty = new Map<string, number>();
  private readonly staffingDirty = new Map<string, number>();
  private readonly staffingLast = new Map<string, { key: string; at: number }>();
  /** The live staffing row last computed per site, for snapshots (see liveStaffing). */
  private readonly staffingRows = new Map<string, { row: StaffingRow; at: number }>();
  private interval = -1;
  private overBound = new Set<string>();
  /** Scope rooms someone joined here; rooms a client left stay cheap (no members ⇒ no work). */
  private readonly scopes = new Map<string, Scope>();

  constructor(
    private readonly state: LiveState,
    @Inject(LIVE_OPTIONS) private readonly options: LiveOptions,
  ) {}

  attach(ns: Namespace): void {
    this.ns = ns;
  }

  track(scope: Scope): string {
    const room = formatScope(scope);
    this.scopes.set(room, scope);
    return room;
  }

  handle(change: LiveChange): void {
    switch (change.type) {
      case 'agent-state':
        for (const room of roomsOfAgent(change.payload)) this.emit(room, LIVE_EVENTS.agentState, change.payload, false);
        return;
      case 'adherence-exception':
      case 'adherence-cleared':
        for (const room of roomsOfAgent(change.payload)) this.emit(room, change.type, change.payload, false);
        return;
      case 'touched': {
        const rooms = change.agentId
          ? roomsOfAgent({ agentId: change.agentId, teamId: change.teamId, siteId: change.siteId })
          : [...(change.teamId ? [`team:${change.teamId}`] : []), `site:${change.siteId}`, 'enterprise'];
        for (const room of rooms) {
          if (this.hasMembers(room)) this.kpiDirty.set(room, Math.min(this.kpiDirty.get(room) ?? Infinity, change.at));
          // Nobody watches: its cached tiles are no longer the answer (the next snapshot recomputes).
          else this.tiles.delete(room);
        }
        if (change.staffing) {
          this.staffingDirty.set(change.siteId, Math.min(this.staffingDirty.get(change.siteId) ?? Infinity, change.at));
          this.staffingRows.delete(change.siteId);
        }
        return;
      }
    }
  }

  /**
   * An alert to `toScope` goes to the sockets subscribed to that room or a room below it (or the
   * enterprise, for a site) whose user `addressed` accepts: the same audience as GET /messages,
   * not everyone who may read the room. Sent once per socket, outside the rooms' seq (a socket
   * that is not addressed must not see a gap).
   */
  alert(alert: AlertPayload, addressed: (socket: Socket) => boolean): void {
    const scope = parseScope(alert.toScope);
    if (isScopeError(scope)) return;
    const rooms = new Set([alert.toScope]);
    const org = this.state.org;
    if (scope.kind === 'site') {
      rooms.add('enterprise');
      for (const t of org?.org.teams ?? []) if (t.siteId === scope.id) rooms.add(`team:${t.id}`);
    }
    if (scope.kind === 'site' || scope.kind === 'team') {
      for (const a of this.state.agentsIn(scope)) rooms.add(`agent:${a.id}`);
    }
    const ns = this.ns;
    if (!ns) return;
    const sent = new Set<string>();
    for (const room of rooms) {
      for (const id of ns.adapter.rooms.get(room) ?? []) {
        const socket = ns.sockets.get(id);
        if (!socket || sent.has(id) || !addressed(socket)) continue;
        sent.add(id);
        socket.emit(LIVE_EVENTS.alert, { ...alert, scope: alert.toScope });
      }
    }
  }

  /** Each tick: the staffing and kpi pushes that are due (see the class comment). */
  flush(): void {
    const now = this.state.now();
    const interval = Math.floor(now / INTERVAL_MS);
    if (interval !== this.interval) {
      // A new quarter hour: every watched site gets its new interval row.
      this.interval = interval;
      for (const site of this.state.org?.org.sites ?? []) this.staffingDirty.set(site.id, Math.min(this.staffingDirty.get(site.id) ?? Infinity, interval * INTERVAL_MS));
    }
    const coalesce = this.options.coalesceMs;
    for (const [siteId, at] of this.staffingDirty) {
      const last = this.staffingLast.get(siteId);
      if (last && now - last.at < coalesce) continue;
      this.staffingDirty.delete(siteId);
      if (!this.hasMembers(`site:${siteId}`) && !this.hasMembers('enterprise')) continue;
      const row = this.computeStaffing(siteId, now);
      const key = JSON.stringify(row);
      if (last?.key === key) continue;
      this.staffingLast.set(siteId, { key, at: now });
      const payload: StaffingEventPayload = { at: iso(Math.min(at, now)), siteId, row };
      this.emit(`site:${siteId}`, LIVE_EVENTS.staffing, payload, true);
      this.emit('enterprise', LIVE_EVENTS.staffing, payload, true);
    }
    for (const [room, scope] of this.scopes) {
      if (!this.hasMembers(room)) {
        // Its tiles stay cached until touched or kpiRefreshMs old: a page reloaded or opened
        // again gets its snapshot without recomputing (at 5 000 agents, ~100 ms per site).
        this.scopes.delete(room);
        this.kpiDirty.delete(room);
        continue;
      }
      const dirtyAt = this.kpiDirty.get(room);
      const last = this.tiles.get(room);
      if (last && now - last.computedAt < (dirtyAt === undefined ? this.options.kpiRefreshMs : coalesce)) continue;
      this.kpiDirty.delete(room);
      const values = computeLiveTiles(this.state, scope, now);
      this.tiles.set(room, { values, computedAt: now });
      const kpis = tileDelta(last?.values, values);
      if (Object.keys(kpis).length === 0) continue;
      this.emit(room, LIVE_EVENTS.kpi, { at: iso(Math.min(dirtyAt ?? now, now)), scope: room, kpis }, true);
    }
    this.enforceBackPressure();
  }

  /**
   * Everything a new subscriber needs, built synchronously right after the join, so every later
   * event of the room has a higher seq than the snapshot's.
   */
  snapshot(scope: Scope): LiveSnapshot {
    const room = this.track(scope);
    const now = this.state.now();
    let tiles = this.tiles.get(room);
    if (!tiles || now - tiles.computedAt >= this.options.kpiRefreshMs) {
      tiles = { values: computeLiveTiles(this.state, scope, now), computedAt: now };
      this.tiles.set(room, tiles);
    }
    const agents = this.state.agentsIn(scope);
    const siteIds = scope.kind === 'site' ? [scope.id] : scope.kind === 'enterprise' ? (this.state.org?.org.sites ?? []).map((s) => s.id) : [];
    return {
      at: iso(now),
      scope: room,
      seq: this.seqs.get(room) ?? 0,
      agents: this.state.currentStates(scope),
      exceptions: this.state.rta.openExceptions(agents),
      staffing: siteIds.map((siteId) => ({ at: iso(now), siteId, row: this.liveStaffing(siteId, now) })),
      kpis: tiles.values,
    };
  }

  /**
   * The site's live staffing row: the one last computed while no state, schedule or forecast of
   * the site has come in since, in the same interval and under kpiRefreshMs old (an org change
   * moves agents without touching), else computed now.
   */
  private liveStaffing(siteId: string, now: number): StaffingRow {
    const kept = this.staffingRows.get(siteId);
    if (kept && Math.floor(kept.at / INTERVAL_MS) === Math.floor(now / INTERVAL_MS) && now - kept.at < this.options.kpiRefreshMs) return kept.row;
    return this.computeStaffing(siteId, now);
  }

  /** Computes the site's live staffing row and keeps it for the next snapshot. */
  private computeStaffing(siteId: string, now: number): StaffingRow {
    const row = computeLiveStaffing(this.state, siteId, now);
    this.staffingRows.set(siteId, { row, at: now });
    return row;
  }

  /**
   * Closes connections that cannot keep up (see the class comment): over the bound on two ticks
   * in a row, because one big ingest batch legitimately queues a burst that a healthy client
   * drains within milliseconds.
   */
  enforceBackPressure(): void {
    if (!this.ns) return;
    const over = new Set<string>();
    for (const socket of this.ns.sockets.values()) {
      const queued = queuedPackets(socket);
      if (queued <= this.options.maxBufferedPackets) continue;
      if (this.overBound.has(socket.id)) {
        this.log.warn(`closing slow live connection ${socket.id} (${queued} packets waiting)`);
        // Discard the queue and drop the transport (no goodbye packet that would wait behind it):
        // the client sees a transport close, reconnects and resubscribes for a fresh snapshot.
        socket.conn.close(true);
        socket.disconnect(true);
      } else {
        over.add(socket.id);
      }
    }
    this.overBound = over;
  }

  /** This process's sockets in a room (alert delivery filters them per recipient, spec/action.md). */
  socketsIn(room: string): Socket[] {
    const ns = this.ns;
    const ids = ns?.adapter.rooms.get(room);
    if (!ns || !ids) return [];
    return [...ids].map((id) => ns.sockets.get(id)).filter((s): s is Socket => s !== undefined);
  }

  /** Live connections on this process (metrics, tests). */
  connections(): number {
    return this.ns?.sockets.size ?? 0;
  }

  /** Someone is in the room on this process (features with their own timers ask before computing). */
  listening(room: string): boolean {
    return this.hasMembers(room);
  }

  /** A coalescible event of a feature with its own timer (selfservice.md §5 `ivr`), stamped like the rest. */
  publish(room: string, event: string, payload: object): void {
    this.emit(room, event, payload, true);
  }

  private hasMembers(room: string): boolean {
    return (this.ns?.adapter.rooms.get(room)?.size ?? 0) > 0;
  }

  private emit(room: string, event: string, payload: object, coalescible: boolean): void {
    const ns = this.ns;
    const members = ns?.adapter.rooms.get(room);
    if (!ns || !members || members.size === 0) return;
    const seq = (this.seqs.get(room) ?? 0) + 1;
    this.seqs.set(room, seq);
    const stamped = { ...payload, scope: room, seq };
    if (!coalescible) {
      ns.local.to(room).emit(event, stamped);
      return;
    }
    for (const id of members) {
      const socket = ns.sockets.get(id);
      if (socket && queuedPackets(socket) <= this.options.skipCoalescedAbovePackets) socket.emit(event, stamped);
    }
  }
}
