import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { requiredAgentsErlang } from '@floorwatch/kpi';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { createTestApp, loginAs } from '../common/testing/test-app';
import { HttpApiModule } from '../common/http-api.module';
import { seedWorld } from '../common/testing/world';
import { OrgService } from '../org/org.service';
import { BonusModule } from '../bonus/bonus.module';
import { ForecastAccuracyModule } from './forecast-accuracy.module';
import type { ForecastAccuracyResult } from './forecast-accuracy.service';

const t = (iso: string) => Date.parse(iso);
let db: TestDatabase;
let app: INestApplication;
const tokens: Record<string, string> = {};

// 2026-03-03 (a day without world.ts calls), lon-voice 10:00–11:00: forecast 10, 12, 8, 10 calls of
// 180 s; actual 11, 10, 8, 11 calls of 200 s (talk 200, no hold or ACW).
const FORECAST = [10, 12, 8, 10];
const ACTUAL = [11, 10, 8, 11];

beforeAll(async () => {
  db = await withTestDatabase();
  app = await createTestApp(db, [HttpApiModule, ForecastAccuracyModule, BonusModule]);
  await seedWorld(db, app);
  await db.store.writeScheduleSegments([{ agentId: 'a1', start: t('2026-03-03T09:00:00Z'), end: t('2026-03-03T17:00:00Z'), activity: 'open', source: 'test' }]);
  await db.store.writeForecasts(FORECAST.map((volume, i) => ({
    siteId: 'lon', queueId: 'lon-voice', intervalStart: t('2026-03-03T10:00:00Z') + i * 900_000, volume, ahtSeconds: 180, requiredAgents: null, source: 'test',
  })));
  const contacts = ACTUAL.flatMap((n, i) => Array.from({ length: n }, (_, k) => {
    const enqueuedAt = t('2026-03-03T10:00:00Z') + i * 900_000 + k * 60_000;
    return {
      source: 'test', contactId: `f${i}-${k}`, segmentId: '1', channel: 'voice' as const, queueId: 'lon-voice', reason: 'lon-voice', agentId: 'a2',
      customerKey: null, enqueuedAt, answeredAt: enqueuedAt + 5_000, endedAt: enqueuedAt + 205_000, waitSeconds: 5, talkSeconds: 200,
      holdSeconds: 0, acwSeconds: 0, outcome: 'handled' as const, transferredTo: null, siteId: 'lon', teamId: 't1',
    };
  }));
  await db.store.writeContacts(contacts);
  await app.get(OrgService).refresh();
  for (const u of ['agent', 'lead', 'desk', 'sitemgr', 'manager']) tokens[u] = await loginAs(app, u);
}, 90_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const get = (u: string, url: string) => request(app.getHttpServer()).get(url).set('Authorization', `Bearer ${tokens[u]}`);
const Q = '/api/v1/forecast-accuracy?site=lon&from=2026-03-03T10:00:00Z&to=2026-03-03T11:00:00Z&asOf=2026-03-03T12:00:00Z';

describe('GET /forecast-accuracy', () => {
  it('per interval: +10 %, −16.67 %, 0, +10 %; AHT 200 against 180 = +11.1 %', async () => {
    const res = await get('desk', `${Q}&by=interval`);
    expect(res.status).toBe(200);
    const body = res.body as ForecastAccuracyResult;
    expect(body.rows.map((r) => r.key)).toEqual(['2026-03-03T10:00:00.000Z', '2026-03-03T10:15:00.000Z', '2026-03-03T10:30:00.000Z', '2026-03-03T10:45:00.000Z']);
    expect(body.rows.map((r) => r.volumeErrorPct)).toEqual([10, (100 * -2) / 12, 0, 10]);
    expect(body.rows[0].ahtErrorPct).toBeCloseTo((100 * 20) / 180, 10);
  });

  it('by day: Σf 40 = Σa 40 → volumeErrorPct 0; WAPE 100 × (1 + 2 + 0 + 1) / 40 = 10', async () => {
    const body = (await get('sitemgr', `${Q}&by=day`)).body as ForecastAccuracyResult;
    expect(body.rows).toHaveLength(1);
    expect(body.rows[0]).toMatchObject({ key: '2026-03-03', forecastVolume: 40, actualVolume: 40, volumeErrorPct: 0, wapePct: 10 });
  });

  it('gap split sums exactly: a1 scheduled (1), nobody on (0)', async () => {
    const body = (await get('desk', `${Q}&by=interval`)).body as ForecastAccuracyResult;
    const g = body.gaps[1]; // 10:15: forecast 12 × 180 s, actual 10 × 200 s
    expect(g.requiredAgents).toBe(requiredAgentsErlang(12, 180, 80, 20));
    expect(g.requiredInHindsight).toBe(requiredAgentsErlang(10, 200, 80, 20));
    expect([g.scheduledAgents, g.actualAgents, g.attendanceGap]).toEqual([1, 0, -1]);
    expect((g.forecastErrorAgents ?? 0) + (g.scheduleGap ?? 0) + g.attendanceGap).toBe(g.hindsightGap);
    expect(body.summary.intervals).toBe(4);
  });

  it('403 for agent, team leader and a manager of another site; 400 naming the field', async () => {
    expect((await get('agent', Q)).status).toBe(403);
    expect((await get('lead', Q)).status).toBe(403);
    expect((await get('sitemgr', Q.replace('site=lon', 'site=nyc'))).status).toBe(403);
    const bad = await get('desk', Q.replace('by=', '') + '&by=week');
    expect([bad.status, bad.body.field]).toEqual([400, 'by']);
  });
});

describe('GET /bonus', () => {
  it('a1 at 2026-03-02 17:00: Sd 28 800, Ad 28 500 (5 min late from lunch), Sr 28 800 (tomorrow) → r 81.04, onTrack', async () => {
    const res = await get('agent', '/api/v1/bonus?agent=a1&asOf=2026-03-02T17:00:00Z');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ agent: 'a1', periodStart: '2026-01-01T00:00:00.000Z', periodEnd: '2026-03-31T23:00:00.000Z', target: 90, bonusStatus: 'onTrack' });
    expect(res.body.periodToDate).toBeCloseTo((100 * 28_500) / 28_800, 9);
    // 100 × (0.9 × 57 600 − 28 500) / 28 800 = 100 × 23 340 / 28 800
    expect(res.body.requiredRestPct).toBeCloseTo((100 * 23_340) / 28_800, 9);
  });

  it('month period; another agent is 403 for the agent, fine for their team leader', async () => {
    const m = await get('lead', '/api/v1/bonus?agent=a1&asOf=2026-03-02T17:00:00Z&period=month');
    expect([m.body.periodStart, m.body.periodEnd]).toEqual(['2026-03-01T00:00:00.000Z', '2026-03-31T23:00:00.000Z']);
    expect((await get('agent', '/api/v1/bonus?agent=a2')).status).toBe(403);
  });
});
