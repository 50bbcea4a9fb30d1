import { SELF_SERVICE_KPI_NAMES, type KpiRow } from '@floorwatch/contracts';
import type { TestDatabase } from '../../testing/test-database';
import { SelfServiceKpiOverlay, type OverlayQuery } from '../selfservice/selfservice-kpi-overlay';

/** Two sites in different zones (day and hour keys differ), one entry point each, by id and alias. */
export const SESSION_ORG = JSON.stringify({
  sites: [{ id: 's1', name: 'London', timezone: 'Europe/London' }, { id: 's2', name: 'Chicago', timezone: 'America/Chicago' }],
  teams: [{ id: 't1', name: 'One', siteId: 's1', leaderUserId: null }],
  agents: [{ id: 'a1', name: 'Ann', teamId: 't1', aliases: [] }],
  queues: [{ id: 'q1', name: 'Sales', channel: 'voice', siteId: 's1', aliases: [], slSeconds: 20 }],
  entryPoints: [
    { id: 'ivr1', name: 'London IVR', siteId: 's1', aliases: ['+44800'] },
    { id: 'bot2', name: 'Chicago bot', siteId: 's2', aliases: ['web-2'] },
  ],
});

/** The overlay's self-service values via the session rollup and via raw sessions only. */
export async function sessionKpisBothWays(db: TestDatabase, q: OverlayQuery): Promise<{ rolled: KpiRow[]; raw: KpiRow[]; rolledMs: number; rolledDays: number }> {
  const org = await db.store.loadOrg();
  const overlay = new SelfServiceKpiOverlay(db.store);
  const rolled = await overlay.apply([], org, q);
  const rolledMs = overlay.lastRolledMs;
  const rolledDays = overlay.lastRolledDays;
  overlay.useRollup = false;
  const raw = await overlay.apply([], org, q);
  return { rolled, raw, rolledMs, rolledDays };
}

/** Same keys, and every self-service KPI equal (sums of seconds to 1e-6). */
export function expectSameSessionKpis(rolled: KpiRow[], raw: KpiRow[]): void {
  const pick = (rows: KpiRow[]) => rows.map((r) => ({ key: r.key, v: SELF_SERVICE_KPI_NAMES.map((k) => (r.kpis as unknown as Record<string, number | null>)[k]) }));
  const a = pick(rolled);
  const b = pick(raw);
  expect(a.map((r) => r.key)).toEqual(b.map((r) => r.key));
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < SELF_SERVICE_KPI_NAMES.length; j++) {
      const x = a[i].v[j];
      const y = b[i].v[j];
      if (x === null || y === null || x === undefined || y === undefined) expect([a[i].key, SELF_SERVICE_KPI_NAMES[j], x]).toEqual([b[i].key, SELF_SERVICE_KPI_NAMES[j], y]);
      else expect([a[i].key, SELF_SERVICE_KPI_NAMES[j], Math.abs(x - y) < 1e-6 ? 'same' : x]).toEqual([b[i].key, SELF_SERVICE_KPI_NAMES[j], 'same']);
    }
  }
}
