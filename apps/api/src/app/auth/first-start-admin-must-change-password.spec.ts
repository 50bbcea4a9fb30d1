import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { createTestApp } from '../common/testing/test-app';
import { seedOrg } from '../common/testing/fixtures';
import { OrgModule } from '../org/org.module';
import { AuthModule } from './auth.module';
import { UsersService } from './users.service';

/** Issue 20 item 2: the one-time password printed at a real first start is only good for choosing a new one. */
describe('the first-start admin must change the password at first login', () => {
  let db: TestDatabase;
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    db = await withTestDatabase();
    await seedOrg(db.dataSource);
    app = await createTestApp(db, [AuthModule, OrgModule]);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('logs in flagged, may only read me / change password / log out, then works normally', async () => {
    const first = await app.get(UsersService).ensureFirstAdmin();
    if (!first) throw new Error('expected a first admin on an empty users table');
    const login = await http().post('/api/v1/auth/login').send({ username: 'admin', password: first.password });
    expect(login.status).toBe(200);
    expect(login.body.mustChangePassword).toBe(true);
    const token: string = login.body.accessToken;
    const auth = { Authorization: `Bearer ${token}` };
    expect((await http().get('/api/v1/me').set(auth)).body).toMatchObject({ username: 'admin', mustChangePassword: true });
    const blocked = await http().get('/api/v1/admin/users').set(auth);
    expect(blocked.status).toBe(403);
    expect(blocked.body.mustChangePassword).toBe(true);
    expect((await http().get('/api/v1/org').set(auth)).status).toBe(403);
    const same = await http().patch('/api/v1/me/password').set(auth).send({ currentPassword: first.password, newPassword: first.password });
    expect([same.status, same.body.field]).toEqual([400, 'newPassword']);
    const changed = await http().patch('/api/v1/me/password').set(auth).send({ currentPassword: first.password, newPassword: 'my own admin passphrase' });
    expect(changed.status).toBe(200);
    expect(changed.body.mustChangePassword).toBeUndefined();
    const fresh = { Authorization: `Bearer ${changed.body.accessToken}` };
    expect((await http().get('/api/v1/admin/users').set(fresh)).status).toBe(200);
    expect((await http().get('/api/v1/me').set(fresh)).body.mustChangePassword).toBeUndefined();
    expect((await http().get('/api/v1/me').set(auth)).status).toBe(401);
  });
});
