import { TestBed } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { signal } from '@angular/core';
import type { Socket } from 'socket.io-client';
import { LIVE_EVENTS } from '@floorwatch/contracts';
import { AuthService } from './auth.service';
import { IO_FACTORY, LIVE_URL, SocketService } from './socket.service';
import { EMPTY_LIVE, liveReducers } from './live-store';

type Handler = (...args: unknown[]) => void;

/** Just enough of a socket.io client socket to drive the service. */
class FakeSocket {
  connected = false;
  active = true;
  auth: unknown;
  handlers = new Map<string, Handler[]>();
  anyHandlers: Handler[] = [];
  emitted: { event: string; payload: unknown }[] = [];
  ackWith: unknown = { ok: true };
  on(event: string, h: Handler) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), h]);
    return this;
  }
  off(event: string, h: Handler) {
    this.handlers.set(event, (this.handlers.get(event) ?? []).filter((x) => x !== h));
    return this;
  }
  onAny(h: Handler) {
    this.anyHandlers.push(h);
    return this;
  }
  timeout() {
    return this;
  }
  emit(event: string, payload: unknown, ack?: (err: Error | null, res: unknown) => void) {
    this.emitted.push({ event, payload });
    ack?.(null, this.ackWith);
    return this;
  }
  removeAllListeners() {
    this.handlers.clear();
    return this;
  }
  disconnect() {
    this.connected = false;
    return this;
  }
  connect() {
    return this;
  }
  /** Server side: fire an event at the client. */
  fire(event: string, ...args: unknown[]) {
    if (event !== 'connect' && event !== 'disconnect' && event !== 'connect_error') this.anyHandlers.forEach((h) => h(event, ...args));
    (this.handlers.get(event) ?? []).forEach((h) => h(...args));
  }
}

describe('SocketService', () => {
  let fake: FakeSocket;
  let factory: jest.Mock;
  const token = signal<string | null>('jwt-1');

  beforeEach(() => {
    fake = new FakeSocket();
    factory = jest.fn(() => fake as unknown as Socket);
    token.set('jwt-1');
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        { provide: IO_FACTORY, useValue: factory },
        { provide: LIVE_URL, useValue: 'http://test/live' },
        { provide: AuthService, useValue: { token } },
      ],
    });
  });

  it('connects to /live with the JWT in the handshake and reports the status', () => {
    const s = TestBed.inject(SocketService);
    expect(s.status()).toBe('offline');
    s.connect();
    expect(factory).toHaveBeenCalledWith('http://test/live', expect.objectContaining({ auth: { token: 'jwt-1' } }));
    expect(s.status()).toBe('connecting');
    fake.connected = true;
    fake.fire('connect');
    expect(s.status()).toBe('live');
    fake.fire('disconnect');
    expect(s.status()).toBe('reconnecting');
  });

  it('says "refused" when the server rejects the token and stops retrying', () => {
    const s = TestBed.inject(SocketService);
    s.connect();
    fake.active = false;
    fake.fire('connect_error', new Error('invalid token'));
    expect(s.status()).toBe('refused');
    expect(s.lastError()).toBe('invalid token');
  });

  it('subscribes with an acknowledgement and re-subscribes every scope after a reconnect', async () => {
    const s = TestBed.inject(SocketService);
    s.connect();
    fake.connected = true;
    fake.fire('connect');
    await expect(s.subscribe('team:t1')).resolves.toEqual({ ok: true });
    expect(fake.emitted).toEqual([{ event: 'subscribe', payload: { scope: 'team:t1' } }]);
    fake.emitted = [];
    fake.fire('disconnect');
    fake.fire('connect');
    expect(fake.emitted).toEqual([{ event: 'subscribe', payload: { scope: 'team:t1' } }]);
  });

  it('passes on a refused subscription (out of scope) with its reason', async () => {
    const s = TestBed.inject(SocketService);
    s.connect();
    fake.connected = true;
    fake.ackWith = { ok: false, error: 'forbidden scope' };
    await expect(s.subscribe('site:paris')).resolves.toEqual({ ok: false, error: 'forbidden scope' });
    expect(s.lastError()).toBe('forbidden scope');
  });

  it('unsubscribes only when the last user of a scope lets go', async () => {
    const s = TestBed.inject(SocketService);
    s.connect();
    fake.connected = true;
    await s.subscribe('site:lon');
    await s.subscribe('site:lon');
    fake.emitted = [];
    s.unsubscribe('site:lon');
    expect(fake.emitted).toEqual([]);
    s.unsubscribe('site:lon');
    expect(fake.emitted).toEqual([{ event: 'unsubscribe', payload: { scope: 'site:lon' } }]);
  });

  it('delivers server events to observers and removes the listener on unsubscribe', () => {
    const s = TestBed.inject(SocketService);
    const seen: unknown[] = [];
    const sub = s.on(LIVE_EVENTS.agentState).subscribe((p) => seen.push(p));
    fake.fire('agent-state', { agentId: 'a7', state: 'available' });
    expect(seen).toEqual([{ agentId: 'a7', state: 'available' }]);
    expect(s.lastEventAt()).not.toBeNull();
    sub.unsubscribe();
    fake.fire('agent-state', { agentId: 'a7', state: 'acw' });
    expect(seen).toHaveLength(1);
  });

  describe('seq per scope', () => {
    const kpi = (scope: string, seq: number, handled: number) => ({ at: '2025-03-05T12:00:00Z', scope, seq, kpis: { handled } });
    const snap = (scope: string, seq: number) => ({ at: '2025-03-05T12:00:00Z', scope, seq, agents: [], exceptions: [], staffing: [], kpis: {} });

    async function live() {
      const s = TestBed.inject(SocketService);
      s.connect();
      fake.connected = true;
      fake.fire('connect');
      await s.subscribe('site:lon');
      await s.subscribe('site:mnl');
      fake.emitted = [];
      return s;
    }

    it('drops an event whose seq is not above the last seen for its scope, per scope', async () => {
      const s = await live();
      const seen: unknown[] = [];
      s.on<{ scope: string; seq: number }>(LIVE_EVENTS.kpi).subscribe((p) => seen.push(`${p.scope}#${p.seq}`));
      fake.fire('snapshot', snap('site:lon', 7));
      fake.fire('kpi', kpi('site:lon', 8, 10));
      fake.fire('kpi', kpi('site:lon', 8, 10)); // repeated
      fake.fire('kpi', kpi('site:lon', 6, 9)); // older than the snapshot
      fake.fire('kpi', kpi('site:mnl', 3, 4)); // another room counts on its own
      fake.fire('kpi', kpi('site:lon', 9, 11));
      expect(seen).toEqual(['site:lon#8', 'site:mnl#3', 'site:lon#9']);
      expect(fake.emitted).toEqual([]);
    });

    it('judges each event once even with several observers', async () => {
      const s = await live();
      const a: number[] = [];
      const b: number[] = [];
      s.on<{ seq: number }>(LIVE_EVENTS.kpi).subscribe((p) => a.push(p.seq));
      s.on<{ seq: number }>(LIVE_EVENTS.kpi).subscribe((p) => b.push(p.seq));
      fake.fire('snapshot', snap('site:lon', 1));
      fake.fire('kpi', kpi('site:lon', 2, 5));
      expect(a).toEqual([2]);
      expect(b).toEqual([2]);
    });

    it('on a gap keeps the newer event and resubscribes once, then counts from the fresh snapshot', async () => {
      const s = await live();
      const seen: number[] = [];
      s.on<{ seq: number }>(LIVE_EVENTS.kpi).subscribe((p) => seen.push(p.seq));
      fake.fire('snapshot', snap('site:lon', 10));
      fake.fire('kpi', kpi('site:lon', 11, 1));
      // 12 and 13 were skipped for a slow connection: 14 shows the gap (14 > 11 + 1)
      fake.fire('kpi', kpi('site:lon', 14, 4));
      expect(seen).toEqual([11, 14]);
      expect(fake.emitted).toEqual([{ event: 'subscribe', payload: { scope: 'site:lon' } }]);
      // a second gap before the snapshot comes back does not ask again
      fake.fire('kpi', kpi('site:lon', 16, 6));
      expect(fake.emitted).toHaveLength(1);
      // the snapshot carries the current seq (17); 17 itself, sent before it, is stale
      fake.fire('snapshot', snap('site:lon', 17));
      fake.fire('kpi', kpi('site:lon', 17, 7));
      fake.fire('kpi', kpi('site:lon', 18, 8));
      expect(seen).toEqual([11, 14, 16, 18]);
      // after the snapshot a new gap resyncs again
      fake.fire('kpi', kpi('site:lon', 20, 9));
      expect(fake.emitted).toHaveLength(2);
    });

    it('follows seq for events nobody observes, so an unobserved alert is not a gap', async () => {
      const s = await live();
      const seen: number[] = [];
      s.on<{ seq: number }>(LIVE_EVENTS.kpi).subscribe((p) => seen.push(p.seq));
      fake.fire('snapshot', snap('site:lon', 1));
      fake.fire('alert', { at: '2025-03-05T12:00:00Z', scope: 'site:lon', seq: 2, id: 'm1', from: 'desk', toScope: 'site:lon', subject: 'x', body: '' });
      fake.fire('kpi', kpi('site:lon', 3, 1));
      expect(seen).toEqual([3]);
      expect(fake.emitted).toEqual([]);
    });

    it('starts again from the snapshot after a reconnect (the server may count afresh)', async () => {
      const s = await live();
      const seen: number[] = [];
      s.on<{ seq: number }>(LIVE_EVENTS.kpi).subscribe((p) => seen.push(p.seq));
      fake.fire('snapshot', snap('site:lon', 50));
      fake.fire('disconnect');
      fake.fire('connect');
      fake.fire('snapshot', snap('site:lon', 2));
      fake.fire('kpi', kpi('site:lon', 3, 1));
      expect(seen).toEqual([3]);
    });

    it('passes events without seq (older payload builders) untouched', async () => {
      const s = await live();
      const seen: unknown[] = [];
      s.on(LIVE_EVENTS.agentState).subscribe((p) => seen.push(p));
      fake.fire('agent-state', { agentId: 'a7', state: 'available' });
      fake.fire('agent-state', { agentId: 'a7', state: 'available' });
      expect(seen).toHaveLength(2);
    });
  });

  it('drops the socket when the user logs out', () => {
    const s = TestBed.inject(SocketService);
    s.connect();
    TestBed.tick();
    token.set(null);
    TestBed.tick();
    expect(s.status()).toBe('offline');
  });

  it('does not connect without a token', async () => {
    token.set(null);
    const s = TestBed.inject(SocketService);
    await expect(s.subscribe('enterprise')).resolves.toEqual({ ok: false, error: 'not signed in' });
    expect(factory).not.toHaveBeenCalled();
  });
});

describe('live state reducers', () => {
  const base = { at: '2025-03-05T12:00:00Z', teamId: 't1', siteId: 'lon' };
  it('applies a snapshot then deltas, and clears an exception', () => {
    let s = liveReducers.snapshot(EMPTY_LIVE, {
      ...base,
      scope: 'team:t1',
      agents: [{ ...base, agentId: 'a7', state: 'aux:lunch', since: '2025-03-05T12:00:00Z' }],
      exceptions: [],
      staffing: [],
      kpis: { adherencePct: 92 },
    });
    s = liveReducers.exception(s, { ...base, agentId: 'a7', activity: 'open', state: 'aux:lunch', since: '2025-03-05T13:00:00Z' });
    expect(Object.keys(s.exceptions)).toEqual(['a7']);
    s = liveReducers.agentState(s, { ...base, agentId: 'a7', state: 'available', since: '2025-03-05T13:05:00Z' });
    s = liveReducers.cleared(s, { agentId: 'a7' });
    expect(s.exceptions).toEqual({});
    expect(s.agents['a7'].state).toBe('available');
    s = liveReducers.kpi(s, { at: base.at, scope: 'team:t1', kpis: { handled: 10 } });
    expect(s.kpis['team:t1']).toEqual({ adherencePct: 92, handled: 10 });
  });
  it('keeps an alert once even if it arrives twice', () => {
    const a = { at: base.at, id: 'm1', from: 'desk', toScope: 'site:lon', subject: 'Queue spike', body: '' };
    expect(liveReducers.alert(liveReducers.alert(EMPTY_LIVE, a), a).alerts).toHaveLength(1);
  });
});
