import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Socket } from 'socket.io-client';
import type { LiveSnapshot } from '@floorwatch/contracts';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { loginAs } from '../common/testing/test-app';
import { seedWorld } from '../common/testing/world';
import { clockFrom, connectClient, nextEvent, subscribe } from '../live/testing/live-test-kit';
import { startAlertsApp, type AlertsTestApp } from './testing/alerts-test-app';

const T = (hhmm: string) => Date.parse(`2026-03-02T${hhmm}:00Z`);
let db: TestDatabase;
let live: AlertsTestApp;
let app: INestApplication;
const tokens: Record<string, string> = {};
const sockets: Socket[] = [];

beforeAll(async () => {
  db = await withTestDatabase();
  live = await startAlertsApp(db, { now: clockFrom('2026-03-02T13:00:00Z') });
  app = live.app;
  await seedWorld(db, app);
  await live.reload();
  for (const u of ['agent', 'lead', 'desk', 'sitemgr']) tokens[u] = await loginAs(app, u);
}, 90_000);
afterAll(async () => {
  for (const s of sockets) s.close();
  await app?.close();
  await db?.close();
});

const api = () => request(app.getHttpServer());
/** The snapshot a fresh subscription of `user` to `scope` gets: its alert ids and statuses. */
async function snapshotAlerts(user: string, scope: string): Promise<string[]> {
  const s = await connectClient(live.url, tokens[user]);
  sockets.push(s);
  const snap = nextEvent<LiveSnapshot>(s, 'snapshot');
  expect(await subscribe(s, scope)).toEqual({ ok: true });
  return ((await snap).alerts ?? []).map((a) => `${a.scope} ${a.status}`);
}

// The rule and a1's return from lunch of alert-lifecycle-and-audience.spec.ts: opens 13:05,
// auto-resolves 13:13; audience team leaders and agents.
describe('/live snapshots carry the open alerts the subscriber would be sent', () => {
  it('lead (team:t1, agent:a1) and agent (agent:a1) see it, open then acknowledged; desk and the site manager on site:lon, outside the audience, never; none once resolved', async () => {
    const rule = await api().post('/api/v1/alert-rules').set({ Authorization: `Bearer ${tokens['lead']}` }).send({
      name: 'a1 out of adherence', kpi: 'adherencePct', scope: 'agent:a1', condition: { op: '<', value: 50 },
      window: { minutes: 5 }, sustainMinutes: 2, clearMinutes: 5, audience: ['team_leader', 'agent'],
    });
    expect(rule.status).toBe(201);
    expect(await snapshotAlerts('lead', 'team:t1')).toEqual([]);
    await live.scheduler.runUntil(T('13:00'));
    await live.scheduler.runUntil(T('13:06'));

    expect(await snapshotAlerts('lead', 'team:t1')).toEqual(['agent:a1 open']);
    expect(await snapshotAlerts('lead', 'agent:a1')).toEqual(['agent:a1 open']);
    expect(await snapshotAlerts('agent', 'agent:a1')).toEqual(['agent:a1 open']);
    // May read site:lon (and so team t1, agent a1) but no role in the audience.
    expect(await snapshotAlerts('desk', 'site:lon')).toEqual([]);
    expect(await snapshotAlerts('sitemgr', 'site:lon')).toEqual([]);

    const [open] = (await api().get('/api/v1/alerts?status=active').set({ Authorization: `Bearer ${tokens['agent']}` })).body as { id: string }[];
    expect((await api().post(`/api/v1/alerts/${open.id}/acknowledge`).set({ Authorization: `Bearer ${tokens['agent']}` }).send({})).status).toBe(200);
    expect(await snapshotAlerts('lead', 'team:t1')).toEqual(['agent:a1 acknowledged']);

    await live.scheduler.runUntil(T('13:20'));
    expect(await snapshotAlerts('lead', 'team:t1')).toEqual([]);
    expect(await snapshotAlerts('agent', 'agent:a1')).toEqual([]);
  }, 90_000);
});
