import { Module, type INestApplication, type Type } from '@nestjs/common';
import request from 'supertest';
import { firstValueFrom, filter, take, timeout } from 'rxjs';
import type { KpiApiResult, StaffingResult } from '@floorwatch/contracts';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { HttpApiModule } from '../common/http-api.module';
import { createTestApp, loginAs } from '../common/testing/test-app';
import { IngestEvents } from '../ingest/ingest-events';
import { IngestModule } from '../ingest/ingest.module';
import { DEFAULT_DEMO } from './demo-config';
import { DemoModule } from './demo.module';
import { NO_PROGRESS } from './demo-progress';
import { DemoService, type DemoRuntimeOptions } from './demo.service';
import { previousLocalMidnight } from './demo-scenarios';
import { DEMO_SEED_SETTING, type DemoSeed } from './demo-world';

// Chicago 12:00 CST, London 18:00 GMT: today's 10:00 Chicago interval and London's lunch are past.
const NOW = Date.parse('2026-03-04T18:00:00Z');
const MIN = 60_000;

// A working week of history at full head count: the staffing story needs 110 Chicago agents, and
// one agent's hour-13 dip shows over a week (a single day can hold a worse random stretch).
const config = (over: Partial<DemoRuntimeOptions> = {}): DemoRuntimeOptions => ({
  ...DEFAULT_DEMO,
  days: 6,
  live: false,
  progress: NO_PROGRESS,
  print: () => undefined,
  now: () => NOW,
  ...over,
});

function modules(c: DemoRuntimeOptions): Type[] {
  @Module({ imports: [DemoModule.forRoot(c)] })
  class DemoForTest {}
  return [HttpApiModule, IngestModule, DemoForTest];
}

async function get<T>(app: INestApplication, token: string, path: string, query: Record<string, string>): Promise<T> {
  const res = await request(app.getHttpServer()).get(path).query(query).set('Authorization', `Bearer ${token}`);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

describe('demo mode: first start plants the tour scenarios, a restart only catches up', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let demo: DemoService;

  beforeAll(async () => {
    db = await withTestDatabase();
    app = await createTestApp(db, modules(config()));
    demo = app.get(DemoService);
  }, 600_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('backfilled through ingest and every demo user logs in with "floorwatch"', async () => {
    expect(demo.lastStart?.backfilled).toBe(true);
    for (const u of ['agent', 'lead', 'manager', 'desk', 'admin']) expect(typeof (await loginAs(app, u))).toBe('string');
    const me = await request(app.getHttpServer()).get('/api/v1/me').set('Authorization', `Bearer ${await loginAs(app, 'agent')}`);
    expect(me.body).toMatchObject({ agentId: 'lon-a003', teamIds: ['lon-t01'] });
    const [{ n }] = (await db.dataSource.query('SELECT count(*)::int AS n FROM contacts')) as { n: number }[];
    expect(n).toBeGreaterThan(10_000);
  });

  it('agent: adherence at hour 13 (late from lunch) is below every other hour', async () => {
    const facts = demo.scenarios?.lateFromLunch;
    expect(facts?.delaysSeconds.length).toBeGreaterThan(0);
    const token = await loginAs(app, 'agent');
    const r = await get<KpiApiResult>(app, token, '/api/v1/kpis', {
      scope: 'agent:lon-a003', from: new Date(NOW - 7 * 86_400_000).toISOString(), to: new Date(NOW).toISOString(), by: 'hour', tz: 'Europe/London',
    });
    const byHour = new Map(r.rows.map((row) => [Number(row.key), row.kpis.adherencePct]));
    const h13 = byHour.get(13) as number;
    const others = [...byHour].filter(([h, v]) => h !== 13 && v !== null).map(([, v]) => v as number);
    expect(others.length).toBeGreaterThan(3);
    expect(h13).toBeLessThan(Math.min(...others));
  });

  it('lead: yesterday the team is under its per-day calls-handled target and the two new hires have the highest ACW', async () => {
    const facts = demo.scenarios?.teamUnderTarget;
    if (!facts) throw new Error('no team scenario');
    const token = await loginAs(app, 'lead');
    // The target is per working day: the team's busiest day of the history / 0.93 (demo-scenarios.ts),
    // so yesterday, like every day, is at least 7 % under: beyond the default 5 % amber band, red.
    const window = { scope: `team:${facts.teamId}`, from: new Date(previousLocalMidnight(facts.to, 'Europe/London')).toISOString(), to: new Date(facts.to).toISOString() };
    const team = await get<KpiApiResult>(app, token, '/api/v1/kpis', window);
    const handled = team.rows[0].kpis.handled as number;
    const target = team.rows[0].targets['handled'];
    // The value set is the best day's handled per due day / 0.93, rounded up (demo-scenarios.ts),
    // so yesterday (any day) reads at most 0.93 of what it owed: red.
    expect(target).toMatchObject({ status: 'red', direction: 'higher' });
    expect(handled / (target?.value as number)).toBeLessThanOrEqual(0.93 + 1e-9);
    expect(handled / (target?.value as number)).toBeGreaterThan(0.5);
    // Average ACW per handled contact over the week (one day may be a new hire's day off).
    const byAgent = await get<KpiApiResult>(app, token, '/api/v1/kpis', { ...window, from: new Date(facts.from).toISOString(), by: 'agent' });
    const acw = byAgent.rows.filter((row) => (row.kpis.handled ?? 0) > 0).sort((a, b) => (b.kpis.acwSeconds ?? 0) - (a.kpis.acwSeconds ?? 0));
    expect(acw.slice(0, 2).map((row) => row.key).sort()).toEqual([...facts.newHireAgentIds].sort());
  });

  it('manager: enterprise AHT is red, and by reason only the tv-campaign queues are red', async () => {
    const token = await loginAs(app, 'manager');
    const window = { from: new Date(NOW - 2 * 86_400_000).toISOString(), to: new Date(NOW).toISOString() };
    const all = await get<KpiApiResult>(app, token, '/api/v1/kpis', { ...window, scope: 'enterprise' });
    expect(all.rows[0].targets['ahtSeconds']?.status).toBe('red');
    const byReason = await get<KpiApiResult>(app, token, '/api/v1/kpis', { ...window, scope: 'enterprise', by: 'reason' });
    const red = byReason.rows.filter((row) => row.targets['ahtSeconds']?.status === 'red').map((row) => row.key);
    // queue_log has no call type, so the reason is the queue (kpis.md), keyed across sites without
    // the site prefix (libs/kpi reasonGroupKey): chi-, lon- and mnl-tv-campaign are one row.
    expect(red).toEqual(['tv-campaign']);
  });

  it('desk: Chicago 10:00 interval is 100 required / 105 scheduled / 95 actual', async () => {
    const facts = demo.scenarios?.staffingTraining;
    if (!facts) throw new Error('no staffing scenario');
    const token = await loginAs(app, 'desk');
    for (const start of facts.intervalStarts.filter((s) => s + 15 * MIN <= NOW)) {
      const r = await get<StaffingResult>(app, token, '/api/v1/staffing', { site: 'chi', from: new Date(start).toISOString(), to: new Date(start + 15 * MIN).toISOString() });
      expect(r.rows[0]).toMatchObject({ intervalStart: new Date(start).toISOString(), requiredAgents: 100, scheduledAgents: 105, actualAgents: 95 });
    }
  });

  it('a pushed live minute reaches the bus and the database', async () => {
    const from = demo.simulatedTo as number;
    const seen = firstValueFrom(app.get(IngestEvents).events$.pipe(filter((e) => e.kind === 'state'), take(1), timeout(30_000)));
    const pushed = await demo.pushUntil(from + 10 * MIN);
    expect(pushed).toBeGreaterThan(0);
    const event = await seen;
    expect(event.records.every((r) => 'at' in r && (r.at as number) >= from)).toBe(true);
    const [{ n }] = (await db.dataSource.query('SELECT count(*)::int AS n FROM agent_state_events WHERE at >= $1', [new Date(from)])) as { n: number }[];
    expect(n).toBeGreaterThan(0);
  });

  it('a second start reuses the data: no backfill, fills the gap, and the live clock pushes events', async () => {
    await app.close();
    const before = (await db.store.getSetting<DemoSeed>(DEMO_SEED_SETTING)) as DemoSeed;
    const [{ n: linesBefore }] = (await db.dataSource.query('SELECT count(*)::int AS n FROM feed_lines')) as { n: number }[];
    const later = NOW + 30 * MIN;
    app = await createTestApp(db, modules(config({ now: () => later, live: true, speed: 600, tickMs: 100 })));
    const again = app.get(DemoService);
    expect(again.lastStart).toMatchObject({ backfilled: false, gapFilledMs: later - before.simulatedTo, skippedMs: 0 });
    const after = (await db.store.getSetting<DemoSeed>(DEMO_SEED_SETTING)) as DemoSeed;
    expect(after.endAt).toBe(before.endAt);
    const [{ n: linesAfter }] = (await db.dataSource.query('SELECT count(*)::int AS n FROM feed_lines')) as { n: number }[];
    // 20 minutes of three sites, not another day of history.
    expect(linesAfter - linesBefore).toBeLessThan(5_000);
    // At 600× real time the clock covers ten simulated minutes a second.
    const live = await firstValueFrom(app.get(IngestEvents).events$.pipe(filter((e) => e.kind === 'state'), take(1), timeout(20_000)));
    expect(live.records.length).toBeGreaterThan(0);
  }, 120_000);
});
