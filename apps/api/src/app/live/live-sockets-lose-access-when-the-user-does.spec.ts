import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import type { Socket } from 'socket.io-client';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { JwtSecretService } from '../auth/jwt-secret.service';
import { UsersService } from '../auth/users.service';
import { loginAs } from '../common/testing/test-app';
import { seedWorld } from '../common/testing/world';
import { clockFrom, connectClient, nextEvent, startLiveApp, subscribe, type LiveTestApp } from './testing/live-test-kit';

/** Issue 20 item 3: a socket keeps no access its user has lost. The re-check runs every 200 ms here (2 s by default). */
const RECHECK_MS = 200;

let db: TestDatabase;
let live: LiveTestApp;
const sockets: Socket[] = [];

beforeAll(async () => {
  db = await withTestDatabase();
  live = await startLiveApp(db, { now: clockFrom('2026-03-02T12:30:00Z'), recheckMs: RECHECK_MS, maxRoomsPerSocket: 3 });
  await seedWorld(db, live.app);
  await live.reload();
  const users = live.app.get(UsersService);
  for (const name of ['lead9', 'gone', 'locked', 'quitter', 'reset']) {
    await users.createUser({ username: name, password: 'twelve chars ok', roles: ['team_leader'], agentId: null, teamIds: ['t1'], siteIds: [] });
  }
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await live.app.close();
  await db.close();
});

async function socketOf(user: string, password = 'twelve chars ok'): Promise<{ socket: Socket; token: string }> {
  const token = await loginAs(live.app, user, password);
  const socket = await connectClient(live.url, token);
  sockets.push(socket);
  return { socket, token };
}

/** Resolves with the reason and the milliseconds from `t0` when the server closes the socket. */
function ended(socket: Socket, t0: number): Promise<{ reason: string; ms: number; disconnect: string }> {
  const reason = nextEvent<{ reason: string }>(socket, 'session-ended', () => true, 4000);
  const disconnect = new Promise<string>((resolve) => socket.once('disconnect', (r: string) => resolve(r)));
  return Promise.all([reason, disconnect]).then(([r, d]) => ({ reason: r.reason, ms: Date.now() - t0, disconnect: d }));
}

const admin = async () => `Bearer ${await loginAs(live.app, 'admin')}`;

describe('live sockets lose access when the user does', () => {
  it('a password change closes the socket within a re-check period', async () => {
    const { socket } = await socketOf('reset');
    expect(await subscribe(socket, 'team:t1')).toEqual({ ok: true });
    const auth = await admin();
    const t0 = Date.now();
    const end = ended(socket, t0);
    expect((await request(live.app.getHttpServer()).patch('/api/v1/admin/users/reset').set('Authorization', auth).send({ password: 'a new password!' })).status).toBe(200);
    const e = await end;
    expect(e).toMatchObject({ reason: 'token revoked', disconnect: 'io server disconnect' });
    expect(e.ms).toBeLessThan(RECHECK_MS * 3 + 500);
  });

  it('logout, disabling and deleting the user each close their sockets', async () => {
    const quitter = await socketOf('quitter');
    const locked = await socketOf('locked');
    const gone = await socketOf('gone');
    const t0 = Date.now();
    const ends = [ended(quitter.socket, t0), ended(locked.socket, t0), ended(gone.socket, t0)];
    const http = () => request(live.app.getHttpServer());
    const auth = await admin();
    expect((await http().post('/api/v1/auth/logout').set('Authorization', `Bearer ${quitter.token}`)).status).toBe(204);
    expect((await http().patch('/api/v1/admin/users/locked').set('Authorization', auth).send({ disabled: true })).status).toBe(200);
    expect((await http().delete('/api/v1/admin/users/gone').set('Authorization', auth)).status).toBe(204);
    const results = await Promise.all(ends);
    expect(results.map((r) => r.reason)).toEqual(['token revoked', 'token revoked', 'token revoked']);
    for (const r of results) expect(r.ms).toBeLessThan(RECHECK_MS * 3 + 1000);
    // And the dead token cannot open a new one.
    await expect(connectClient(live.url, quitter.token)).rejects.toThrow(/unauthorized: token revoked/);
  });

  it('an expiring token’s socket is closed once it expires', async () => {
    const secret = await live.app.get(JwtSecretService).secret();
    const exp = Math.floor(Date.now() / 1000) + 1;
    const token = await live.app.get(JwtService).signAsync({ sub: 'lead', ver: 0, exp }, { secret, algorithm: 'HS256' });
    const socket = await connectClient(live.url, token);
    sockets.push(socket);
    expect(await subscribe(socket, 'team:t1')).toEqual({ ok: true });
    const e = await ended(socket, Date.now());
    expect(e.reason).toBe('token expired');
    expect(Date.now()).toBeLessThan(exp * 1000 + RECHECK_MS * 3 + 500);
  });

  it('a role or team change takes the socket out of rooms it may no longer read, and subscribe re-checks', async () => {
    const { socket } = await socketOf('lead9');
    expect(await subscribe(socket, 'team:t1')).toEqual({ ok: true });
    expect(await subscribe(socket, 'agent:a1')).toEqual({ ok: true });
    const left: { scope: string; error: string }[] = [];
    socket.on('unsubscribed', (p: { scope: string; error: string }) => left.push(p));
    await live.app.get(UsersService).updateUser('lead9', { teamIds: ['t2'] });
    // Subscribe re-reads the user at once, before any sweep.
    expect(await subscribe(socket, 'team:t1')).toEqual({ ok: false, error: 'lead9 may not read team t1' });
    expect(await subscribe(socket, 'team:t2')).toEqual({ ok: true });
    await new Promise((r) => setTimeout(r, RECHECK_MS * 3));
    expect(left.sort((a, b) => a.scope.localeCompare(b.scope))).toEqual([
      { scope: 'agent:a1', error: 'lead9 may not read agent a1' },
      { scope: 'team:t1', error: 'lead9 may not read team t1' },
    ]);
    // Out of team t1's room: its agent-state events no longer arrive; team t2's still do.
    const t1Event = nextEvent(socket, 'agent-state', (p: { agentId: string }) => p.agentId === 'a2', 700);
    const t2Event = nextEvent(socket, 'agent-state', (p: { agentId: string }) => p.agentId === 'a3', 3000);
    const at = live.state.now();
    live.ingest.publish({ kind: 'state', format: 'test', records: [{ agentId: 'a2', at, state: 'available' }, { agentId: 'a3', at, state: 'available' }] });
    await expect(t2Event).resolves.toMatchObject({ agentId: 'a3' });
    await expect(t1Event).rejects.toThrow(/no matching/);
    expect(socket.connected).toBe(true);
    // Without any subscribe, the periodic re-check alone takes it out of team t2 too.
    const t0 = Date.now();
    const out = nextEvent<{ scope: string }>(socket, 'unsubscribed', (p) => p.scope === 'team:t2', 3000);
    await live.app.get(UsersService).updateUser('lead9', { teamIds: [] });
    await expect(out).resolves.toEqual({ scope: 'team:t2', error: 'lead9 may not read team t2' });
    expect(Date.now() - t0).toBeLessThan(RECHECK_MS * 3 + 500);
  });

  it('caps rooms per socket (3 here, 50 by default)', async () => {
    const { socket } = await socketOf('desk', 'floorwatch');
    for (const scope of ['site:lon', 'site:nyc', 'enterprise']) expect(await subscribe(socket, scope)).toEqual({ ok: true });
    expect(await subscribe(socket, 'site:lon')).toEqual({ ok: true }); // already in: not a new room
    expect(await subscribe(socket, 'team:t1')).toEqual({ ok: false, error: 'at most 3 subscriptions per connection; unsubscribe first' });
    await socket.timeout(2000).emitWithAck('unsubscribe', { scope: 'site:nyc' });
    expect(await subscribe(socket, 'team:t1')).toEqual({ ok: true });
  });

  it('a user who must change their password is refused at the handshake', async () => {
    await live.app.get(UsersService).createUser({ username: 'newbie', password: 'twelve chars ok', roles: ['control_desk'], agentId: null, teamIds: [], siteIds: [], mustChangePassword: true });
    await expect(connectClient(live.url, await loginAs(live.app, 'newbie', 'twelve chars ok'))).rejects.toThrow(/unauthorized: change your password first/);
  });
});
