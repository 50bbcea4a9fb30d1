import { createConnection } from 'node:net';
import type { Socket } from 'socket.io-client';
import type { AgentStateEventPayload, AlertPayload, LiveSnapshot } from '@floorwatch/contracts';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { loginAs } from '../common/testing/test-app';
import { seedWorld } from '../common/testing/world';
import { MessageBus } from '../messages/message-bus';
import { clockFrom, connectClient, nextEvent, startLiveApp, subscribe, type LiveTestApp } from './testing/live-test-kit';

const REDIS_URL = process.env['TEST_REDIS_URL'] || 'redis://127.0.0.1:6379';

let db: TestDatabase;
let live: LiveTestApp;
const sockets: Socket[] = [];

beforeAll(async () => {
  db = await withTestDatabase();
  live = await startLiveApp(db, { now: clockFrom('2026-03-02T10:00:00Z') });
  await seedWorld(db, live.app);
  await live.reload();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await live.app.close();
  await db.close();
});

async function subscribed(app: LiveTestApp, user: string, scope: string): Promise<{ socket: Socket; snapshot: LiveSnapshot }> {
  const socket = await connectClient(app.url, await loginAs(live.app, user));
  sockets.push(socket);
  const snap = nextEvent<LiveSnapshot>(socket, 'snapshot', (p) => p.scope === scope);
  expect(await subscribe(socket, scope)).toEqual({ ok: true });
  return { socket, snapshot: await snap };
}

describe('reconnect', () => {
  it('a client that drops and resubscribes gets the current snapshot, then deltas continuing its seq', async () => {
    const first = await subscribed(live, 'lead', 'team:t1');
    const t0 = live.state.now();
    const seen = nextEvent<AgentStateEventPayload>(first.socket, 'agent-state');
    live.ingest.publish({ kind: 'state', format: 'test', records: [{ agentId: 'a2', at: t0, state: 'available' }] });
    const before = await seen;
    first.socket.close();

    // Missed while away: a2 goes on a contact.
    const t1 = live.state.now();
    live.ingest.publish({ kind: 'state', format: 'test', records: [{ agentId: 'a2', at: t1, state: 'on_contact' }] });
    await new Promise((r) => setTimeout(r, 50));

    const again = await subscribed(live, 'lead', 'team:t1');
    const a2 = again.snapshot.agents.find((a) => a.agentId === 'a2');
    expect(a2).toMatchObject({ state: 'on_contact', since: new Date(t1).toISOString() });
    expect(again.snapshot.agents.find((a) => a.agentId === 'a1')).toMatchObject({ state: 'available' });
    // The room's seq kept counting while the client was away: the snapshot is at least one past what it saw.
    expect(again.snapshot.seq).toBeGreaterThan(before.seq ?? Infinity);

    const next = nextEvent<AgentStateEventPayload>(again.socket, 'agent-state');
    live.ingest.publish({ kind: 'state', format: 'test', records: [{ agentId: 'a2', at: live.state.now(), state: 'acw' }] });
    const delta = await next;
    expect(delta.seq).toBe((again.snapshot.seq ?? 0) + 1);
  });
});

async function redisAnswers(url: string): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const c = createConnection({ host: u.hostname, port: Number(u.port || 6379) });
    c.setTimeout(500);
    c.once('connect', () => {
      c.write('PING\r\n');
    });
    c.once('data', (d) => {
      c.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    c.once('error', () => resolve(false));
    c.once('timeout', () => {
      c.destroy();
      resolve(false);
    });
  });
}

describe('two API processes with the Redis adapter', () => {
  it('an event published on one reaches a client connected to the other', async () => {
    if (!(await redisAnswers(REDIS_URL))) {
      console.warn(`SKIPPED: no Redis answers at ${REDIS_URL} (set TEST_REDIS_URL); the two-process live test did not run`);
      return;
    }
    const key = `fw-test-${process.pid}-${Date.now()}`;
    const now = clockFrom('2026-03-02T10:00:00Z'); // one clock: two processes on one machine agree on the time
    const a = await startLiveApp(db, { now }, { url: REDIS_URL, key });
    const b = await startLiveApp(db, { now }, { url: REDIS_URL, key });
    try {
      await Promise.all([a.state.ready, b.state.ready]);
      const onB = await subscribed(b, 'desk', 'site:lon');
      const at = a.state.now();
      const got = nextEvent<AgentStateEventPayload>(onB.socket, 'agent-state', (p) => p.agentId === 'a3');
      a.ingest.publish({ kind: 'state', format: 'test', records: [{ agentId: 'a3', at, state: 'aux:training' }] });
      expect(await got).toMatchObject({ agentId: 'a3', state: 'aux:training', at: new Date(at).toISOString(), scope: 'site:lon' });
      // Process B applied the relayed batch to its own picture, so its snapshots agree with A's.
      expect(b.state.currentStates({ kind: 'agent', id: 'a3' })).toMatchObject([{ state: 'aux:training' }]);

      const alert = nextEvent<AlertPayload>(onB.socket, 'alert');
      a.app.get(MessageBus).publish({
        id: 'm1', from: 'desk', toScope: 'site:lon', kind: 'alert', subject: 'Queue spike', body: 'All hands to voice',
        createdAt: new Date(at).toISOString(), readAt: null,
      });
      expect(await alert).toMatchObject({ id: 'm1', toScope: 'site:lon', subject: 'Queue spike', scope: 'site:lon' });
    } finally {
      await a.app.close();
      await b.app.close();
    }
  });
});
