import type { INestApplication } from '@nestjs/common';
import { ROLES, type Role } from '@floorwatch/contracts';
import request from 'supertest';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { ROLE_ACTIONS, type Action } from '../auth/permissions';
import { UsersService } from '../auth/users.service';
import { seedOrg } from './testing/fixtures';
import { HttpApiModule } from './http-api.module';
import { createTestApp, loginAs } from './testing/test-app';

/**
 * Issue 20 item 5: role × action × scope, generated from ROLE_ACTIONS, over HTTP (PUT targets,
 * POST messages), for every single role and every pair of roles. Each user carries every
 * attribute (agent a1, team t1, site lon), so a role's reach is the same whichever roles it is
 * paired with. The expected answer is: some ONE role of the user has the action (ROLE_ACTIONS)
 * and reads the scope (READS, written out by hand from spec/interfaces.md for this org:
 * lon {t1: a1, a2; t2: a3}, nyc {tn: n1}).
 */
const READS: Record<Role, readonly string[]> = {
  agent: ['agent:a1'],
  team_leader: ['team:t1', 'agent:a1', 'agent:a2'],
  manager: ['site:lon', 'team:t1', 'team:t2', 'agent:a1', 'agent:a2', 'agent:a3', 'queue:lon-voice'],
  control_desk: ['*'],
  admin: ['*'],
};
const reads = (role: Role, scope: string): boolean => READS[role].includes('*') || READS[role].includes(scope);

/** Scopes per kind: in and out of the single roles' reach. */
const SCOPES: Record<string, string[]> = {
  agent: ['agent:a1', 'agent:a3', 'agent:n1'],
  team: ['team:t1', 'team:t2', 'team:tn'],
  site: ['site:lon', 'site:nyc'],
  queue: ['queue:lon-voice', 'queue:nyc-voice'],
  enterprise: ['enterprise'],
};

interface Case {
  action: Action;
  scope: string;
  body: object;
  path: string;
}

/** Every scope-bound action of the permissions map, with a request that exercises it. */
function casesOf(action: Action): Case[] {
  const [what, verb, kind] = action.split(':');
  if (what === 'targets' && verb === 'set') {
    if (kind === 'staffing') return SCOPES['site'].map((scope) => ({ action, scope, path: '/api/v1/targets', body: { kpi: 'staffingGap', scope, value: 0, direction: 'higher' } }));
    return SCOPES[kind].map((scope) => ({ action, scope, path: '/api/v1/targets', body: { kpi: 'ahtSeconds', scope, value: 300, direction: 'lower' } }));
  }
  if (what === 'messages') return SCOPES[kind].map((scope) => ({ action, scope, path: '/api/v1/messages', body: { toScope: scope, kind: 'message', subject: 's', body: 'b' } }));
  return [];
}

const ACTIONS = [...new Set(Object.values(ROLE_ACTIONS).flat())];
const CASES = ACTIONS.flatMap(casesOf);
const COMBOS: Role[][] = [...ROLES.map((r) => [r]), ...ROLES.flatMap((a, i) => ROLES.slice(i + 1).map((b) => [a, b]))];
const expected = (roles: Role[], c: Case): boolean => roles.some((r) => ROLE_ACTIONS[r].includes(c.action) && reads(r, c.scope));

let db: TestDatabase;
let app: INestApplication;
const tokens = new Map<string, string>();

beforeAll(async () => {
  db = await withTestDatabase();
  await seedOrg(db.dataSource);
  app = await createTestApp(db, [HttpApiModule]);
  const users = app.get(UsersService);
  for (const roles of COMBOS) {
    const username = roles.join('+').replace(/_/g, '-');
    await users.createUser({ username, password: 'twelve chars ok', roles, agentId: 'a1', teamIds: ['t1'], siteIds: ['lon'] });
    tokens.set(username, await loginAs(app, username, 'twelve chars ok'));
  }
  await users.createUser({ username: 'nosites', password: 'twelve chars ok', roles: ['manager'], agentId: null, teamIds: [], siteIds: [] });
}, 60_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('one role at a time: role × action × scope from the permissions map', () => {
  it('covers every scope-bound action of ROLE_ACTIONS', () => {
    expect(new Set(CASES.map((c) => c.action))).toEqual(new Set(ACTIONS.filter((a) => a.startsWith('targets:set:') || a.startsWith('messages:send:'))));
    expect(COMBOS).toHaveLength(5 + 10);
  });

  it.each(COMBOS.map((roles) => [roles.join(' + '), roles] as const))('%s', async (_name, roles) => {
    const token = tokens.get(roles.join('+').replace(/_/g, '-')) as string;
    const got: string[] = [];
    const want: string[] = [];
    for (const c of CASES) {
      const res = await request(app.getHttpServer())[c.path.endsWith('targets') ? 'put' : 'post'](c.path).set('Authorization', `Bearer ${token}`).send(c.body);
      if (![200, 201, 403].includes(res.status)) throw new Error(`${c.action} ${c.scope}: ${res.status} ${JSON.stringify(res.body)}`);
      if (res.status !== 403) got.push(`${c.action} ${c.scope}`);
      if (expected(roles, c)) want.push(`${c.action} ${c.scope}`);
    }
    expect(got).toEqual(want);
  });

  it('team leader + control desk: team targets on their own team only, not every team the desk can watch', async () => {
    const token = tokens.get('team-leader+control-desk') as string;
    const put = (scope: string) => request(app.getHttpServer()).put('/api/v1/targets').set('Authorization', `Bearer ${token}`).send({ kpi: 'handled', scope, value: 10, direction: 'higher' });
    expect((await put('team:t1')).status).toBe(200);
    expect((await put('team:t2')).status).toBe(403);
    expect((await put('team:tn')).status).toBe(403);
  });

  it('a manager with no sites reads nothing, not the enterprise', async () => {
    const token = await loginAs(app, 'nosites', 'twelve chars ok');
    const get = (path: string) => request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${token}`);
    const W = 'from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z';
    expect((await get(`/api/v1/kpis?scope=enterprise&${W}`)).status).toBe(403);
    expect((await get(`/api/v1/kpis?scope=site:lon&${W}`)).status).toBe(403);
    expect((await get('/api/v1/targets?scope=site:nyc')).status).toBe(403);
    const org = await get('/api/v1/org');
    expect(org.body.sites ?? []).toEqual([]);
  });
});
