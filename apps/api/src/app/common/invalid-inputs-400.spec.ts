import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { HttpApiModule } from './http-api.module';
import { createTestApp, loginAs } from './testing/test-app';
import { seedWorld } from './testing/world';

const W = 'from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z';

/** [what, method, path, body, field named in the 400] */
const cases: [string, 'get' | 'post' | 'put' | 'patch', string, object | null, string][] = [
  ['kpis without from', 'get', '/api/v1/kpis?to=2026-03-02', null, 'from'],
  ['kpis with a bad date', 'get', '/api/v1/kpis?from=yesterday&to=2026-03-02', null, 'from'],
  ['kpis with 31 February', 'get', '/api/v1/kpis?from=2026-02-31&to=2026-03-02', null, 'from'],
  ['kpis with from after to', 'get', '/api/v1/kpis?from=2026-03-05&to=2026-03-02', null, 'to'],
  ['kpis over 400 days', 'get', '/api/v1/kpis?from=2025-01-01&to=2026-03-02', null, 'to'],
  ['kpis with an unknown scope kind', 'get', `/api/v1/kpis?scope=floor:1&${W}`, null, 'scope'],
  ['kpis with an unknown site', 'get', `/api/v1/kpis?scope=site:atlantis&${W}`, null, 'scope'],
  ['kpis with an unknown by', 'get', `/api/v1/kpis?by=colour&${W}`, null, 'by'],
  ['kpis with a bad tz', 'get', `/api/v1/kpis?tz=Mars/Olympus&${W}`, null, 'tz'],
  ['kpis with a bad asOf', 'get', `/api/v1/kpis?asOf=soon&${W}`, null, 'asOf'],
  ['timeline with a bad day', 'get', '/api/v1/timeline?agent=a1&day=2026-3-2', null, 'day'],
  ['timeline of an unknown agent', 'get', '/api/v1/timeline?agent=ghost&day=2026-03-02', null, 'agent'],
  ['staffing without site', 'get', `/api/v1/staffing?${W}`, null, 'site'],
  ['targets with an unknown KPI', 'get', '/api/v1/targets?kpi=speed', null, 'kpi'],
  ['target without a value', 'put', '/api/v1/targets', { kpi: 'ahtSeconds', scope: 'enterprise' }, 'value'],
  ['target with a text value', 'put', '/api/v1/targets', { kpi: 'ahtSeconds', scope: 'enterprise', value: 'high' }, 'value'],
  ['target with a negative band', 'put', '/api/v1/targets', { kpi: 'ahtSeconds', scope: 'enterprise', value: 1, amberBand: -1 }, 'amberBand'],
  ['message to nowhere', 'post', '/api/v1/messages', { toScope: 'site', kind: 'alert', subject: 's', body: 'b' }, 'toScope'],
  ['message of an unknown kind', 'post', '/api/v1/messages', { toScope: 'site:lon', kind: 'memo', subject: 's', body: 'b' }, 'kind'],
  ['message with an empty subject', 'post', '/api/v1/messages', { toScope: 'site:lon', kind: 'alert', subject: ' ', body: 'b' }, 'subject'],
  ['read of a non-id', 'post', '/api/v1/messages/42/read', {}, 'id'],
  ['user without roles', 'post', '/api/v1/admin/users', { username: 'zed', password: 'long enough password', roles: [] }, 'roles'],
  ['user with an unknown role', 'post', '/api/v1/admin/users', { username: 'zed', password: 'long enough password', roles: ['boss'] }, 'roles.0'],
  ['agent user without agentId', 'post', '/api/v1/admin/users', { username: 'zed', password: 'long enough password', roles: ['agent'] }, 'agentId'],
  ['user with a short password', 'post', '/api/v1/admin/users', { username: 'zed', password: 'short', roles: ['desk'] }, 'password'],
  ['user with an unexpected field', 'post', '/api/v1/admin/users', { username: 'zed', password: 'long enough password', roles: ['admin'], isRoot: true }, 'body'],
  ['site with a bad time zone', 'put', '/api/v1/org/sites/par', { name: 'Paris', timezone: 'Paris' }, 'timezone'],
  ['agent in an unknown team', 'put', '/api/v1/org/agents/p1', { name: 'Pia', siteId: 'lon', teamId: 'zz' }, 'teamId'],
  ['queue on an unknown channel', 'put', '/api/v1/org/queues/q9', { name: 'Q', siteId: 'lon', channel: 'fax' }, 'channel'],
];

describe('invalid input → 400 naming the field, nothing written', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let token: string;

  beforeAll(async () => {
    db = await withTestDatabase();
    app = await createTestApp(db, [HttpApiModule]);
    await seedWorld(db, app);
    token = await loginAs(app, 'admin');
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const counts = async () =>
    db.dataSource.query(
      `SELECT (SELECT count(*) FROM users)::int u, (SELECT count(*) FROM targets)::int t, (SELECT count(*) FROM messages)::int m,
              (SELECT count(*) FROM sites)::int s, (SELECT count(*) FROM agents)::int a, (SELECT count(*) FROM queues)::int q`,
    );

  it.each(cases)('%s', async (_what, method, path, body, field) => {
    const before = await counts();
    let req = request(app.getHttpServer())[method](path).set('Authorization', `Bearer ${token}`);
    if (body) req = req.send(body);
    const res = await req;
    expect([res.status, res.body.statusCode, res.body.field]).toEqual([400, 400, field]);
    expect(res.body.message).toMatch(new RegExp(`^${field.replace('.', '\\.')}: .{3,}`));
    expect(await counts()).toEqual(before);
  });

  it('says why, e.g. the range limit', async () => {
    const res = await request(app.getHttpServer()).get('/api/v1/kpis?from=2025-01-01&to=2026-03-02').set('Authorization', `Bearer ${token}`);
    expect(res.body.message).toBe('to: range is longer than 400 days');
  });
});
