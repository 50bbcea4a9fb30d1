import type { INestApplication } from '@nestjs/common';
import type { KpiApiResult, Timeline } from '@floorwatch/contracts';
import request from 'supertest';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { HttpApiModule } from '../common/http-api.module';
import { createTestApp, loginAs } from '../common/testing/test-app';
import { OrgService } from '../org/org.service';
import { StaffingService } from './staffing.service';
import { DAY, seedWorld } from '../common/testing/world';

describe('GET /kpis computes adherence and AHT by hand-checkable arithmetic', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let token: string;
  const get = (path: string) => request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    db = await withTestDatabase();
    app = await createTestApp(db, [HttpApiModule]);
    await seedWorld(db, app);
    token = await loginAs(app, 'manager');
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('agent a1: 5 minutes late back from lunch shows in adherence; AHT is the mean handle time', async () => {
    const res = await get(`/api/v1/kpis?scope=agent:a1&from=${DAY.from}&to=${DAY.to}`);
    expect(res.status).toBe(200);
    const body = res.body as KpiApiResult;
    expect(body).toMatchObject({ scope: 'agent:a1', from: DAY.from.replace('Z', '.000Z'), asOf: '2026-03-02T17:00:00.000Z' });
    const k = body.rows[0].kpis;
    // scheduled = open 3 h + lunch 1 h + open 4 h = 28 800 s; out of adherence 13:00–13:05 = 300 s
    expect(k.scheduledSeconds).toBe(28_800);
    expect(k.inAdherenceSeconds).toBe(28_500);
    expect(k.adherencePct).toBeCloseTo((100 * 28_500) / 28_800, 10); // 98.958…
    // handle = (200 + 20 + 60) + (300 + 0 + 40) = 280 + 340 = 620 s over 2 contacts
    expect(k.handled).toBe(2);
    expect(k.ahtSeconds).toBe(310);
    expect(k.talkSeconds).toBe(250);
    // adherence 98.96 ≥ 90 default → green; AHT 310 ≤ 360 → green
    expect(body.rows[0].targets.adherencePct).toEqual({ value: 90, status: 'green', direction: 'higher' });
    expect(body.rows[0].targets.ahtSeconds).toEqual({ value: 360, status: 'green', direction: 'lower' });
  });

  it('site lon by agent: a1 and a3 rows, nothing from nyc; AHT of a3 = 600', async () => {
    const res = await get(`/api/v1/kpis?scope=site:lon&by=agent&from=${DAY.from}&to=${DAY.to}`);
    const body = res.body as KpiApiResult;
    expect(body.rows.map((r) => r.key)).toEqual(['a1', 'a3']);
    expect(body.rows[1].kpis.ahtSeconds).toBe(600);
    // site lon AHT: (280 + 340 + 600) / 3 = 406.67 > 360 by 46.7, more than 5% of 360 = 18 → red
    const all = (await get(`/api/v1/kpis?scope=site:lon&from=${DAY.from}&to=${DAY.to}`)).body as KpiApiResult;
    expect(all.rows[0].kpis.ahtSeconds).toBeCloseTo(1220 / 3, 10);
    expect(all.rows[0].targets.ahtSeconds?.status).toBe('red');
  });

  it('exports the same numbers as CSV, a column per KPI: readable headers by default, raw names with headers=names', async () => {
    const res = await get(`/api/v1/kpis.csv?scope=agent:a1&from=${DAY.from}&to=${DAY.to}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="floorwatch-agent-a1-2026-03-02.csv"');
    const [header, row] = res.text.trim().split('\r\n').map((l) => l.split(','));
    expect(header[0]).toBe('Scope');
    expect(row[header.indexOf('AHT (s)')]).toBe('310');
    expect(row[header.indexOf('Handled')]).toBe('2');
    expect(row[header.indexOf('AHT status')]).toBe('On target');
    const names = await get(`/api/v1/kpis.csv?scope=agent:a1&from=${DAY.from}&to=${DAY.to}&headers=names`);
    const [h2, r2] = names.text.trim().split('\r\n').map((l) => l.split(','));
    expect(h2[0]).toBe('key');
    expect(r2[h2.indexOf('ahtSeconds')]).toBe('310');
    expect(r2[h2.indexOf('handled')]).toBe('2');
    expect(r2[h2.indexOf('ahtSecondsStatus')]).toBe('green');
    expect((await get(`/api/v1/kpis.csv?scope=agent:a1&from=${DAY.from}&to=${DAY.to}&headers=fancy`)).status).toBe(400);
  });

  it('timeline of a1 on 2026-03-02 lists the late return as the only out-of-adherence stretch', async () => {
    const res = await get('/api/v1/timeline?agent=a1&day=2026-03-02');
    expect(res.status).toBe(200);
    const tl = res.body as Timeline;
    expect(tl.timezone).toBe('Europe/London');
    expect(tl.outOfAdherence).toEqual([{ start: '2026-03-02T13:00:00.000Z', end: '2026-03-02T13:05:00.000Z', activity: 'open', state: 'aux:lunch' }]);
    expect(tl.adherencePct).toBeCloseTo((100 * 28_500) / 28_800, 10);
    expect(tl.schedule).toHaveLength(3);
  });

  it('staffing for lon: 15-minute rows; at 10:00 one agent scheduled open and one productive', async () => {
    const res = await get('/api/v1/staffing?site=lon&from=2026-03-02T10:00:00Z&to=2026-03-02T11:00:00Z');
    expect(res.status).toBe(200);
    expect(res.body.rows).toHaveLength(4);
    expect(res.body.rows[0]).toMatchObject({ intervalStart: '2026-03-02T10:00:00.000Z', scheduledAgents: 1, actualAgents: 1, requiredAgents: null });
  });
  it('staffing: the interval holding "now" counts who is productive now, not elapsed seconds / 900', async () => {
    const org = await app.get(OrgService).get();
    const staffing = app.get(StaffingService);
    const at = (iso: string) => Date.parse(iso);
    // asOf 13:10: a1 has been available since 13:05 (back from lunch). Live 13:00 row: 1 agent now,
    // where 300 productive seconds / 900 would have shown 0.33. The 12:45 row is history: a1 at lunch → 0.
    const res = await staffing.staffing('lon', at('2026-03-02T12:45:00Z'), at('2026-03-02T13:30:00Z'), org, at('2026-03-02T13:10:00Z'));
    expect(res.rows.map((r) => [r.intervalStart, r.actualAgents])).toEqual([
      ['2026-03-02T12:45:00.000Z', 0],
      ['2026-03-02T13:00:00.000Z', 1],
      ['2026-03-02T13:15:00.000Z', 0],
    ]);
  });
  it('FCR looks ahead past the window and across sites for repeats (asOf given)', async () => {
    const base = { source: 'test', segmentId: '1', channel: 'voice' as const, reason: 'x', waitSeconds: 5, holdSeconds: 0, acwSeconds: 0, outcome: 'handled' as const, transferredTo: null };
    const at = (iso: string) => Date.parse(iso);
    await db.store.writeContacts([
      // cust-1: handled by a1 on the 2nd, calls back nyc on the 4th (outside window and scope) → repeated
      { ...base, contactId: 'f1', queueId: 'lon-voice', agentId: 'a1', siteId: 'lon', teamId: 't1', customerKey: 'cust-1', enqueuedAt: at('2026-03-02T16:00:00Z'), answeredAt: at('2026-03-02T16:00:05Z'), endedAt: at('2026-03-02T16:05:05Z'), talkSeconds: 300 },
      { ...base, contactId: 'f2', queueId: 'nyc-voice', agentId: 'n1', siteId: 'nyc', teamId: 'tn', customerKey: 'cust-1', enqueuedAt: at('2026-03-04T15:00:00Z'), answeredAt: at('2026-03-04T15:00:05Z'), endedAt: at('2026-03-04T15:05:05Z'), talkSeconds: 300 },
      // cust-2: handled by a1, never calls back → resolved
      { ...base, contactId: 'f3', queueId: 'lon-voice', agentId: 'a1', siteId: 'lon', teamId: 't1', customerKey: 'cust-2', enqueuedAt: at('2026-03-02T16:30:00Z'), answeredAt: at('2026-03-02T16:30:05Z'), endedAt: at('2026-03-02T16:35:05Z'), talkSeconds: 300 },
    ]);
    const res = await get(`/api/v1/kpis?scope=agent:a1&from=${DAY.from}&to=${DAY.to}&asOf=2026-03-20T00:00:00Z`);
    const k = (res.body as KpiApiResult).rows[0].kpis;
    // eligible: f1 and f3 (ended + 7 d ≤ asOf); not repeated: f3 → 100 × 1 / 2 = 50
    expect([k.fcrEligible, k.fcrPending, k.fcrPct]).toEqual([2, 0, 50]);
    // k1 and k2 have no customer key
    expect(k.fcrUnknown).toBe(2);
    // 50 < 75 by 25 > 5% of 75 = 3.75 → red
    expect((res.body as KpiApiResult).rows[0].targets.fcrPct?.status).toBe('red');
  });
});
