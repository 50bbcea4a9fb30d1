import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { UsersService } from '../auth/users.service';
import { HttpApiModule } from '../common/http-api.module';
import { seedOrg } from '../common/testing/fixtures';
import { createTestApp, loginAs } from '../common/testing/test-app';
import { OrgService } from '../org/org.service';
import { TrainingModule } from './training.module';

const t = (iso: string) => Date.parse(iso);
let db: TestDatabase;
let app: INestApplication;
const tokens: Record<string, string> = {};

// lon (GMT in March), team t1 = {a1, a2}. Open 08–17 Mon 03-02 … Fri 03-06. a1 takes
// training:objections Wed 03-04 09–11 (7 200 s). W = 2 working days: before = Mon + Tue,
// after = Thu + Fri. 15 calls a day each: a1 420 s before, 360 s after; a2 (control, no
// training) 330 s before, 320 s after.
const DAYS = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'];
const AHT: Record<string, [number, number]> = { a1: [420, 360], a2: [330, 320] };

beforeAll(async () => {
  db = await withTestDatabase();
  app = await createTestApp(db, [HttpApiModule, TrainingModule]);
  await seedOrg(db.dataSource);
  await app.get(UsersService).ensureDemoUsers();
  await db.store.writeScheduleSegments([
    ...['a1', 'a2'].flatMap((agentId) => DAYS.map((d) => ({ agentId, start: t(`${d}T08:00:00Z`), end: t(`${d}T17:00:00Z`), activity: 'open', source: 'test' }))),
    { agentId: 'a1', start: t('2026-03-04T09:00:00Z'), end: t('2026-03-04T11:00:00Z'), activity: 'training:objections', source: 'test' },
  ]);
  const contacts = [];
  for (const agentId of ['a1', 'a2']) {
    for (const d of ['2026-03-02', '2026-03-03', '2026-03-05', '2026-03-06']) {
      const talk = d < '2026-03-04' ? AHT[agentId][0] : AHT[agentId][1];
      for (let k = 0; k < 15; k++) {
        const enqueuedAt = t(`${d}T09:00:00Z`) + k * 20 * 60_000;
        contacts.push({
          source: 'test', contactId: `${agentId}-${d}-${k}`, segmentId: '1', channel: 'voice' as const, queueId: 'lon-voice', reason: 'lon-voice', agentId,
          customerKey: null, enqueuedAt, answeredAt: enqueuedAt + 5_000, endedAt: enqueuedAt + 5_000 + talk * 1000, waitSeconds: 5, talkSeconds: talk,
          holdSeconds: 0, acwSeconds: 0, outcome: 'handled' as const, transferredTo: null, siteId: 'lon', teamId: 't1',
        });
      }
    }
  }
  await db.store.writeContacts(contacts);
  await app.get(OrgService).refresh();
  for (const u of ['agent', 'lead', 'manager']) tokens[u] = await loginAs(app, u);
}, 90_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const get = (u: string, url: string) => request(app.getHttpServer()).get(url).set('Authorization', `Bearer ${tokens[u]}`);
const Q = 'scope=team:t1&from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z&days=2&kpis=ahtSeconds,handledPerDay';

describe('activity effect: a course with a control group', () => {
  it('register: one training:objections row of 7 200 s for a1, a2 is its control', async () => {
    const res = await get('lead', `/api/v1/activities?${Q}`);
    expect(res.status).toBe(200);
    expect(res.body.map((r: { name: string; agentId: string; paidSeconds: number; controlAgents: string[] }) => [r.name, r.agentId, r.paidSeconds, r.controlAgents])).toEqual([
      ['training:objections', 'a1', 7200, ['a2']],
    ]);
  });

  it('did = (360 − 420) − (320 − 330) = −50; cost 2 h × 31.25 = 62.5; benefit 50 × (30 / 2) × 31.25 / 3600; payback 9.6 days', async () => {
    const res = await get('manager', `/api/v1/activity-effect?${Q}&by=name&asOf=2026-03-10T00:00:00Z`);
    expect(res.status).toBe(200);
    const [row] = res.body.rows;
    expect(row).toMatchObject({ key: 'training:objections', agents: 1, controlAgents: 1, paidSeconds: 7200, trainingCost: 62.5, pending: false });
    expect(row.kpis.ahtSeconds).toEqual({ before: 420, after: 360, delta: -60, controlBefore: 330, controlAfter: 320, did: -50 });
    expect(row.kpis.handledPerDay).toEqual({ before: 15, after: 15, delta: 0, controlBefore: 15, controlAfter: 15, did: 0 });
    expect(row.dailyBenefit).toBeCloseTo((50 * 15 * 31.25) / 3600, 9);
    expect(row.paybackDays).toBeCloseTo(62.5 / ((50 * 15 * 31.25) / 3600), 9); // 9.6
  });

  it('pending before the after window ends; agents get 403', async () => {
    const res = await get('lead', `/api/v1/activity-effect?${Q}&asOf=2026-03-06T12:00:00Z`);
    expect(res.body.rows[0].pending).toBe(true);
    expect(res.body.rows[0].kpis.ahtSeconds.after).toBeNull();
    expect(res.body.rows[0].paybackDays).toBeNull();
    expect((await get('agent', `/api/v1/activity-effect?${Q}`)).status).toBe(403);
    // W = 3: only Thu and Fri are scheduled after the course, so its after window has not ended
    // (its third working day is not known yet), even at asOf Sun 03-08.
    const short = await get('lead', `/api/v1/activity-effect?${Q.replace('days=2', 'days=3')}&asOf=2026-03-08T00:00:00Z`);
    expect(short.body.rows[0]).toMatchObject({ pending: true, paybackDays: null });
    expect(short.body.rows[0].kpis.ahtSeconds.after).toBeNull();
  });

  it('a second course of a1 still in its after window leaves the row measuring the complete one: did −50 over 7 200 s, not pending', async () => {
    // Fri 03-06 10–11 objections again (3 600 s); open Mon 03-09 and Tue 03-10 for both, so its
    // after window is those two days, not over at asOf Tue 03-10 00:00. The first course's
    // windows and control are as before (a2 has no course from Mon 03-02 to Fri 03-06).
    await db.store.writeScheduleSegments([
      { agentId: 'a1', start: t('2026-03-06T10:00:00Z'), end: t('2026-03-06T11:00:00Z'), activity: 'training:objections', source: 'test' },
      ...['a1', 'a2'].flatMap((agentId) => ['2026-03-09', '2026-03-10'].map((d) => ({ agentId, start: t(`${d}T08:00:00Z`), end: t(`${d}T17:00:00Z`), activity: 'open', source: 'test' }))),
    ]);
    const acts = await get('lead', `/api/v1/activities?${Q}`);
    expect(acts.body.map((r: { start: string; paidSeconds: number }) => [r.start, r.paidSeconds])).toEqual([
      ['2026-03-04T09:00:00.000Z', 7200],
      ['2026-03-06T10:00:00.000Z', 3600],
    ]);
    const res = await get('manager', `/api/v1/activity-effect?${Q}&by=name&asOf=2026-03-10T00:00:00Z`);
    const [row] = res.body.rows;
    expect(row).toMatchObject({ key: 'training:objections', agents: 1, paidSeconds: 7200, trainingCost: 62.5, pending: false });
    expect(row.kpis.ahtSeconds).toEqual({ before: 420, after: 360, delta: -60, controlBefore: 330, controlAfter: 320, did: -50 });
    // Once both after windows are over, the row pools both: 10 800 s paid, 2 h + 1 h × 31.25.
    const later = await get('manager', `/api/v1/activity-effect?${Q}&by=name&asOf=2026-03-12T00:00:00Z`);
    expect(later.body.rows[0]).toMatchObject({ paidSeconds: 10_800, trainingCost: 93.75, pending: false });
  });
});
