import type { INestApplication } from '@nestjs/common';
import type { KpiApiResult, OrgView } from '@floorwatch/contracts';
import request from 'supertest';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { HttpApiModule } from './http-api.module';
import { TEST_USERS, type TestUser } from './testing/fixtures';
import { createTestApp, loginAs } from './testing/test-app';
import { DAY, seedWorld } from './testing/world';

/**
 * Every read endpoint × every role, in and out of scope. Org: lon {t1: a1, a2; t2: a3},
 * nyc {tn: n1}. agent = a1, lead = t1, sitemgr = manager of lon, manager = enterprise.
 */
const W = `from=${DAY.from}&to=${DAY.to}`;
const ALL = [...TEST_USERS];
const BROAD: TestUser[] = ['manager', 'desk', 'admin'];
const cases: [string, TestUser[]][] = [
  [`/api/v1/kpis?scope=agent:a1&${W}`, ALL],
  [`/api/v1/kpis?scope=agent:a2&${W}`, ['lead', 'sitemgr', ...BROAD]],
  [`/api/v1/kpis?scope=agent:a3&${W}`, ['sitemgr', ...BROAD]],
  [`/api/v1/kpis?scope=agent:n1&${W}`, BROAD],
  [`/api/v1/kpis?scope=team:t1&${W}`, ['lead', 'sitemgr', ...BROAD]],
  [`/api/v1/kpis?scope=team:t1&by=agent&${W}`, ['lead', 'sitemgr', ...BROAD]],
  [`/api/v1/kpis?scope=team:t2&${W}`, ['sitemgr', ...BROAD]],
  [`/api/v1/kpis?scope=site:lon&by=agent&${W}`, ['sitemgr', ...BROAD]],
  [`/api/v1/kpis?scope=site:nyc&${W}`, BROAD],
  [`/api/v1/kpis?scope=queue:lon-voice&${W}`, ['sitemgr', ...BROAD]],
  [`/api/v1/kpis?scope=queue:nyc-voice&${W}`, BROAD],
  [`/api/v1/kpis?scope=enterprise&by=site&${W}`, BROAD],
  [`/api/v1/kpis.csv?scope=agent:a1&${W}`, ALL],
  [`/api/v1/kpis.csv?scope=team:t1&by=agent&${W}`, ['lead', 'sitemgr', ...BROAD]],
  [`/api/v1/timeline?agent=a1&day=2026-03-02`, ALL],
  [`/api/v1/timeline?agent=a3&day=2026-03-02`, ['sitemgr', ...BROAD]],
  [`/api/v1/staffing?site=lon&from=2026-03-02T09:00:00Z&to=2026-03-02T10:00:00Z`, ['sitemgr', ...BROAD]],
  [`/api/v1/staffing?site=nyc&from=2026-03-02T09:00:00Z&to=2026-03-02T10:00:00Z`, BROAD],
  [`/api/v1/targets?scope=agent:a1`, ALL],
  [`/api/v1/targets?scope=team:t1`, ['lead', 'sitemgr', ...BROAD]],
  [`/api/v1/targets?scope=site:nyc`, BROAD],
  [`/api/v1/targets?scope=enterprise`, BROAD],
  [`/api/v1/targets/audit?scope=site:lon`, ['sitemgr', ...BROAD]],
  ['/api/v1/admin/users', ['admin']],
  ['/api/v1/me', ALL],
  ['/api/v1/org', ALL],
  ['/api/v1/messages', ALL],
  ['/api/v1/schedule-requests', ALL],
  ['/api/v1/targets/audit', ALL],
];

describe('role × endpoint matrix', () => {
  let db: TestDatabase;
  let app: INestApplication;
  const tokens = {} as Record<TestUser, string>;
  const get = (who: TestUser, path: string) => request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${tokens[who]}`);

  beforeAll(async () => {
    db = await withTestDatabase();
    app = await createTestApp(db, [HttpApiModule]);
    await seedWorld(db, app);
    for (const who of TEST_USERS) tokens[who] = await loginAs(app, who);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it.each(cases)('%s: 200 for exactly the allowed roles, 403 for the rest', async (path, allowed) => {
    const got: Record<string, number> = {};
    const want: Record<string, number> = {};
    for (const who of TEST_USERS) {
      const res = await get(who, path);
      got[who] = res.status;
      want[who] = allowed.includes(who) ? 200 : 403;
      if (res.status === 403) expect(JSON.stringify(res.body)).not.toMatch(/kpis|rows|"value"/);
    }
    expect(got).toEqual(want);
  });

  it('401s every endpoint without a token', async () => {
    for (const [path] of cases) expect([path, (await request(app.getHttpServer()).get(path)).status]).toEqual([path, 401]);
  });

  it('grouped rows hold only in-scope keys for each role allowed to ask', async () => {
    const lead = (await get('lead', `/api/v1/kpis?scope=team:t1&by=agent&${W}`)).body as KpiApiResult;
    expect(lead.rows.map((r) => r.key)).toEqual(['a1']); // a2 has no records; a3 and n1 are elsewhere
    const site = (await get('sitemgr', `/api/v1/kpis?scope=site:lon&by=team&${W}`)).body as KpiApiResult;
    expect(site.rows.map((r) => r.key).sort()).toEqual(['t1', 't2']);
    const ent = (await get('manager', `/api/v1/kpis?scope=enterprise&by=site&${W}`)).body as KpiApiResult;
    expect(ent.rows.map((r) => r.key).sort()).toEqual(['lon', 'nyc']);
    const agent = (await get('agent', `/api/v1/kpis?scope=agent:a1&by=queue&${W}`)).body as KpiApiResult;
    // Not a3's call on the same queue; the agent's own state time belongs to no queue: "(none)".
    expect(agent.rows.map((r) => [r.key, r.kpis.handled])).toEqual([['(none)', 0], ['lon-voice', 2]]);
  });

  it('the org view shows each role only what it may read', async () => {
    const ids = async (who: TestUser) => {
      const org = (await get(who, '/api/v1/org')).body as OrgView;
      return { sites: org.sites.map((s) => s.id), teams: org.teams.map((t) => t.id), agents: org.agents.map((a) => a.id), queues: org.queues.map((q) => q.id) };
    };
    expect(await ids('agent')).toEqual({ sites: ['lon'], teams: ['t1'], agents: ['a1'], queues: [] });
    expect(await ids('lead')).toEqual({ sites: ['lon'], teams: ['t1'], agents: ['a1', 'a2'], queues: [] });
    expect(await ids('sitemgr')).toEqual({ sites: ['lon'], teams: ['t1', 't2'], agents: ['a1', 'a2', 'a3'], queues: ['lon-voice'] });
    expect((await ids('desk')).agents).toEqual(['a1', 'a2', 'a3', 'n1']);
  });

  it('admin writes are admin-only', async () => {
    for (const who of TEST_USERS) {
      const res = await request(app.getHttpServer())
        .put('/api/v1/org/sites/lon')
        .set('Authorization', `Bearer ${tokens[who]}`)
        .send({ name: 'London', timezone: 'Europe/London' });
      expect([who, res.status]).toEqual([who, who === 'admin' ? 204 : 403]);
    }
  });
});
