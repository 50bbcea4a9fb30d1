import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { createTestApp } from '../common/testing/test-app';
import { seedOrg } from '../common/testing/fixtures';
import { AuthModule } from './auth.module';
import { LoginLimiter } from './login-limiter';
import { UsersService } from './users.service';

/**
 * Issue 20 item 6: the brake counts per normalised username from any IP and per IP over any
 * username, backs off, and (REDIS_URL) is shared by API processes. TRUST_PROXY=true here so the
 * test can speak from several client addresses through X-Forwarded-For.
 */
describe('login brake per username and per IP, with backoff, shared through Redis', () => {
  let db: TestDatabase;
  const apps: INestApplication[] = [];
  const saved = { ...process.env };

  const attempt = (app: INestApplication, ip: string, username: string, password = 'wrong password') =>
    request(app.getHttpServer()).post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ username, password });

  beforeAll(async () => {
    process.env['TRUST_PROXY'] = 'true';
    db = await withTestDatabase();
    await seedOrg(db.dataSource);
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    process.env['REDIS_URL'] = saved['REDIS_URL'];
    if (saved['REDIS_URL'] === undefined) delete process.env['REDIS_URL'];
  });
  afterAll(async () => {
    process.env = saved;
    await db?.close();
  });

  async function newApp(): Promise<INestApplication> {
    const app = await createTestApp(db, [AuthModule]);
    apps.push(app);
    await app.get(UsersService).ensureDemoUsers();
    return app;
  }

  it('counts " Admin ", "ADMIN" and "admin" as one username across IPs: the 6th failure is 429, then the right password too', async () => {
    const app = await newApp();
    const names = [' Admin ', 'ADMIN', 'admin', 'aDmin', 'admin '];
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt(app, `10.0.0.${i + 1}`, names[i])).status);
    const sixth = await attempt(app, '10.0.0.99', 'admin', 'floorwatch');
    expect([...statuses, sixth.status]).toEqual([401, 401, 401, 401, 401, 429]);
    expect(sixth.body.retryAfterSeconds).toBe(1); // 1 s after the 5th failure (2^0)
    // Another username from the same IPs is not affected.
    expect((await attempt(app, '10.0.0.1', 'lead', 'floorwatch')).status).toBe(200);
  });

  it('backs off: after waiting out the delay one more guess is allowed, then the wait doubles', async () => {
    const app = await newApp();
    const limiter = app.get(LoginLimiter);
    Object.assign(limiter.limits, { perUser: 2, baseDelayMs: 400 });
    expect((await attempt(app, '10.1.0.1', 'desk')).status).toBe(401);
    expect((await attempt(app, '10.1.0.2', 'desk')).status).toBe(401);
    expect((await attempt(app, '10.1.0.3', 'desk')).status).toBe(429); // attempt 3: 400 ms after attempt 2
    // Hammering counts: attempt 4 must come 2 × 400 = 800 ms after attempt 3.
    await new Promise((r) => setTimeout(r, 500));
    expect((await attempt(app, '10.1.0.4', 'desk')).status).toBe(429);
    await new Promise((r) => setTimeout(r, 1700)); // attempt 5: 4 × 400 = 1 600 ms after attempt 4
    expect((await attempt(app, '10.1.0.5', 'desk')).status).toBe(401);
    const next = await attempt(app, '10.1.0.6', 'desk'); // attempt 6: 8 × 400 = 3 200 ms → "4 s"
    expect([next.status, next.body.retryAfterSeconds]).toEqual([429, 4]);
  });

  it('one IP guessing many usernames is stopped regardless of username', async () => {
    const app = await newApp();
    app.get(LoginLimiter).limits.perIp = 3;
    const statuses: number[] = [];
    for (const u of ['u1', 'u2', 'u3', 'u4']) statuses.push((await attempt(app, '10.2.0.1', u)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect((await attempt(app, '10.2.0.2', 'u5')).status).toBe(401); // another IP is not
  });

  it('without TRUST_PROXY a forged X-Forwarded-For does not give a fresh IP', async () => {
    delete process.env['TRUST_PROXY'];
    const app = await newApp();
    process.env['TRUST_PROXY'] = 'true';
    app.get(LoginLimiter).limits.perIp = 2;
    const statuses: number[] = [];
    for (const [i, u] of ['v1', 'v2', 'v3'].entries()) statuses.push((await attempt(app, `192.0.2.${i}`, u)).status);
    expect(statuses).toEqual([401, 401, 429]);
  });

  it('two API processes sharing Redis share the count', async () => {
    process.env['REDIS_URL'] = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
    process.env['LOGIN_LIMIT_PREFIX'] = `test-${randomUUID()}`;
    const [a, b] = [await newApp(), await newApp()];
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt(i % 2 ? a : b, `10.3.0.${i}`, 'manager')).status);
    expect([...statuses, (await attempt(a, '10.3.0.9', 'manager')).status, (await attempt(b, '10.3.0.9', 'manager')).status]).toEqual([401, 401, 401, 401, 401, 429, 429]);
    delete process.env['LOGIN_LIMIT_PREFIX'];
  });
});
