import type { INestApplication } from '@nestjs/common';
import type { DriversResult, KpiApiResult } from '@floorwatch/contracts';
import request from 'supertest';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { HttpApiModule } from '../common/http-api.module';
import type { TestUser } from '../common/testing/fixtures';
import { createTestApp, loginAs } from '../common/testing/test-app';
import { DAY, seedWorld } from '../common/testing/world';
import { IngestModule } from '../ingest/ingest.module';
import { IngestService } from '../ingest/ingest.service';
import { ingestText } from '../ingest/ingest-test-kit';

/*
 * The test world (a1, a2 in t1 and a3 in t2 at lon; n1 at nyc) plus three responses that name
 * their contact: k1 (a1, csat 7, nps 10), k3 (a3, csat 2, nps 3, comment), k4 (n1, csat 6, nps 9).
 */
const SURVEYS = [
  'customer_id,responded_at,main_channel,channel_chain,q1,q2,q3,q4,q5,csat,nps,scale_min,scale_max,contact_id,comment',
  'x1,2026-03-02T18:00:00Z,phone,phone,7,7,7,,,7,10,1,7,k1,',
  'x3,2026-03-02T18:05:00Z,phone,web>phone,2,2,2,,,2,3,1,7,k3,never again',
  'x4,2026-03-02T18:10:00Z,phone,phone,6,6,6,,,6,9,1,7,k4,',
].join('\n') + '\n';

describe('customer outcomes over HTTP: minimum sample in target entries, roles on survey aggregates and drivers', () => {
  let db: TestDatabase;
  let app: INestApplication;
  const tokens = {} as Record<TestUser, string>;
  const get = (who: TestUser, path: string) => request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${tokens[who]}`);
  const W = new URLSearchParams(DAY).toString();

  beforeAll(async () => {
    db = await withTestDatabase();
    app = await createTestApp(db, [HttpApiModule, IngestModule]);
    await seedWorld(db, app);
    await ingestText(app.get(IngestService), 'survey', SURVEYS);
    for (const who of ['agent', 'lead', 'manager', 'desk', 'admin', 'sitemgr'] as const) tokens[who] = await loginAs(app, who);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('enterprise: 3 responses; csat top box 2/3 (7, 6) = 66.7 vs 80 with n 3 < 30 → status none, n in the entry', async () => {
    const res = (await get('manager', `/api/v1/kpis?scope=enterprise&${W}`)).body as KpiApiResult;
    const row = res.rows[0];
    expect(row.kpis.surveyResponses).toBe(3);
    expect(row.kpis.csatTopBoxPct).toBeCloseTo(200 / 3, 10);
    expect(row.targets.csatTopBoxPct).toEqual({ value: 80, status: 'none', direction: 'higher', n: 3, minResponses: 30 });
    // nps 10, 3, 9 → promoters 2, detractors 1 → 100 × (2 − 1) / 3
    expect(row.kpis.npsScore).toBeCloseTo(100 / 3, 10);
    expect(row.targets.npsScore).toMatchObject({ value: 30, status: 'none', n: 3 });
    expect(row.targets.consistencyIndex).toMatchObject({ status: 'none', n: 3, minResponses: 30 });
  });

  it('an agent sees only its own response in aggregates; another agent or its team is 403 (JSON and CSV)', async () => {
    const own = (await get('agent', `/api/v1/kpis?scope=agent:a1&${W}`)).body as KpiApiResult;
    expect([own.rows[0].kpis.surveyResponses, own.rows[0].kpis.csatMean, own.rows[0].kpis.npsScore]).toEqual([1, 100, 100]);
    expect((await get('agent', `/api/v1/kpis?scope=agent:a3&${W}`)).status).toBe(403);
    expect((await get('agent', `/api/v1/kpis.csv?scope=agent:a3&${W}`)).status).toBe(403);
    expect((await get('agent', `/api/v1/kpis?scope=team:t2&${W}`)).status).toBe(403);
    expect((await get('agent', `/api/v1/kpis?scope=enterprise&by=agent&${W}`)).status).toBe(403);
  });

  it('team leader by agent: a1 1 response, a2 none; team t2 holds a3 (csat 2 → 16.67)', async () => {
    const res = (await get('lead', `/api/v1/kpis?scope=team:t1&by=agent&${W}`)).body as KpiApiResult;
    expect(res.rows.find((r) => r.key === 'a1')?.kpis.surveyResponses).toBe(1);
    expect(res.rows.find((r) => r.key === 'a2')?.kpis.surveyResponses ?? 0).toBe(0);
    const t2 = (await get('sitemgr', `/api/v1/kpis?scope=team:t2&${W}`)).body as KpiApiResult;
    expect(t2.rows[0].kpis.csatMean).toBeCloseTo(100 / 6, 10);
  });

  it('drivers: agent and control desk 403; lead own team only; manager and admin 200; bad outcome 400 naming the field', async () => {
    const q = `outcome=csat&${W}`;
    expect((await get('agent', `/api/v1/drivers?scope=agent:a1&${q}`)).status).toBe(403);
    expect((await get('desk', `/api/v1/drivers?${q}`)).status).toBe(403);
    expect((await get('lead', `/api/v1/drivers?scope=team:t1&${q}`)).status).toBe(200);
    expect((await get('lead', `/api/v1/drivers?scope=team:t2&${q}`)).status).toBe(403);
    expect((await get('sitemgr', `/api/v1/drivers?scope=site:nyc&${q}`)).status).toBe(403);
    const bad = await get('manager', `/api/v1/drivers?outcome=mood&${W}`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('outcome');
    const res = (await get('admin', `/api/v1/drivers?${q}&by=channelChain`)).body as DriversResult;
    expect(res.drivers.map((d) => d.driver)).toEqual(['consistency', 'productSat', 'valueForMoney', 'q1', 'q2', 'q3', 'q4', 'q5']);
    // consistency 100, 16.67, 83.33 vs csat 100, 16.67, 83.33: r = 1
    expect(res.drivers[0].r).toBeCloseTo(1, 10);
    expect(res.groups?.map((g) => [g.key, g.consistencyResponses])).toEqual([['phone', 2], ['web>phone', 1]]);
  });
});
