import type { INestApplication } from '@nestjs/common';
import bcrypt from 'bcryptjs';
import request from 'supertest';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { createTestApp, loginAs } from '../common/testing/test-app';
import { seedOrg } from '../common/testing/fixtures';
import { OrgModule } from '../org/org.module';
import { AuthModule } from './auth.module';
import { UsersService } from './users.service';

/** Issue 20 item 2: a token dies the moment the access behind it is taken away. */
describe('tokens die with a password change, logout, disable and delete', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let admin: string;
  const http = () => request(app.getHttpServer());
  const me = (token: string) => http().get('/api/v1/me').set('Authorization', `Bearer ${token}`);
  const mkUser = (username: string, password = 'twelve chars ok') =>
    app.get(UsersService).createUser({ username, password, roles: ['team_leader'], agentId: null, teamIds: ['t1'], siteIds: [] });

  beforeAll(async () => {
    db = await withTestDatabase();
    await seedOrg(db.dataSource);
    app = await createTestApp(db, [AuthModule, OrgModule]);
    await app.get(UsersService).ensureDemoUsers();
    admin = await loginAs(app, 'admin');
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('PATCH me/password needs the current password; the old token dies, the returned one works', async () => {
    await mkUser('pat');
    const old = await loginAs(app, 'pat', 'twelve chars ok');
    const wrong = await http().patch('/api/v1/me/password').set('Authorization', `Bearer ${old}`).send({ currentPassword: 'not it at all', newPassword: 'a brand new one' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.field).toBe('currentPassword');
    const short = await http().patch('/api/v1/me/password').set('Authorization', `Bearer ${old}`).send({ currentPassword: 'twelve chars ok', newPassword: 'elevenchars' });
    expect([short.status, short.body.field]).toEqual([400, 'newPassword']);
    const tooLong = await http().patch('/api/v1/me/password').set('Authorization', `Bearer ${old}`).send({ currentPassword: 'twelve chars ok', newPassword: 'é'.repeat(37) }); // 74 bytes
    expect([tooLong.status, tooLong.body.field]).toEqual([400, 'newPassword']);
    expect((await me(old)).status).toBe(200); // refused attempts changed nothing
    const ok = await http().patch('/api/v1/me/password').set('Authorization', `Bearer ${old}`).send({ currentPassword: 'twelve chars ok', newPassword: 'a brand new one' });
    expect(ok.status).toBe(200);
    expect((await me(old)).status).toBe(401);
    expect((await me(old)).body.message).toBe('token revoked');
    expect((await me(ok.body.accessToken)).body.username).toBe('pat');
    expect((await http().post('/api/v1/auth/login').send({ username: 'pat', password: 'twelve chars ok' })).status).toBe(401);
  });

  it('an admin-set password ends the user’s tokens', async () => {
    await mkUser('ada');
    const token = await loginAs(app, 'ada', 'twelve chars ok');
    expect((await http().patch('/api/v1/admin/users/ada').set('Authorization', `Bearer ${admin}`).send({ password: 'reset by admin!' })).status).toBe(200);
    expect((await me(token)).status).toBe(401);
  });

  it('POST auth/logout ends every token of the caller, other users untouched', async () => {
    await mkUser('lou');
    const a = await loginAs(app, 'lou', 'twelve chars ok');
    const b = await loginAs(app, 'lou', 'twelve chars ok'); // a second device
    const other = await loginAs(app, 'lead');
    expect((await http().post('/api/v1/auth/logout').set('Authorization', `Bearer ${a}`)).status).toBe(204);
    expect([(await me(a)).status, (await me(b)).status, (await me(other)).status]).toEqual([401, 401, 200]);
    expect((await http().post('/api/v1/auth/logout')).status).toBe(401);
  });

  it('disabling a user ends their tokens and refuses their login; enabling lets them log in again', async () => {
    await mkUser('dee');
    const token = await loginAs(app, 'dee', 'twelve chars ok');
    const res = await http().patch('/api/v1/admin/users/dee').set('Authorization', `Bearer ${admin}`).send({ disabled: true });
    expect(res.status).toBe(200);
    expect(res.body.disabled).toBe(true);
    expect((await me(token)).status).toBe(401);
    expect((await http().post('/api/v1/auth/login').send({ username: 'dee', password: 'twelve chars ok' })).status).toBe(401);
    await http().patch('/api/v1/admin/users/dee').set('Authorization', `Bearer ${admin}`).send({ disabled: false });
    expect((await me(token)).status).toBe(401); // the old token stays dead
    expect((await me(await loginAs(app, 'dee', 'twelve chars ok'))).status).toBe(200);
    const self = await http().patch('/api/v1/admin/users/admin').set('Authorization', `Bearer ${admin}`).send({ disabled: true });
    expect([self.status, self.body.field]).toEqual([400, 'disabled']);
  });

  it('deleting a user ends their tokens; only admins delete, not themselves', async () => {
    await mkUser('del');
    const token = await loginAs(app, 'del', 'twelve chars ok');
    expect((await http().delete('/api/v1/admin/users/del').set('Authorization', `Bearer ${token}`)).status).toBe(403);
    expect((await http().delete('/api/v1/admin/users/del').set('Authorization', `Bearer ${admin}`)).status).toBe(204);
    expect((await me(token)).status).toBe(401);
    expect((await http().delete('/api/v1/admin/users/del').set('Authorization', `Bearer ${admin}`)).status).toBe(404);
    expect((await http().delete('/api/v1/admin/users/admin').set('Authorization', `Bearer ${admin}`)).status).toBe(400);
  });

  it('new users need a 12-character password', async () => {
    const res = await http().post('/api/v1/admin/users').set('Authorization', `Bearer ${admin}`).send({ username: 'shorty', password: 'floorwatch', roles: ['admin'] });
    expect([res.status, res.body.field]).toEqual([400, 'password']);
  });

  it('an old bcrypt hash still logs in and is replaced by argon2id', async () => {
    await db.dataSource.query(`INSERT INTO users (username, password_hash, roles) VALUES ('old', $1, '{admin}')`, [bcrypt.hashSync('old bcrypt password', 10)]);
    expect((await http().post('/api/v1/auth/login').send({ username: 'old', password: 'old bcrypt password!' })).status).toBe(401);
    expect(await loginAs(app, 'old', 'old bcrypt password')).toMatch(/^ey/);
    const rows: { password_hash: string }[] = await db.dataSource.query(`SELECT password_hash FROM users WHERE username = 'old'`);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(await loginAs(app, 'old', 'old bcrypt password')).toMatch(/^ey/);
  });
});
