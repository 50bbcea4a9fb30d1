import type { INestApplication } from '@nestjs/common';
import type { AlertInstance, AlertReplayInstance } from '@floorwatch/contracts';
import { generateWorld } from '@floorwatch/simulator';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { ActionsModule } from '../actions/actions.module';
import { HttpApiModule } from '../common/http-api.module';
import { createTestApp } from '../common/testing/test-app';
import { backfillWorld } from '../demo/demo-backfill';
import { NO_PROGRESS } from '../demo/demo-progress';
import { IngestModule } from '../ingest/ingest.module';
import { IngestService } from '../ingest/ingest.service';
import { OrgService } from '../org/org.service';
import { replayAlerts } from './alert-engine';
import { AlertScheduler, LAST_TICK_KEY } from './alert-scheduler.service';
import { AlertsService } from './alerts.service';
import { ensureDefaultAlertRules } from './default-rules';

const MINUTE = 60_000;
// 13:30 BST on a Thursday: the day's 11:00–11:45 London contact burst (issue 25) is past.
const NOW = Date.parse('2027-07-01T12:30:00Z');
// 10:30–12:30 BST: before the burst, the burst, and the service level rule's clearing after it.
const FROM = Date.parse('2027-07-01T09:30:00Z');
const TO = Date.parse('2027-07-01T11:30:00Z');

/** What must agree: rule, scope, opened and resolved instants. */
const facts = (i: AlertInstance | AlertReplayInstance) => ({ ruleId: i.ruleId, scope: i.scope, openedAt: i.openedAt, resolvedAt: i.resolvedAt });
const order = (a: ReturnType<typeof facts>, b: ReturnType<typeof facts>) =>
  a.openedAt.localeCompare(b.openedAt) || a.ruleId.localeCompare(b.ruleId) || a.scope.localeCompare(b.scope);

describe('`fw alerts replay` over the demo history equals what the live evaluation created', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    // The timer stays off: the test drives the scheduler's own tick loop on the data clock.
    process.env['ALERTS_EVALUATE'] = '0';
    db = await withTestDatabase();
    app = await createTestApp(db, [HttpApiModule, IngestModule, ActionsModule]);
    // The smallest demo world: London, 10 agents, 1 day of history (the live burst days are planted whatever the history).
    await backfillWorld(app.get(IngestService), () => generateWorld({ seed: 42, days: 1, endAt: NOW, agents: 10, sites: ['lon'] }), NO_PROGRESS);
    expect(await ensureDefaultAlertRules(db.dataSource)).toBe(3);
  }, 600_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('every default rule: the same instances (rule, scope, openedAt, resolvedAt), and the burst opens the SL rule for London', async () => {
    const alerts = app.get(AlertsService);
    const scheduler = app.get(AlertScheduler);
    // Live: the minute evaluator's path (runUntil → evaluateTick → store), the data clock
    // advancing one minute at a time from FROM; each tick is evaluated once.
    await alerts.store.putSetting(LAST_TICK_KEY, FROM - MINUTE);
    let ticks = 0;
    for (let clock = FROM; clock < TO; clock += MINUTE) ticks += await scheduler.runUntil(clock);
    expect(ticks).toBe((TO - FROM) / MINUTE);
    const live = (await alerts.store.instances({ limit: 10_000 })).map(facts).sort(order);

    const rules = await alerts.store.rules();
    const replayed = (await replayAlerts(alerts.values, rules, FROM, TO, await app.get(OrgService).get())).map(facts).sort(order);

    expect(replayed).toEqual(live);
    // Not vacuous: the burst (1.8 × arrivals from 10:00 UTC) takes London's voice SL red long enough to open.
    const sl = rules.find((r) => r.kpi === 'serviceLevelPct');
    const lon = live.filter((i) => i.ruleId === sl?.id && i.scope === 'site:lon');
    expect(lon.length).toBeGreaterThan(0);
    expect(Date.parse(lon[0].openedAt)).toBeGreaterThanOrEqual(Date.parse('2027-07-01T10:10:00Z'));
  }, 600_000);
});
