import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Socket } from 'socket.io-client';
import type { AlertInstance, AlertInstanceEvent, AlertRule } from '@floorwatch/contracts';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { loginAs } from '../common/testing/test-app';
import { seedWorld } from '../common/testing/world';
import { clockFrom, collect, connectClient, nextEvent, subscribe } from '../live/testing/live-test-kit';
import { OrgService } from '../org/org.service';
import { replayAlerts } from './alert-engine';
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
  for (const u of ['agent', 'lead', 'manager', 'desk', 'admin', 'sitemgr']) tokens[u] = await loginAs(app, u);
}, 90_000);
afterAll(async () => {
  for (const s of sockets) s.close();
  await app?.close();
  await db?.close();
});

const api = () => request(app.getHttpServer());
const as = (u: string) => ({ Authorization: `Bearer ${tokens[u]}` });
async function client(user: string, scope: string): Promise<Socket> {
  const s = await connectClient(live.url, tokens[user]);
  sockets.push(s);
  expect(await subscribe(s, scope)).toEqual({ ok: true });
  return s;
}

// a1 (world.ts): lunch 12:00–13:00, back available only at 13:05. Rule: adherencePct of a1 over
// the last 5 minutes < 50, sustain 2, clear 5. Window [t−5, t) in adherence: 13:01 → 4/5 = 80 %,
// 13:02 → 60 %, 13:03 → 40 % (breach), 13:04 → 20 %, 13:05 → 0 %, 13:06 → 20 %, 13:07 → 40 %,
// 13:08 → 60 % (clear) … So the breach run starts 13:03, opens at 13:05 (2 min), the clear
// run starts 13:08, auto-resolves at 13:13 (5 min).
const ruleBody = {
  name: 'a1 out of adherence', kpi: 'adherencePct', scope: 'agent:a1', condition: { op: '<', value: 50 },
  window: { minutes: 5 }, sustainMinutes: 2, clearMinutes: 5, audience: ['team_leader', 'agent'],
};

describe('alert rules: who may create them (403s) and what is refused (400s)', () => {
  it('team leader of t1 may; not on a3 (team t2); agents and the desk (non-staffing KPI) may not', async () => {
    expect((await api().post('/api/v1/alert-rules').set(as('lead')).send({ ...ruleBody, scope: 'agent:a3' })).status).toBe(403);
    expect((await api().post('/api/v1/alert-rules').set(as('agent')).send(ruleBody)).status).toBe(403);
    expect((await api().post('/api/v1/alert-rules').set(as('desk')).send({ ...ruleBody, scope: 'site:lon', each: 'agent' })).status).toBe(403);
    expect((await api().post('/api/v1/alert-rules').set(as('sitemgr')).send({ ...ruleBody, scope: 'site:nyc' })).status).toBe(403);
    const bad = await api().post('/api/v1/alert-rules').set(as('admin')).send({ ...ruleBody, kpi: 'offered', condition: { status: 'red' } });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('condition');
    const gap = await api().post('/api/v1/alert-rules').set(as('admin')).send({ ...ruleBody, kpi: 'staffingGap', scope: 'team:t1' });
    expect([gap.status, gap.body.field]).toEqual([400, 'scope']);
    const res = await api().post('/api/v1/alert-rules').set(as('lead')).send(ruleBody);
    expect(res.status).toBe(201);
    expect((res.body as AlertRule).createdBy).toBe('lead');
  });
});

describe('alert lifecycle on the data clock, delivered only to the audience', () => {
  it('opens at 13:05 for lead and agent only; agent acknowledges; auto-resolves at 13:13; replay agrees', async () => {
    const lead = await client('lead', 'team:t1');
    const agent = await client('agent', 'agent:a1');
    const desk = await client('desk', 'site:lon'); // may read the scope, not in the audience
    const mgr = await client('sitemgr', 'site:lon');
    const deskGot = collect<AlertInstanceEvent>(desk, 'alert-opened');
    const mgrGot = collect<AlertInstanceEvent>(mgr, 'alert-opened');

    await live.scheduler.runUntil(T('13:00')); // first run: starts at this tick
    const opened = Promise.all([nextEvent<AlertInstanceEvent>(lead, 'alert-opened'), nextEvent<AlertInstanceEvent>(agent, 'alert-opened')]);
    expect(await live.scheduler.runUntil(T('13:06'))).toBe(6);
    const [toLead, toAgent] = await opened;
    expect(toLead.instance.openedAt).toBe('2026-03-02T13:05:00.000Z');
    expect(toLead.instance.valueAtOpen).toBe(0); // [13:00, 13:05) all on lunch past its end
    expect(toLead.scope).toBe('team:t1');
    expect(toAgent.scope).toBe('agent:a1');
    const id = toLead.instance.id;

    expect((await api().get('/api/v1/alerts').set(as('desk'))).body).toEqual([]);
    expect((await api().post(`/api/v1/alerts/${id}/acknowledge`).set(as('desk')).send({})).status).toBe(404);
    const ack = await api().post(`/api/v1/alerts/${id}/acknowledge`).set(as('agent')).send({});
    expect([ack.status, ack.body.status, ack.body.acknowledgedBy]).toEqual([200, 'acknowledged', 'agent']);
    expect((await api().post(`/api/v1/alerts/${id}/resolve`).set(as('agent')).send({ note: 'back' })).status).toBe(403);
    const noNote = await api().post(`/api/v1/alerts/${id}/resolve`).set(as('lead')).send({});
    expect([noNote.status, noNote.body.field]).toEqual([400, 'note']);

    const resolved = nextEvent<AlertInstanceEvent>(lead, 'alert-resolved');
    await live.scheduler.runUntil(T('13:20'));
    const r = (await resolved).instance;
    expect([r.resolvedAt, r.resolvedBy, r.status]).toEqual(['2026-03-02T13:13:00.000Z', null, 'resolved']);
    expect(((Date.parse(r.resolvedAt ?? '') - Date.parse(r.openedAt)) / 1000)).toBe(480);

    const list = (await api().get('/api/v1/alerts?scope=team:t1').set(as('lead'))).body as AlertInstance[];
    expect(list.map((i) => [i.openedAt, i.resolvedAt, i.acknowledgedBy])).toEqual([['2026-03-02T13:05:00.000Z', '2026-03-02T13:13:00.000Z', 'agent']]);
    expect((await api().get('/api/v1/alerts?scope=team:t2').set(as('lead'))).status).toBe(403);
    expect(deskGot).toEqual([]);
    expect(mgrGot).toEqual([]);

    // Replay of the same ticks on stored data: the same instance.
    const org = await app.get(OrgService).get();
    const replayed = await replayAlerts(live.alerts.values, await live.alerts.store.rules(), T('13:00'), T('13:21'), org);
    expect(replayed.map((x) => [x.scope, x.openedAt, x.resolvedAt, x.valueAtOpen])).toEqual(
      list.map((i) => [i.scope, i.openedAt, i.resolvedAt, i.valueAtOpen]),
    );
  }, 90_000);
});
