import type { INestApplication } from '@nestjs/common';
import type { KpiApiResult } from '@floorwatch/contracts';
import request from 'supertest';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { HttpApiModule } from '../common/http-api.module';
import { createTestApp, loginAs } from '../common/testing/test-app';
import { DAY, seedWorld } from '../common/testing/world';
import { KpiQueryService } from './kpi-query.service';

/*
 * issue 22: "by reason" was "by queue" (one row per site and queue). A call type is cross-site:
 * - queue_log contacts carry their queue id as the reason (lon-voice, nyc-voice): keyed "voice";
 * - a feed's own call type ("Billing" at both sites) is one row as it is.
 * World (common/testing/world.ts) on 2026-03-02: lon-voice handles 280 s, 340 s, 600 s; nyc-voice
 * 900 s. Added here: one "Billing" call per site, lon 100 + 0 + 20 = 120 s, nyc 200 + 0 + 40 = 240 s.
 */
describe('GET /kpis by=reason groups a call type across sites', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let token: string;
  /** Which path answered each query (raw records or the rollups). */
  const paths: string[] = [];
  const get = async (q: string): Promise<KpiApiResult> => {
    const res = await request(app.getHttpServer()).get(`/api/v1/kpis?${q}&from=${DAY.from}&to=${DAY.to}`).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    paths.push(app.get(KpiQueryService).lastPath);
    return res.body as KpiApiResult;
  };
  /** Rows with contacts (by reason the aux reasons come too: agent time, no contacts). */
  const contactRows = (r: KpiApiResult) => r.rows.filter((row) => (row.kpis.handled ?? 0) > 0).map((row) => [row.key, row.kpis.handled, row.kpis.ahtSeconds]);

  beforeAll(async () => {
    db = await withTestDatabase();
    app = await createTestApp(db, [HttpApiModule]);
    await seedWorld(db, app);
    const billing = (id: string, agentId: string, queueId: string, siteId: string, teamId: string, at: string, talk: number, acw: number) => {
      const enqueuedAt = Date.parse(at);
      return {
        source: 'test', contactId: id, segmentId: '1', channel: 'voice' as const, queueId, reason: 'Billing', agentId, customerKey: null,
        enqueuedAt, answeredAt: enqueuedAt + 5_000, endedAt: enqueuedAt + 5_000 + talk * 1000, waitSeconds: 5, talkSeconds: talk, holdSeconds: 0,
        acwSeconds: acw, outcome: 'handled' as const, transferredTo: null, siteId, teamId,
      };
    };
    await db.store.writeContacts([
      billing('b1', 'a1', 'lon-voice', 'lon', 't1', '2026-03-02T15:00:00Z', 100, 20),
      billing('b2', 'n1', 'nyc-voice', 'nyc', 'tn', '2026-03-02T16:00:00Z', 200, 40),
    ]);
    token = await loginAs(app, 'manager');
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const expectEnterprise = async (): Promise<void> => {
    // voice: (280 + 340 + 600 + 900) / 4 = 2120 / 4 = 530 s; Billing: (120 + 240) / 2 = 180 s
    expect(contactRows(await get('scope=enterprise&by=reason'))).toEqual([['Billing', 2, 180], ['voice', 4, 530]]);
    // The site breakdown (what the manager's table shows on expanding a reason): the same keys per site.
    // lon voice: (280 + 340 + 600) / 3 = 406.67 s; lon Billing 120 s; nyc voice 900 s; nyc Billing 240 s
    const lon = contactRows(await get('scope=site:lon&by=reason'));
    expect(lon[0]).toEqual(['Billing', 1, 120]);
    expect(lon[1][0]).toBe('voice');
    expect(lon[1][1]).toBe(3);
    expect(lon[1][2]).toBeCloseTo(1220 / 3, 10);
    expect(contactRows(await get('scope=site:nyc&by=reason'))).toEqual([['Billing', 1, 240], ['voice', 1, 900]]);
    // By queue stays one row per site's queue: 3 + 1 = 4 handled at lon-voice, 1 + 1 = 2 at nyc-voice.
    expect(contactRows(await get('scope=enterprise&by=queue')).map(([k, n]) => [k, n])).toEqual([['lon-voice', 4], ['nyc-voice', 2]]);
  };

  it('raw records: voice (lon-voice + nyc-voice) and Billing are one row each, with their sites below', async () => {
    paths.length = 0;
    await expectEnterprise();
    expect(paths).toEqual(['raw', 'raw', 'raw', 'raw']);
  });
  // The rollup path (same keys through libs/kpi reasonGroupKey) is held to this raw answer by
  // rollup/rollup-matches-raw.spec.ts and rollup-daily-matches-raw.spec.ts (by=reason, three sites).
});
