import type { INestApplication } from '@nestjs/common';
import type { KpiApiResult } from '@floorwatch/contracts';
import request from 'supertest';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { STATEMENT_TIMEOUT_ENV } from '../database/statement-timeout';
import { HttpApiModule } from './http-api.module';
import { createTestApp, loginAs } from './testing/test-app';
import { DAY, seedWorld } from './testing/world';

const onPostgres = process.env['TEST_DATABASE_URL'] ? describe : describe.skip;

/**
 * Issue 20 item 8: API_STATEMENT_TIMEOUT_MS stops a slow API read with a clear 503, per request
 * only (background work keeps no limit), and leaves the pooled connections clean.
 * PostgreSQL only: PGlite does not enforce statement_timeout (see RecordStore.query).
 */
onPostgres('a slow API read is stopped by the statement timeout (PostgreSQL)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let admin: string;
  const saved = process.env[STATEMENT_TIMEOUT_ENV];
  const kpis = () => request(app.getHttpServer()).get(`/api/v1/kpis?scope=enterprise&from=${DAY.from}&to=${DAY.to}`).set('Authorization', `Bearer ${admin}`);

  beforeAll(async () => {
    db = await withTestDatabase();
    app = await createTestApp(db, [HttpApiModule]);
    await seedWorld(db, app);
    admin = await loginAs(app, 'admin');
  });
  afterEach(() => {
    if (saved === undefined) delete process.env[STATEMENT_TIMEOUT_ENV];
    else process.env[STATEMENT_TIMEOUT_ENV] = saved;
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('a KPI read blocked past the limit answers 503 naming the setting; the next request answers the real figures', async () => {
    process.env[STATEMENT_TIMEOUT_ENV] = '300';
    // An honest slow query: another session holds the contacts table, so the KPI read of the
    // contacts waits on its lock; statement_timeout counts that wait.
    const holder = db.dataSource.createQueryRunner();
    await holder.startTransaction();
    await holder.query('LOCK TABLE contacts IN ACCESS EXCLUSIVE MODE');
    const started = Date.now();
    let res: request.Response;
    try {
      res = await kpis();
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
    expect(res.status).toBe(503);
    expect(res.body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: `a database query took longer than 300 ms (${STATEMENT_TIMEOUT_ENV}) and was stopped: ask for a shorter window or a narrower scope, or try again later`,
    });
    expect(Date.now() - started).toBeLessThan(10_000); // stopped, not left waiting on the lock

    // More requests than the pool has connections (4): none inherits an aborted transaction.
    for (let i = 0; i < 6; i++) {
      const ok = await kpis();
      expect(ok.status).toBe(200);
      // handled k1..k4: (200+20+60) + (300+0+40) + 600 + 900 = 2 120 s over 4 contacts = 530 s
      const k = (ok.body as KpiApiResult).rows[0].kpis;
      expect([k.handled, k.ahtSeconds]).toEqual([4, 530]);
    }
  });

  it('the limit lives only in the request: pooled connections keep the server default afterwards', async () => {
    process.env[STATEMENT_TIMEOUT_ENV] = '250';
    const before = (await db.dataSource.query<{ statement_timeout: string }[]>('SHOW statement_timeout'))[0].statement_timeout;
    await Promise.all([kpis(), kpis(), kpis()]);
    // Hold every pooled connection at once (pool of 4) and ask each for its setting.
    const runners = Array.from({ length: 4 }, () => db.dataSource.createQueryRunner());
    try {
      const shown = await Promise.all(runners.map(async (r) => (await r.query('SHOW statement_timeout'))[0].statement_timeout as string));
      expect(shown).toEqual([before, before, before, before]);
    } finally {
      await Promise.all(runners.map((r) => r.release()));
    }
  });

  it('work outside a request (migrations, rebuilds, backfill) has no limit', async () => {
    process.env[STATEMENT_TIMEOUT_ENV] = '100';
    // 0.4 s > 100 ms: would be cancelled if the limit were pool-wide.
    await expect(db.store.query('SELECT pg_sleep(0.4)')).resolves.toHaveLength(1);
  });

  it('0 turns the limit off: the same blocked read waits for the lock and answers', async () => {
    process.env[STATEMENT_TIMEOUT_ENV] = '0';
    const holder = db.dataSource.createQueryRunner();
    await holder.startTransaction();
    await holder.query('LOCK TABLE contacts IN ACCESS EXCLUSIVE MODE');
    const pending = kpis().then((r) => r); // .then sends the request now
    await new Promise((resolve) => setTimeout(resolve, 600)); // longer than the 300 ms that stopped it above
    await holder.rollbackTransaction();
    await holder.release();
    const res = await pending;
    expect(res.status).toBe(200);
    expect((res.body as KpiApiResult).rows[0].kpis.handled).toBe(4);
  });
});
