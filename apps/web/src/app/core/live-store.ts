import { DestroyRef, effect, inject, signal, untracked } from '@angular/core';
import {
  LIVE_EVENTS,
  type AdherenceExceptionPayload,
  type AgentStateEventPayload,
  type AlertPayload,
  type KpiEventPayload,
  type KpiValues,
  type LiveSnapshot,
  type StaffingEventPayload,
} from '@floorwatch/contracts';
import { SocketService } from './socket.service';

export interface LiveState {
  agents: Record<string, AgentStateEventPayload>;
  exceptions: Record<string, AdherenceExceptionPayload>;
  /** Current interval per site. */
  staffing: Record<string, StaffingEventPayload>;
  kpis: Record<string, Partial<KpiValues>>;
  alerts: AlertPayload[];
}

export const EMPTY_LIVE: LiveState = { agents: {}, exceptions: {}, staffing: {}, kpis: {}, alerts: [] };

/** Pure reducers, so the order of events (snapshot, then deltas) is testable without a socket. */
export const liveReducers = {
  snapshot(s: LiveState, snap: LiveSnapshot): LiveState {
    const agents = { ...s.agents };
    for (const a of snap.agents) agents[a.agentId] = a;
    const exceptions = { ...s.exceptions };
    for (const e of snap.exceptions) exceptions[e.agentId] = e;
    const staffing = { ...s.staffing };
    for (const st of snap.staffing) staffing[st.siteId] = st;
    return { ...s, agents, exceptions, staffing, kpis: { ...s.kpis, [snap.scope]: { ...snap.kpis } } };
  },
  agentState(s: LiveState, e: AgentStateEventPayload): LiveState {
    return { ...s, agents: { ...s.agents, [e.agentId]: e } };
  },
  exception(s: LiveState, e: AdherenceExceptionPayload): LiveState {
    return { ...s, exceptions: { ...s.exceptions, [e.agentId]: e } };
  },
  cleared(s: LiveState, e: { agentId: string }): LiveState {
    if (!(e.agentId in s.exceptions)) return s;
    const exceptions = { ...s.exceptions };
    delete exceptions[e.agentId];
    return { ...s, exceptions };
  },
  staffing(s: LiveState, e: StaffingEventPayload): LiveState {
    return { ...s, staffing: { ...s.staffing, [e.siteId]: e } };
  },
  kpi(s: LiveState, e: KpiEventPayload): LiveState {
    return { ...s, kpis: { ...s.kpis, [e.scope]: { ...s.kpis[e.scope], ...e.kpis } } };
  },
  alert(s: LiveState, e: AlertPayload): LiveState {
    if (s.alerts.some((a) => a.id === e.id)) return s;
    return { ...s, alerts: [e, ...s.alerts].slice(0, 50) };
  },
};

/**
 * Live state for the scopes a view shows. Call in a component's injection context; it
 * subscribes when `scopes()` changes and lets go when the component is destroyed.
 */
export function createLiveStore(scopes: () => readonly string[]) {
  const socket = inject(SocketService);
  const state = signal<LiveState>(EMPTY_LIVE);
  const refused = signal<string | null>(null);
  const subs = [
    socket.on<LiveSnapshot>(LIVE_EVENTS.snapshot).subscribe((p) => state.update((s) => liveReducers.snapshot(s, p))),
    socket.on<AgentStateEventPayload>(LIVE_EVENTS.agentState).subscribe((p) => state.update((s) => liveReducers.agentState(s, p))),
    socket.on<AdherenceExceptionPayload>(LIVE_EVENTS.adherenceException).subscribe((p) => state.update((s) => liveReducers.exception(s, p))),
    socket.on<{ agentId: string }>(LIVE_EVENTS.adherenceCleared).subscribe((p) => state.update((s) => liveReducers.cleared(s, p))),
    socket.on<StaffingEventPayload>(LIVE_EVENTS.staffing).subscribe((p) => state.update((s) => liveReducers.staffing(s, p))),
    socket.on<KpiEventPayload>(LIVE_EVENTS.kpi).subscribe((p) => state.update((s) => liveReducers.kpi(s, p))),
    socket.on<AlertPayload>(LIVE_EVENTS.alert).subscribe((p) => state.update((s) => liveReducers.alert(s, p))),
  ];
  let current: readonly string[] = [];
  effect(() => {
    const next = scopes();
    untracked(() => {
      for (const s of current) if (!next.includes(s)) socket.unsubscribe(s);
      for (const s of next) {
        if (current.includes(s)) continue;
        void socket.subscribe(s).then((ack) => refused.set(ack.ok ? null : ack.error));
      }
      current = [...next];
    });
  });
  inject(DestroyRef).onDestroy(() => {
    for (const s of subs) s.unsubscribe();
    for (const s of current) socket.unsubscribe(s);
  });
  return { state: state.asReadonly(), refused: refused.asReadonly(), status: socket.status };
}
export type LiveStore = ReturnType<typeof createLiveStore>;
