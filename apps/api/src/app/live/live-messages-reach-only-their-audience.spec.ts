import request from 'supertest';
import type { Socket } from 'socket.io-client';
import type { AlertPayload, Message } from '@floorwatch/contracts';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { loginAs } from '../common/testing/test-app';
import { seedWorld } from '../common/testing/world';
import { clockFrom, collect, connectClient, startLiveApp, subscribe, type LiveTestApp } from './testing/live-test-kit';

/**
 * Issue 20 item 4: a message pushed over /live reaches exactly the users GET /messages shows it
 * to (plus nobody else), whatever rooms they may read. Before, a desk or manager socket in
 * `agent:a1` received that agent's coaching note.
 */
let db: TestDatabase;
let live: LiveTestApp;
const sockets: Socket[] = [];
const tokens = new Map<string, string>();

/** Each user subscribed to every room of the org they may read. */
const WATCH: Record<string, string[]> = {
  agent: ['agent:a1'],
  lead: ['team:t1', 'agent:a1', 'agent:a2'],
  manager: ['enterprise', 'site:lon', 'site:nyc', 'team:t1', 'team:t2', 'team:tn', 'agent:a1', 'agent:a3'],
  sitemgr: ['site:lon', 'team:t1', 'team:t2', 'agent:a1', 'agent:a2'],
  desk: ['enterprise', 'site:lon', 'site:nyc', 'team:t1', 'agent:a1', 'agent:a2'],
  admin: ['enterprise', 'site:lon', 'team:t1', 'agent:a1'],
};
const received = new Map<string, AlertPayload[]>();

beforeAll(async () => {
  db = await withTestDatabase();
  live = await startLiveApp(db, { now: clockFrom('2026-03-02T12:30:00Z') });
  await seedWorld(db, live.app);
  await live.reload();
  for (const [user, rooms] of Object.entries(WATCH)) {
    const token = await loginAs(live.app, user);
    tokens.set(user, token);
    const socket = await connectClient(live.url, token);
    sockets.push(socket);
    received.set(user, collect<AlertPayload>(socket, 'alert'));
    for (const room of rooms) expect(await subscribe(socket, room)).toEqual({ ok: true });
  }
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await live.app.close();
  await db.close();
});

async function send(from: string, toScope: string, kind: string): Promise<Message> {
  const res = await request(live.app.getHttpServer())
    .post('/api/v1/messages')
    .set('Authorization', `Bearer ${tokens.get(from)}`)
    .send({ toScope, kind, subject: `${from}→${toScope}`, body: 'text' });
  expect(res.status).toBe(201);
  return res.body as Message;
}

async function listedTo(user: string, id: string): Promise<boolean> {
  const res = await request(live.app.getHttpServer()).get('/api/v1/messages').set('Authorization', `Bearer ${tokens.get(user)}`);
  return (res.body as Message[]).some((m) => m.id === id);
}

async function whoGot(id: string): Promise<{ live: string[]; rest: string[] }> {
  await new Promise((r) => setTimeout(r, 300));
  const users = Object.keys(WATCH);
  const rest: string[] = [];
  for (const u of users) if (await listedTo(u, id)) rest.push(u);
  return { live: users.filter((u) => (received.get(u) ?? []).filter((a) => a.id === id).length > 0), rest };
}

describe('live messages reach only their audience', () => {
  it('a coaching note to agent a1 reaches the agent and its sender only, not the desk, managers or admin sockets in agent:a1', async () => {
    const m = await send('lead', 'agent:a1', 'coaching');
    const got = await whoGot(m.id);
    // audience.ts: an agent message is for the agent, their team's leader and admins.
    expect(got.rest).toEqual(['agent', 'lead', 'admin']);
    expect(got.live).toEqual(got.rest);
  });

  it('a team message reaches the team, its lead, the managers of its site and admins', async () => {
    const m = await send('sitemgr', 'team:t1', 'message');
    const got = await whoGot(m.id);
    expect(got.rest).toEqual(['agent', 'lead', 'manager', 'sitemgr', 'admin']);
    expect(got.live).toEqual(got.rest);
  });

  it('a site alert reaches everyone placed in the site; each socket gets it once', async () => {
    const m = await send('desk', 'site:nyc', 'alert');
    const got = await whoGot(m.id);
    expect(got.rest).toEqual(['manager', 'desk', 'admin']);
    expect(got.live).toEqual(got.rest);
    expect((received.get('manager') ?? []).filter((a) => a.id === m.id)).toHaveLength(1);
  });
});
