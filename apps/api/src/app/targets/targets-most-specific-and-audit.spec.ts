import type { INestApplication } from '@nestjs/common';
import type { KpiApiResult, ResolvedTarget, TargetAudit } from '@floorwatch/contracts';
import request from 'supertest';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { HttpApiModule } from '../common/http-api.module';
import type { TestUser } from '../common/testing/fixtures';
import { createTestApp, loginAs } from '../common/testing/test-app';
import { DAY, seedWorld } from '../common/testing/world';

describe('targets: most specific wins, set by role, every change audited', () => {
  let db: TestDatabase;
  let app: INestApplication;
  const tokens: Partial<Record<TestUser, string>> = {};
  const as = (who: TestUser) => ({
    get: (path: string) => request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${tokens[who]}`),
    del: (q: string) => request(app.getHttpServer()).delete(`/api/v1/targets?${q}`).set('Authorization', `Bearer ${tokens[who]}`),
    put: (body: object) => request(app.getHttpServer()).put('/api/v1/targets').set('Authorization', `Bearer ${tokens[who]}`).send(body),
  });

  beforeAll(async () => {
    db = await withTestDatabase();
    app = await createTestApp(db, [HttpApiModule]);
    await seedWorld(db, app);
    for (const who of ['agent', 'lead', 'manager', 'desk', 'sitemgr'] as const) tokens[who] = await loginAs(app, who);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const aht = async (who: TestUser, scope: string): Promise<ResolvedTarget> =>
    ((await as(who).get(`/api/v1/targets?scope=${scope}&kpi=ahtSeconds`)).body as ResolvedTarget[])[0];

  it('falls back to the default, then enterprise, site, team and agent in turn', async () => {
    expect(await aht('manager', 'agent:a1')).toEqual({ kpi: 'ahtSeconds', scope: 'agent:a1', source: 'default', value: 360, direction: 'lower', amberBand: 18 });
    expect((await as('manager').put({ kpi: 'ahtSeconds', scope: 'enterprise', value: 400 })).status).toBe(200);
    expect(await aht('manager', 'agent:a1')).toMatchObject({ source: 'enterprise', value: 400 });
    expect((await as('sitemgr').put({ kpi: 'ahtSeconds', scope: 'site:lon', value: 350, amberBand: 10 })).status).toBe(200);
    expect(await aht('manager', 'agent:a1')).toMatchObject({ source: 'site:lon', value: 350, amberBand: 10 });
    expect((await as('lead').put({ kpi: 'ahtSeconds', scope: 'team:t1', value: 320 })).status).toBe(200);
    expect((await as('lead').put({ kpi: 'ahtSeconds', scope: 'agent:a1', value: 300 })).status).toBe(200);
    expect(await aht('agent', 'agent:a1')).toMatchObject({ source: 'agent:a1', value: 300 });
    expect(await aht('lead', 'agent:a2')).toMatchObject({ source: 'team:t1', value: 320 });
    expect(await aht('sitemgr', 'agent:a3')).toMatchObject({ source: 'site:lon', value: 350 });
    expect(await aht('manager', 'agent:n1')).toMatchObject({ source: 'enterprise', value: 400 });
    expect(await aht('manager', 'queue:nyc-voice')).toMatchObject({ source: 'enterprise', value: 400 });
  });

  it('gives each KPI row the target of that row’s own scope', async () => {
    // AHT: a1 = 310 vs own target 300 → misses by 10 ≤ 15 (5% of 300) → amber;
    //      a3 = 600 vs site 350 → misses by 250 > band 10 → red.
    const res = (await as('sitemgr').get(`/api/v1/kpis?scope=site:lon&by=agent&${new URLSearchParams(DAY)}`)).body as KpiApiResult;
    const cell = (key: string) => res.rows.find((r) => r.key === key)?.targets.ahtSeconds;
    expect(cell('a1')).toEqual({ value: 300, status: 'amber', direction: 'lower' });
    expect(cell('a3')).toEqual({ value: 350, status: 'red', direction: 'lower', from: 'site:lon' });
  });

  it('refuses targets outside the role: lead on a site, manager on a team, desk on AHT, lead on another team', async () => {
    expect((await as('lead').put({ kpi: 'ahtSeconds', scope: 'site:lon', value: 1 })).status).toBe(403);
    expect((await as('manager').put({ kpi: 'ahtSeconds', scope: 'team:t1', value: 1 })).status).toBe(403);
    expect((await as('desk').put({ kpi: 'ahtSeconds', scope: 'site:lon', value: 1 })).status).toBe(403);
    expect((await as('lead').put({ kpi: 'ahtSeconds', scope: 'team:t2', value: 1 })).status).toBe(403);
    expect((await as('sitemgr').put({ kpi: 'ahtSeconds', scope: 'site:nyc', value: 1 })).status).toBe(403);
    expect((await as('agent').put({ kpi: 'adherencePct', scope: 'agent:a1', value: 1 })).status).toBe(403);
    expect((await as('desk').put({ kpi: 'staffingGap', scope: 'site:nyc', value: 0, direction: 'higher', amberBand: 2 })).status).toBe(200);
  });

  it('audits who changed what, old → new, newest first, filtered to what the reader may see', async () => {
    expect((await as('sitemgr').put({ kpi: 'ahtSeconds', scope: 'site:lon', value: 340 })).status).toBe(200);
    const lon = (await as('sitemgr').get('/api/v1/targets/audit?scope=site:lon')).body as TargetAudit[];
    expect(lon.map((a) => [a.kpi, a.oldValue, a.newValue, a.changedBy])).toEqual([
      ['ahtSeconds', 350, 340, 'sitemgr'],
      ['ahtSeconds', null, 350, 'sitemgr'],
    ]);
    expect(Date.parse(lon[0].changedAt)).toBeGreaterThanOrEqual(Date.parse(lon[1].changedAt));
    const leadView = (await as('lead').get('/api/v1/targets/audit')).body as TargetAudit[];
    expect(new Set(leadView.map((a) => a.scope))).toEqual(new Set(['team:t1', 'agent:a1']));
    const all = (await as('manager').get('/api/v1/targets/audit')).body as TargetAudit[];
    // enterprise, site:lon, team:t1, agent:a1, site:nyc staffingGap, site:lon again = 6
    expect(all).toHaveLength(6);
  });

  it('a refused or invalid change writes nothing, not even an audit row', async () => {
    const before = await db.dataSource.query('SELECT count(*)::int AS n FROM target_audit');
    expect((await as('lead').put({ kpi: 'ahtSeconds', scope: 'site:lon', value: 1 })).status).toBe(403);
    const bad = await as('manager').put({ kpi: 'speed', scope: 'enterprise', value: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('kpi');
    expect((await as('manager').put({ kpi: 'ahtSeconds', scope: 'site:nowhere', value: 1 })).body).toMatchObject({ statusCode: 400, field: 'scope' });
    expect(await db.dataSource.query('SELECT count(*)::int AS n FROM target_audit')).toEqual(before);
  });

  it('a calls-handled target is per working day of the scope, and its agents owe their share of it', async () => {
    // Team t1 has scheduled open time on 2026-03-02 only and handled 2 calls (k1, k2) that day.
    expect((await as('lead').put({ kpi: 'handled', scope: 'team:t1', value: 2 })).status).toBe(200);
    const week = (by = '') =>
      as('lead').get(`/api/v1/kpis?scope=team:t1&from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z${by}`);
    // 7 calendar days but 1 working day: target 2 × 1 = 2, handled 2 → green (× 7 = 14 would be red).
    const team = (await week()).body as KpiApiResult;
    expect(team.rows[0].kpis.handled).toBe(2);
    expect(team.rows[0].targets.handled).toMatchObject({ value: 2, status: 'green' });
    // By agent: a1 is all of t1's scheduled time (25 200 of 25 200 s), so it owes the team's 2,
    // inherited and labelled; a2 is scheduled nowhere that week and owes nothing.
    const byAgent = (await week('&by=agent')).body as KpiApiResult;
    expect(byAgent.rows.find((r) => r.key === 'a1')?.targets.handled).toEqual({ value: 2, status: 'green', direction: 'higher', from: 'team:t1' });
    expect(byAgent.rows.find((r) => r.key === 'a2')?.targets.handled).toBeUndefined();
    // By day: each day row is measured against one day's target.
    const byDay = (await week('&by=day')).body as KpiApiResult;
    expect(byDay.rows.find((r) => r.key === '2026-03-02')?.targets.handled).toMatchObject({ value: 2, status: 'green' });
  });

  it('reset to inherited: the team target goes, the site one applies again, and the audit says old → none', async () => {
    expect((await as('lead').put({ kpi: 'ahtSeconds', scope: 'team:t1', value: 330 })).status).toBe(200);
    expect((await as('lead').del('kpi=ahtSeconds&scope=agent:a1')).status).toBe(200);
    const res = await as('lead').del('kpi=ahtSeconds&scope=team:t1');
    expect(res.status).toBe(200);
    // a2 (team t1) now inherits the site:lon target, 340 since the audit test.
    expect(res.body).toMatchObject({ scope: 'team:t1', source: 'site:lon', value: 340 });
    const audit = (await as('lead').get('/api/v1/targets/audit?scope=team:t1')).body as TargetAudit[];
    expect([audit[0].oldValue, audit[0].newValue, audit[0].changedBy]).toEqual([330, null, 'lead']);
    // Same permission as setting: a lead may not reset a site's target.
    expect((await as('lead').del('kpi=ahtSeconds&scope=site:lon')).status).toBe(403);
    expect((await as('lead').del('kpi=speed&scope=team:t1')).body).toMatchObject({ statusCode: 400, field: 'kpi' });
  });

  it('a period still running pro-rates the calls-handled target to the scheduled open time gone at asOf', async () => {
    // (The team:t1 target of 2 per day is set by the test above.) On 2026-03-02 t1 has 7 h open
    // (09–12, 13–17) = 25 200 s. At 10:45, 1 h 45 m = 6 300 s of it is past: 6 300 / 25 200 = 0.25
    // of a working day → target 2 × 0.25 = 0.5, not the full day's 2 (nor the week's 2 × 7).
    const at = (asOf: string) =>
      as('lead').get(`/api/v1/kpis?scope=team:t1&from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z&asOf=${asOf}`);
    const running = (await at('2026-03-02T10:45:00Z')).body as KpiApiResult;
    expect(running.rows[0].targets.handled?.value).toBeCloseTo(0.5, 9);
    // After lunch at 14:00: 3 h + 1 h = 14 400 s → 14 400 / 25 200 = 4/7 of a day → 2 × 4/7 = 8/7.
    expect(((await at('2026-03-02T14:00:00Z')).body as KpiApiResult).rows[0].targets.handled?.value).toBeCloseTo(8 / 7, 9);
    // Before the first shift starts nothing is due yet: no target rather than a red 0 against it.
    expect(((await at('2026-03-02T08:00:00Z')).body as KpiApiResult).rows[0].targets.handled).toBeUndefined();
  });
  it('a lightly staffed day owes its share of a normal day, and a day with nobody scheduled owes nothing', async () => {
    // Add a2 (team t1): Tue 03-03 and Wed 03-04 full days (09–12, 13–17 = 25 200 s) and a short
    // Saturday 03-07 09:00–12:30 (12 600 s). t1's days: Mon 25 200 (a1), Tue 25 200, Wed 25 200,
    // Sat 12 600 → a normal day is the median 25 200; Saturday owes 12 600 / 25 200 = ½ a day.
    const seg = (start: string, end: string) => ({ agentId: 'a2', start: Date.parse(start), end: Date.parse(end), activity: 'open' as const, source: 'test' });
    await db.store.writeScheduleSegments([
      ...['03', '04'].flatMap((d) => [seg(`2026-03-${d}T09:00:00Z`, `2026-03-${d}T12:00:00Z`), seg(`2026-03-${d}T13:00:00Z`, `2026-03-${d}T17:00:00Z`)]),
      seg('2026-03-07T09:00:00Z', '2026-03-07T12:30:00Z'),
    ]);
    const get = async (q: string) => (await as('lead').get(`/api/v1/kpis?scope=team:t1&${q}`)).body as KpiApiResult;
    // asOf: the data clock stops at a1's last event (03-02 17:00), so a finished week is asked for as of after it.
    const done = 'from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z&asOf=2026-03-08T00:00:00Z';
    // The week: 1 + 1 + 1 + ½ = 3.5 days × 2 = 7 (not 4 working days × 2 = 8, nor 7 × 2 = 14); handled 2 → red.
    const week = await get(done);
    expect(week.rows[0].targets.handled).toMatchObject({ value: 7, status: 'red' });
    // By day: Saturday 2 × ½ = 1; Thursday and Sunday, nobody scheduled → no target at all.
    const byDay = await get(`${done}&by=day`);
    const day = (key: string) => byDay.rows.find((r) => r.key === key)?.targets.handled;
    expect(day('2026-03-07')?.value).toBeCloseTo(1, 9);
    expect(day('2026-03-05')).toBeUndefined();
    expect(day('2026-03-08')).toBeUndefined();
    // Saturday at 11:00: 2 h of a2's 3.5 h gone → ½ × 2 / 3.5 = 2/7 of a day → 2 × 2/7 = 4/7.
    const sat = await get('from=2026-03-07T00:00:00Z&to=2026-03-08T00:00:00Z&asOf=2026-03-07T11:00:00Z');
    expect(sat.rows[0].targets.handled?.value).toBeCloseTo(4 / 7, 9);
    // Sunday: nobody scheduled, so no target (a full day's 2 against 0 handled would be a false red).
    const sun = await get('from=2026-03-08T00:00:00Z&to=2026-03-09T00:00:00Z&asOf=2026-03-08T11:00:00Z');
    expect(sun.rows[0].targets.handled).toBeUndefined();
    // By agent over the week the shares add up to the team's 7: a1 1 day → 2; a2 1 + 1 + ½ → 5, both "from team:t1".
    const byAgent = await get(`${done}&by=agent`);
    const agent = (key: string) => byAgent.rows.find((r) => r.key === key)?.targets.handled;
    expect(agent('a1')).toMatchObject({ value: 2, from: 'team:t1' });
    expect(agent('a2')?.value).toBeCloseTo(5, 9);
    expect(agent('a2')?.from).toBe('team:t1');
  });
});
