import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { createTestApp, loginAs } from '../common/testing/test-app';
import { seedOrg } from '../common/testing/fixtures';
import { MetricsModule } from '../metrics/metrics.module';
import { AuthModule } from './auth.module';
import { JwtSecretService } from './jwt-secret.service';
import { UsersService } from './users.service';

describe('login, me and tokens', () => {
  let db: TestDatabase;
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    process.env['API_DOCS'] = '1';
    process.env['METRICS_TOKEN'] = 'scrape-token-for-tests';
    db = await withTestDatabase();
    await seedOrg(db.dataSource);
    app = await createTestApp(db, [AuthModule, MetricsModule]);
    await app.get(UsersService).ensureDemoUsers();
  });
  afterAll(async () => {
    delete process.env['API_DOCS'];
    delete process.env['METRICS_TOKEN'];
    await app?.close();
    await db?.close();
  });

  it('logs in and returns Me exactly', async () => {
    const token = await loginAs(app, 'agent');
    const me = await http().get('/api/v1/me').set('Authorization', `Bearer ${token}`);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ username: 'agent', roles: ['agent'], agentId: 'a1', teamIds: [], siteIds: [] });
    const lead = await http().get('/api/v1/me').set('Authorization', `Bearer ${await loginAs(app, 'lead')}`);
    expect(lead.body).toEqual({ username: 'lead', roles: ['team_leader'], agentId: null, teamIds: ['t1'], siteIds: [] });
  });

  it('refuses a wrong password and an unknown user with the same 401', async () => {
    const wrong = await http().post('/api/v1/auth/login').send({ username: 'manager', password: 'nope' });
    const unknown = await http().post('/api/v1/auth/login').send({ username: 'ghost', password: 'floorwatch' });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body.message).toBe(unknown.body.message);
  });

  it('401s without a token, with a tampered one and with an expired one', async () => {
    expect((await http().get('/api/v1/me')).status).toBe(401);
    expect((await http().get('/api/v1/me').set('Authorization', 'Basic abc')).status).toBe(401);
    const token = await loginAs(app, 'desk');
    const [head, body, sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'admin', iat: 1, exp: 9_999_999_999 })).toString('base64url');
    expect((await http().get('/api/v1/me').set('Authorization', `Bearer ${head}.${forged}.${sig}`)).status).toBe(401);
    expect((await http().get('/api/v1/me').set('Authorization', `Bearer ${head}.${body}.${sig.slice(0, -2)}xx`)).status).toBe(401);
    const secret = await app.get(JwtSecretService).secret();
    const expired = await app.get(JwtService).signAsync({ sub: 'desk', iat: 1_000, exp: 2_000 }, { secret });
    const res = await http().get('/api/v1/me').set('Authorization', `Bearer ${expired}`);
    expect(res.status).toBe(401);
    expect(res.body.message).toBe('token expired');
  });

  it('keeps the signing secret in the settings table so tokens survive a restart', async () => {
    const rows: { value: string }[] = await db.dataSource.query(`SELECT value FROM settings WHERE key = 'jwt_secret'`);
    expect(rows[0].value).toBe(await app.get(JwtSecretService).secret());
    expect(rows[0].value.length).toBeGreaterThanOrEqual(32);
  });

  it('stops brute force: the 6th attempt in a minute for one IP and username is 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await http().post('/api/v1/auth/login').send({ username: 'admin', password: `guess${i}` })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // Another username from the same IP is not locked out.
    expect((await http().post('/api/v1/auth/login').send({ username: 'lead', password: 'floorwatch' })).status).toBe(200);
  });

  it('400s a login without a username, naming the field', async () => {
    const res = await http().post('/api/v1/auth/login').send({ password: 'x' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, field: 'username' });
  });

  it('serves /metrics with METRICS_TOKEN only, with the HTTP histogram and ingest counter', async () => {
    expect((await http().get('/metrics')).status).toBe(401);
    expect((await http().get('/metrics').set('Authorization', 'Bearer wrong')).status).toBe(401);
    const res = await http().get('/metrics').set('Authorization', 'Bearer scrape-token-for-tests');
    expect(res.status).toBe(200);
    expect(res.text).toContain('floorwatch_http_request_duration_seconds_bucket');
    expect(res.text).toContain('# TYPE floorwatch_ingest_records_total counter');
    expect(res.headers['x-content-type-options']).toBe('nosniff'); // helmet
  });

  it('serves the OpenAPI document with the login route', async () => {
    const res = await http().get('/api/docs-json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/me']));
  });
});
