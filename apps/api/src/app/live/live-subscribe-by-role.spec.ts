import type { INestApplication } from '@nestjs/common';
import type { Socket } from 'socket.io-client';
import type { LiveSnapshot } from '@floorwatch/contracts';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { loginAs } from '../common/testing/test-app';
import { seedWorld } from '../common/testing/world';
import { clockFrom, connectClient, nextEvent, startLiveApp, subscribe, type LiveTestApp } from './testing/live-test-kit';

let db: TestDatabase;
let live: LiveTestApp;
let app: INestApplication;
const sockets: Socket[] = [];

beforeAll(async () => {
  db = await withTestDatabase();
  live = await startLiveApp(db, { now: clockFrom('2026-03-02T12:30:00Z') });
  app = live.app;
  await seedWorld(db, app);
  await live.reload();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await app.close();
  await db.close();
});

async function client(user: string): Promise<Socket> {
  const s = await connectClient(live.url, await loginAs(app, user));
  sockets.push(s);
  return s;
}

describe('live subscribe is decided by permissions.ts, as REST is', () => {
  it('refuses a handshake without a token or with a bad one (connect_error)', async () => {
    await expect(connectClient(live.url, undefined)).rejects.toThrow(/unauthorized: no token/);
    await expect(connectClient(live.url, 'not-a-jwt')).rejects.toThrow(/unauthorized: invalid token/);
  });

  it('agent: own agent ok, own team refused', async () => {
    const s = await client('agent');
    const snapshot = nextEvent<LiveSnapshot>(s, 'snapshot');
    await expect(subscribe(s, 'agent:a1')).resolves.toEqual({ ok: true });
    const snap = await snapshot;
    // seedWorld: a1 went to lunch at 12:00 as scheduled (lunch 12–13); the clock says 12:30.
    expect(snap.scope).toBe('agent:a1');
    expect(snap.agents).toEqual([
      { at: '2026-03-02T12:00:00.000Z', agentId: 'a1', teamId: 't1', siteId: 'lon', state: 'aux:lunch', since: '2026-03-02T12:00:00.000Z' },
    ]);
    expect(snap.exceptions).toEqual([]);
    expect(snap.staffing).toEqual([]);
    // Today so far: k1 (10:00, 200 + 20 + 60 = 280 s) is handled; k2 is enqueued only at 14:00.
    expect(snap.kpis.handled).toBe(1);
    expect(snap.kpis.ahtSeconds).toBe(280);
    // Scheduled 09:00–12:30 so far = 12 600 s, all in adherence (available from 08:58, lunch at 12:00).
    expect(snap.kpis.adherencePct).toBeCloseTo(100, 9);
    expect(await subscribe(s, 'team:t1')).toEqual({ ok: false, error: 'agent may not read team t1' });
    expect(await subscribe(s, 'agent:a2')).toEqual({ ok: false, error: 'agent may not read agent a2' });
  });

  it('team leader: own team ok, other team refused', async () => {
    const s = await client('lead');
    expect(await subscribe(s, 'team:t1')).toEqual({ ok: true });
    expect(await subscribe(s, 'agent:a2')).toEqual({ ok: true });
    expect(await subscribe(s, 'team:t2')).toEqual({ ok: false, error: 'lead may not read team t2' });
    expect(await subscribe(s, 'site:lon')).toEqual({ ok: false, error: 'lead may not read site lon' });
  });

  it('control desk: any site ok, with the staffing interval in the snapshot', async () => {
    const s = await client('desk');
    const snapshot = nextEvent<LiveSnapshot>(s, 'snapshot', (p) => p.scope === 'site:nyc');
    expect(await subscribe(s, 'site:lon')).toEqual({ ok: true });
    expect(await subscribe(s, 'site:nyc')).toEqual({ ok: true });
    const snap = await snapshot;
    expect(snap.staffing.map((x) => [x.siteId, x.row.intervalStart])).toEqual([['nyc', '2026-03-02T12:30:00.000Z']]);
    expect(await subscribe(s, 'enterprise')).toEqual({ ok: true });
  });

  it('site manager: own site ok, other site and enterprise refused; bad scopes are named', async () => {
    const s = await client('sitemgr');
    expect(await subscribe(s, 'site:lon')).toEqual({ ok: true });
    expect(await subscribe(s, 'site:nyc')).toEqual({ ok: false, error: 'sitemgr may not read site nyc' });
    expect(await subscribe(s, 'enterprise')).toEqual({ ok: false, error: 'sitemgr may not read the enterprise' });
    expect(await subscribe(s, 'galaxy:1')).toEqual({ ok: false, error: 'unknown scope kind "galaxy"' });
  });
});
