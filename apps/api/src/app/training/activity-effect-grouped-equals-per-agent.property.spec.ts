import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Scope } from '@floorwatch/contracts';
import { generateWorld } from '@floorwatch/simulator';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { services } from '../ingest/ingest-test-kit';
import type { KpiQueryService } from '../kpi/kpi-query.service';
import type { OrgService } from '../org/org.service';
import { RollupService } from '../rollup/rollup.service';
import { ingestSimulatedWorld } from '../rollup/rollup-test-kit';
import { ActivityEffectService, EFFECT_KPIS } from './activity-effect.service';

/*
 * The activity effect from agent × day sums of the rollups (one grouped read for every agent)
 * equals the per-agent `by: day` KPI queries it replaced, for random activities: the simulated
 * world's coaching and training sessions (about one agent-day in twenty each) in a random
 * scope and window, W, grouping, and asOf anywhere from the world's middle to past its end — so
 * before windows, pending after windows, the FCR split interval (asOf − 7 d) inside or outside
 * the windows and the raw tail past the agent-time watermark all occur.
 */
const DAY = 86_400_000;
let db: TestDatabase;
let kpis: KpiQueryService;
let orgs: OrgService;
let service: ActivityEffectService;
let dir: string;
let startAt: number;
const endAt = Date.parse('2024-06-14T13:07:00Z');

beforeAll(async () => {
  db = await withTestDatabase();
  const svc = services(db);
  [kpis, orgs] = [svc.kpis, svc.orgs];
  service = new ActivityEffectService(db.store, kpis);
  const world = generateWorld({ seed: 13, days: 9, endAt, agents: 30 });
  startAt = world.startAt;
  dir = mkdtempSync(join(tmpdir(), 'fw-effect-'));
  await ingestSimulatedWorld(svc.ingest, world, dir, 5000);
}, 240_000);

afterAll(async () => {
  await db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('the world is on the rollups (watermark set) and has activities of both kinds', async () => {
  expect(await RollupService.agentTimeThrough(db.store)).not.toBeNull();
  const acts = await service.register({ kind: 'enterprise' }, startAt, endAt, await orgs.get(), 2);
  expect(new Set(acts.map((a) => a.kind))).toEqual(new Set(['training', 'coaching']));
});

it('grouped rollup reads = per-agent KPI queries, for any scope, window, W, grouping and asOf', async () => {
  const org = await orgs.get();
  const scopes: Scope[] = [
    { kind: 'enterprise' },
    ...org.org.sites.map((s) => ({ kind: 'site' as const, id: s.id })),
    ...org.org.teams.slice(0, 3).map((t) => ({ kind: 'team' as const, id: t.id })),
  ];
  const span = endAt - startAt;
  let measured = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...scopes),
      fc.integer({ min: 0, max: Math.floor(span / DAY) }),
      fc.integer({ min: 1, max: 10 }),
      fc.integer({ min: 1, max: 3 }),
      fc.constantFrom('agent' as const, 'name' as const),
      fc.integer({ min: Math.floor(span / 2 / 60_000), max: Math.floor((span + 2 * DAY) / 60_000) }),
      async (scope, fromDay, lengthDays, days, by, asOfMinute) => {
        const from = startAt + fromDay * DAY;
        const opts = { by, days, kpis: EFFECT_KPIS, asOf: startAt + asOfMinute * 60_000 };
        service.groupedReads = true;
        const grouped = await service.effect(scope, from, from + lengthDays * DAY, org, opts);
        if (grouped.rows.length) expect(service.lastRead).toBe('grouped');
        measured += grouped.rows.filter((r) => r.kpis.ahtSeconds?.did !== null && r.kpis.ahtSeconds?.did !== undefined).length;
        service.groupedReads = false;
        const reference = await service.effect(scope, from, from + lengthDays * DAY, org, opts);
        service.groupedReads = true;
        expect(grouped).toEqual(reference);
      },
    ),
    { numRuns: 12, seed: 2511 },
  );
  // Not vacuous: some rows had a before, an after and a control group.
  expect(measured).toBeGreaterThan(0);
}, 600_000);
