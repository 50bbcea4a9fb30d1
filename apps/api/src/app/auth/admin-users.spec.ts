import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { createTestApp, loginAs } from '../common/testing/test-app';
import { seedOrg } from '../common/testing/fixtures';
import { AuthModule } from './auth.module';
import { UsersService } from './users.service';

describe('admin users: create, list, patch; role changes apply to live tokens', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let admin: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    db = await withTestDatabase();
    await seedOrg(db.dataSource);
    app = await createTestApp(db, [AuthModule]);
    await app.get(UsersService).ensureDemoUsers();
    admin = await loginAs(app, 'admin');
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('creates a user who can log in, never returning the hash', async () => {
    const res = await http()
      .post('/api/v1/admin/users')
      .set('Authorization', `Bearer ${admin}`)
      .send({ username: 'lead2', password: 'correct horse', roles: ['team_leader'], teamIds: ['t2'] });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ username: 'lead2', roles: ['team_leader'], agentId: null, teamIds: ['t2'], siteIds: [] });
    expect(await loginAs(app, 'lead2', 'correct horse')).toMatch(/^ey/);
    const dup = await http().post('/api/v1/admin/users').set('Authorization', `Bearer ${admin}`).send({ username: 'lead2', password: 'whatever-long-1', roles: ['admin'] });
    expect(dup.status).toBe(409);
  });

  it('patches roles (an existing token sees them at once) and password (existing tokens die)', async () => {
    const token = await loginAs(app, 'lead2', 'correct horse');
    const res = await http().patch('/api/v1/admin/users/lead2').set('Authorization', `Bearer ${admin}`).send({ roles: ['manager'], siteIds: ['lon'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ roles: ['manager'], siteIds: ['lon'], teamIds: ['t2'] });
    expect((await http().get('/api/v1/me').set('Authorization', `Bearer ${token}`)).body.roles).toEqual(['manager']);
    const pw = await http().patch('/api/v1/admin/users/lead2').set('Authorization', `Bearer ${admin}`).send({ password: 'new password 1' });
    expect(pw.status).toBe(200);
    expect((await http().get('/api/v1/me').set('Authorization', `Bearer ${token}`)).status).toBe(401);
    expect((await http().post('/api/v1/auth/login').send({ username: 'lead2', password: 'correct horse' })).status).toBe(401);
    expect(await loginAs(app, 'lead2', 'new password 1')).toMatch(/^ey/);
    expect((await http().patch('/api/v1/admin/users/nobody').set('Authorization', `Bearer ${admin}`).send({ roles: ['admin'] })).status).toBe(404);
  });

  it('lists users for admins only', async () => {
    const list = await http().get('/api/v1/admin/users').set('Authorization', `Bearer ${admin}`);
    expect(list.body.map((u: { username: string }) => u.username)).toEqual(['admin', 'agent', 'desk', 'lead', 'lead2', 'manager']);
    expect(JSON.stringify(list.body)).not.toMatch(/hash|\$2[aby]\$/);
    const lead = await loginAs(app, 'lead');
    expect((await http().get('/api/v1/admin/users').set('Authorization', `Bearer ${lead}`)).status).toBe(403);
  });

  it('makes demo users idempotently and a one-time first admin only on an empty table', async () => {
    const users = app.get(UsersService);
    expect((await users.ensureDemoUsers()).map((u) => u.username)).toEqual(['agent', 'lead', 'manager', 'desk', 'admin']);
    expect(await users.ensureFirstAdmin()).toBeNull();
    const rows: { leader_user_id: string }[] = await db.dataSource.query(`SELECT leader_user_id FROM teams WHERE id = 't1'`);
    expect(rows[0].leader_user_id).toBe('lead');
  });
});
