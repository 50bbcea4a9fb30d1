import type { INestApplication } from '@nestjs/common';
import type { Message, ScheduleChangeRequest } from '@floorwatch/contracts';
import request from 'supertest';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { HttpApiModule } from '../common/http-api.module';
import { TEST_USERS, type TestUser } from '../common/testing/fixtures';
import { createTestApp, loginAs } from '../common/testing/test-app';
import { seedWorld } from '../common/testing/world';
import { MessageBus, type MessageEvent } from './message-bus';

describe('messages down the line, read state per user, schedule-change requests', () => {
  let db: TestDatabase;
  let app: INestApplication;
  const tokens = {} as Record<TestUser, string>;
  const events: MessageEvent[] = [];
  const as = (who: TestUser) => {
    const auth = (r: request.Test) => r.set('Authorization', `Bearer ${tokens[who]}`);
    return {
      get: (path: string) => auth(request(app.getHttpServer()).get(path)),
      post: (path: string, body: object = {}) => auth(request(app.getHttpServer()).post(path)).send(body),
    };
  };
  const send = (who: TestUser, toScope: string, kind = 'message') => as(who).post('/api/v1/messages', { toScope, kind, subject: `${who}→${toScope}`, body: 'text' });
  const subjects = async (who: TestUser) => ((await as(who).get('/api/v1/messages')).body as Message[]).map((m) => m.subject).sort();

  beforeAll(async () => {
    db = await withTestDatabase();
    app = await createTestApp(db, [HttpApiModule]);
    await seedWorld(db, app);
    for (const who of TEST_USERS) tokens[who] = await loginAs(app, who);
    app.get(MessageBus).events$.subscribe((e) => events.push(e));
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('lets desk → site, manager → team/site, lead → own agent; refuses the rest', async () => {
    expect((await send('desk', 'site:lon', 'alert')).status).toBe(201);
    expect((await send('manager', 'team:t1')).status).toBe(201);
    expect((await send('sitemgr', 'site:lon')).status).toBe(201);
    expect((await send('lead', 'agent:a1', 'coaching')).status).toBe(201);
    expect((await send('lead', 'agent:a2', 'coaching')).status).toBe(201);
    expect((await send('desk', 'site:nyc', 'alert')).status).toBe(201);
    const refused: [TestUser, string][] = [
      ['agent', 'agent:a1'], ['lead', 'agent:a3'], ['lead', 'team:t1'], ['desk', 'team:t1'], ['sitemgr', 'site:nyc'], ['manager', 'enterprise'],
    ];
    for (const [who, to] of refused) expect([who, to, (await send(who, to)).status]).toEqual([who, to, 403]);
  });

  it('delivers to the people of the scope and the sender only', async () => {
    expect(await subjects('agent')).toEqual(['desk→site:lon', 'lead→agent:a1', 'manager→team:t1', 'sitemgr→site:lon']);
    expect(await subjects('lead')).toEqual(['desk→site:lon', 'lead→agent:a1', 'lead→agent:a2', 'manager→team:t1', 'sitemgr→site:lon']);
    expect(await subjects('desk')).toEqual(['desk→site:lon', 'desk→site:nyc', 'sitemgr→site:lon']);
    expect(await subjects('sitemgr')).toEqual(['desk→site:lon', 'manager→team:t1', 'sitemgr→site:lon']);
  });

  it('publishes every message on the bus as a live alert payload', () => {
    expect(events).toHaveLength(6);
    expect(events[0].alert).toMatchObject({ from: 'desk', toScope: 'site:lon', subject: 'desk→site:lon', body: 'text' });
    expect(events[0].alert.at).toBe(events[0].message.createdAt);
  });

  it('keeps read state per user', async () => {
    const mine = (await as('agent').get('/api/v1/messages')).body as Message[];
    const alert = mine.find((m) => m.subject === 'desk→site:lon') as Message;
    expect(alert.readAt).toBeNull();
    const read = await as('agent').post(`/api/v1/messages/${alert.id}/read`);
    expect([read.status, typeof read.body.readAt]).toEqual([200, 'string']);
    const leadView = ((await as('lead').get('/api/v1/messages')).body as Message[]).find((m) => m.id === alert.id);
    expect(leadView?.readAt).toBeNull();
    // Someone else's message cannot be marked read, and does not say it exists.
    const nyc = ((await as('desk').get('/api/v1/messages')).body as Message[]).find((m) => m.toScope === 'site:nyc') as Message;
    expect((await as('agent').post(`/api/v1/messages/${nyc.id}/read`)).status).toBe(404);
  });

  it('an agent requests a change for themselves; only their team leader decides, once', async () => {
    const created = await as('agent').post('/api/v1/schedule-requests', { day: '2026-03-03', description: 'Dentist, start 30 min later', shiftMinutes: 30 });
    expect(created.status).toBe(201);
    const req = created.body as ScheduleChangeRequest;
    expect(req).toMatchObject({ agentId: 'a1', requestedBy: 'agent', day: '2026-03-03', shiftMinutes: 30, activity: null, status: 'pending', decidedBy: null });
    expect((await as('lead').post('/api/v1/schedule-requests', { day: '2026-03-03', description: 'x' })).status).toBe(403);
    expect(((await as('lead').get('/api/v1/schedule-requests')).body as ScheduleChangeRequest[]).map((r) => r.id)).toEqual([req.id]);
    // Personal: the requester, their team leader and admins see it; the desk and managers do not.
    expect((await as('desk').get('/api/v1/schedule-requests')).body).toHaveLength(0);
    expect((await as('manager').get('/api/v1/schedule-requests')).body).toHaveLength(0);
    expect((await as('admin').get('/api/v1/schedule-requests')).body).toHaveLength(1);
    expect((await as('lead').get('/api/v1/schedule-requests')).status).toBe(200);
    expect((await as('agent').post(`/api/v1/schedule-requests/${req.id}/decision`, { decision: 'approved' })).status).toBe(403);
    expect((await as('manager').post(`/api/v1/schedule-requests/${req.id}/decision`, { decision: 'approved' })).status).toBe(404);
    const decided = await as('lead').post(`/api/v1/schedule-requests/${req.id}/decision`, { decision: 'declined', note: 'Short-staffed that morning' });
    expect(decided.body).toMatchObject({ status: 'declined', decidedBy: 'lead', decisionNote: 'Short-staffed that morning' });
    expect((await as('lead').post(`/api/v1/schedule-requests/${req.id}/decision`, { decision: 'approved' })).status).toBe(409);
    expect(((await as('agent').get('/api/v1/schedule-requests')).body as ScheduleChangeRequest[])[0].status).toBe('declined');
  });
});
