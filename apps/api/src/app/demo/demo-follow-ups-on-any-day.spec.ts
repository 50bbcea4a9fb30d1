import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { generateWorld, type World } from '@floorwatch/simulator';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { ActionsModule } from '../actions/actions.module';
import type { ActionWithEffect } from '../actions/actions.service';
import { replayAlerts } from '../alerts/alert-engine';
import { AlertsService } from '../alerts/alerts.service';
import { ensureDefaultAlertRules } from '../alerts/default-rules';
import { UsersService } from '../auth/users.service';
import { HttpApiModule } from '../common/http-api.module';
import { createTestApp, loginAs } from '../common/testing/test-app';
import { ForecastAccuracyModule } from '../forecast-accuracy/forecast-accuracy.module';
import type { ForecastAccuracyResult } from '../forecast-accuracy/forecast-accuracy.service';
import { IngestModule } from '../ingest/ingest.module';
import { IngestService } from '../ingest/ingest.service';
import { KpiQueryService } from '../kpi/kpi-query.service';
import { OrgService } from '../org/org.service';
import { TargetsService } from '../targets/targets.service';
import type { ActivityEffectRow } from '../training/activity-effect.service';
import { TrainingModule } from '../training/training.module';
import { backfillWorld } from './demo-backfill';
import { plantFollowUps } from './demo-follow-ups';
import { NO_PROGRESS } from './demo-progress';
import { plantScenarioSetup } from './demo-scenarios';

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString();

/**
 * Issue 25's follow-ups as the screens ask for them, at a "now" a user may first start the demo
 * on: 16:30 on the 1st of July (BST, the 1st of a month, after the day's 11:00 contact burst has drained).
 * Lean world: London only, 30 agents, 30 days (the course's before window needs them); the demo
 * runs the same generator at 300. handleScale 2 (handle times × 2, the plan sizes volume to
 * occupancy): about half the contacts per agent-day (queue_log 151 k → 83 k lines), so half the
 * ingest, while each story keeps its size relative to its own baseline (× 2.5 left the miss day's
 * +25 % at +14.9 %, inside the daily noise: too few contacts). One API-level instant only (each costs a 30-day backfill, minutes
 * in CI): the facts at another instant (a Saturday in GMT) are proven by the simulator's
 * follow-ups-relative-to-today spec, and the API plants them with no clock of its own.
 */
const INSTANTS = [
  { name: 'Thursday 1 Jul 2027 16:30 London (BST, the 1st of a month)', now: Date.parse('2027-07-01T15:30:00Z'), coachedAt: '2027-06-17T06:00:00.000Z' },
];

describe.each(INSTANTS)('demo follow-ups at $name', ({ now, coachedAt }) => {
  let db: TestDatabase;
  let app: INestApplication;
  let world: World;
  const tokens = new Map<string, string>();
  const get = async <T,>(who: string, path: string, query: Record<string, string>): Promise<T> => {
    const res = await request(app.getHttpServer()).get(path).query({ ...query, asOf: iso(now) }).set('Authorization', `Bearer ${tokens.get(who)}`);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as T;
  };

  beforeAll(async () => {
    process.env['ALERTS_EVALUATE'] = '0';
    db = await withTestDatabase();
    app = await createTestApp(db, [HttpApiModule, IngestModule, ActionsModule, TrainingModule, ForecastAccuracyModule]);
    const report = await backfillWorld(app.get(IngestService), () => generateWorld({ seed: 42, days: 30, endAt: now, agents: 30, sites: ['lon'], handleScale: 2 }), NO_PROGRESS);
    world = report.world;
    await plantScenarioSetup(world, app.get(UsersService), app.get(TargetsService), app.get(OrgService), app.get(KpiQueryService));
    expect(await plantFollowUps(world, db.dataSource)).toBe(2);
    await ensureDefaultAlertRules(db.dataSource);
    for (const who of ['lead', 'manager', 'desk']) tokens.set(who, await loginAs(app, who));
    // ~7 min on a quiet machine (30 days × 30 agents through the feeds and the rollup rebuild).
  }, 1_500_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('lead: the two coaching actions of 14 days ago 07:00 show the new hires’ ACW before → after, fallen (grey: ACW has no target direction)', async () => {
    const c = world.followUps.coaching;
    // 07:00 London, 14 days before today's date.
    expect(iso(c!.at)).toBe(coachedAt);
    const actions = await get<ActionWithEffect[]>('lead', '/api/v1/actions', { scope: 'team:lon-t01' });
    const coaching = actions.filter((a) => a.causeCode === 'coaching' && a.effectiveAt === iso(c!.at));
    expect(coaching.map((a) => a.scope).sort()).toEqual(['agent:lon-a011', 'agent:lon-a012']);
    for (const a of coaching) {
      expect(a).toMatchObject({ kpi: 'acwSeconds', owner: 'lead', status: 'done' });
      expect(a.effect.effectStatus).toBe('complete');
      // ACW × 2.6 before, × 2.0 after: after / before ≈ 0.77 (random draws: 0.65–0.88).
      const ratio = (a.effect.after as number) / (a.effect.before as number);
      expect(ratio).toBeGreaterThan(0.65);
      expect(ratio).toBeLessThan(0.88);
      expect(a.effect.delta).toBeCloseTo((a.effect.after as number) - (a.effect.before as number), 9);
      // spec/action.md: improved follows the target's direction, else the alert's breach; ACW has neither.
      expect(a.effect.improved).toBeNull();
    }
  });

  it('manager: the course training:objections has an AHT DiD well below zero and a payback in days; the coaching shows per agent', async () => {
    const course = world.followUps.course!;
    const body = await get<{ rows: ActivityEffectRow[] }>('manager', '/api/v1/activity-effect', { scope: 'site:lon', from: iso(now - 60 * DAY), to: iso(now + DAY), by: 'name' });
    const row = body.rows.find((r) => r.key === 'training:objections');
    expect(row).toMatchObject({ agents: course.agentIds.length, paidSeconds: course.agentIds.length * 14_400, pending: false });
    expect(row!.controlAgents).toBeGreaterThan(0);
    // trainingCost = paid hours × 31.25.
    expect(row!.trainingCost).toBeCloseTo(course.agentIds.length * 4 * 31.25, 9);
    const aht = row!.kpis.ahtSeconds!;
    // Talk × 0.85 after the course: AHT ~ −40 s against an unchanged control.
    expect(aht.did).toBeLessThan(-20);
    expect(aht.after! - aht.before!).toBeLessThan(-20);
    expect(row!.dailyBenefit).toBeGreaterThan(0);
    expect(row!.paybackDays).toBeCloseTo(row!.trainingCost / row!.dailyBenefit!, 9);
    expect(row!.paybackDays).toBeLessThan(60);
    const byAgent = await get<{ rows: ActivityEffectRow[] }>('manager', '/api/v1/activity-effect', { scope: 'team:lon-t01', from: iso(now - 20 * DAY), to: iso(now - 10 * DAY), by: 'agent', kpis: 'ahtSeconds' });
    for (const id of ['lon-a011', 'lon-a012']) expect(byAgent.rows.map((r) => r.key)).toContain(id);
  }, 300_000);

  it('desk: 3 days ago the London volume ran ~25 % over forecast, the largest miss of the month, and the gap decomposition says forecast', async () => {
    const miss = world.followUps.forecastMiss!.sites[0];
    const days = await get<ForecastAccuracyResult>('desk', '/api/v1/forecast-accuracy', { site: 'lon', from: iso(miss.from - 20 * DAY), to: iso(miss.to), by: 'day' });
    const missRow = days.rows.find((r) => Date.parse(r.key) === miss.from || r.key === world.followUps.forecastMiss!.date);
    expect(missRow?.volumeErrorPct).toBeGreaterThan(15);
    const others = days.rows.filter((r) => r !== missRow).map((r) => r.volumeErrorPct ?? 0);
    expect(Math.max(...others)).toBeLessThan(missRow!.volumeErrorPct as number);
    const intervals = await get<ForecastAccuracyResult>('desk', '/api/v1/forecast-accuracy', { site: 'lon', from: iso(miss.from), to: iso(miss.to), by: 'interval' });
    const busy = intervals.gaps.filter((g) => g.forecastErrorAgents !== null && g.requiredAgents !== null && g.requiredAgents >= 5);
    // More contacts than forecast: hindsight needs more agents than the plan, on average.
    expect(busy.reduce((s, g) => s + (g.forecastErrorAgents as number), 0) / busy.length).toBeLessThan(-0.5);
  }, 120_000);

  it('the SL rule opens on the 11:00 burst and resolves (when today’s burst is already past)', async () => {
    // The rule clears after 15 min of a non-red 30-minute SL, once the burst's backlog has drained.
    const burst = world.followUps.liveBurst.windows.find((w) => w.to + 150 * 60_000 <= now);
    if (!burst) return; // 11:00 has not come yet today: the live simulation carries it.
    const alerts = app.get(AlertsService);
    const rule = (await alerts.store.rules()).find((r) => r.kpi === 'serviceLevelPct');
    const found = await replayAlerts(alerts.values, [rule!], burst.from, burst.to + 150 * 60_000, await app.get(OrgService).get());
    const lon = found.filter((i) => i.scope === 'site:lon');
    expect(lon.length).toBeGreaterThan(0);
    expect(Date.parse(lon[0].openedAt)).toBeGreaterThanOrEqual(burst.from + 10 * 60_000);
    expect(lon[0].resolvedAt).not.toBeNull();
  }, 300_000);
});
