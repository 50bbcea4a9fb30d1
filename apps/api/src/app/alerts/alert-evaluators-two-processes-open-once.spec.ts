import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { loginAs } from '../common/testing/test-app';
import { seedWorld } from '../common/testing/world';
import { clockFrom } from '../live/testing/live-test-kit';
import { EvaluatorLock } from './evaluator-lock';
import { startAlertsApp, type AlertsTestApp } from './testing/alerts-test-app';

const T = (hhmm: string) => Date.parse(`2026-03-02T${hhmm}:00Z`);
const REDIS = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

describe('two API processes evaluating the same minutes on one database', () => {
  let db: TestDatabase;
  let a: AlertsTestApp;
  let b: AlertsTestApp;

  beforeAll(async () => {
    db = await withTestDatabase();
    a = await startAlertsApp(db, { now: clockFrom('2026-03-02T13:00:00Z') });
    await seedWorld(db, a.app);
    b = await startAlertsApp(db, { now: clockFrom('2026-03-02T13:00:00Z') });
    await a.reload();
    await b.reload();
  }, 120_000);
  afterAll(async () => {
    await a?.app.close();
    await b?.app.close();
    await db?.close();
  });

  // a1 back from lunch at 13:05 (world.ts): the rule of alert-lifecycle-and-audience.spec.ts opens
  // at 13:05 and auto-resolves at 13:13, once — though both evaluators tick every minute.
  it('opens one instance, not two, and resolves it once', async () => {
    const token = await loginAs(a.app, 'lead');
    const rule = await request(a.app.getHttpServer()).post('/api/v1/alert-rules').set('Authorization', `Bearer ${token}`).send({
      name: 'a1 out of adherence', kpi: 'adherencePct', scope: 'agent:a1', condition: { op: '<', value: 50 },
      window: { minutes: 5 }, sustainMinutes: 2, clearMinutes: 5, audience: ['team_leader', 'agent'],
    });
    expect(rule.status).toBe(201);
    await a.scheduler.runUntil(T('13:00'));
    // Both processes evaluate 13:01 … 13:20 at the same time (their reads and writes interleave).
    for (let m = 1; m <= 20; m++) {
      const t = T(`13:${String(m).padStart(2, '0')}`);
      await Promise.all([a.scheduler.runUntil(t), b.scheduler.runUntil(t)]);
    }
    const rows: { opened_at: Date; resolved_at: Date | null; status: string }[] = await db.dataSource.query('SELECT opened_at, resolved_at, status FROM alert_instances ORDER BY opened_at');
    expect(rows.map((r) => [new Date(r.opened_at).toISOString(), r.resolved_at && new Date(r.resolved_at).toISOString(), r.status])).toEqual([
      ['2026-03-02T13:05:00.000Z', '2026-03-02T13:13:00.000Z', 'resolved'],
    ]);
  }, 180_000);

  it('the database refuses a second active instance of the same rule × scope', async () => {
    const [rule] = await a.alerts.store.rules();
    expect(await a.alerts.store.open(rule, 'agent:a2', T('14:00'), 10)).not.toBeNull();
    expect(await b.alerts.store.open(rule, 'agent:a2', T('14:01'), 10)).toBeNull();
    const n: { n: number }[] = await db.dataSource.query(`SELECT count(*)::int AS n FROM alert_instances WHERE scope = 'agent:a2'`);
    expect(n[0].n).toBe(1);
  });
});

describe('with REDIS_URL one process holds the evaluator lock', () => {
  it('the second process skips while the first holds it, and takes over once it is released', async () => {
    const key = `floorwatch-test:alerts:evaluator:${randomUUID()}`;
    const first = new EvaluatorLock(REDIS, 30_000, key);
    const second = new EvaluatorLock(REDIS, 30_000, key);
    try {
      expect(await first.acquire()).toBe(true);
      expect(await second.acquire()).toBe(false);
      expect(await first.acquire()).toBe(true); // renewal by the holder
      await first.release();
      expect(await second.acquire()).toBe(true);
    } finally {
      await second.release();
    }
  });

  it('without Redis every process evaluates (the database index de-duplicates)', async () => {
    expect(await new EvaluatorLock(undefined, 30_000).acquire()).toBe(true);
  });
});
