import { Module, type INestApplication, type Type } from '@nestjs/common';
import request from 'supertest';
import type { KpiApiResult } from '@floorwatch/contracts';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { HttpApiModule } from '../common/http-api.module';
import { createTestApp, loginAs } from '../common/testing/test-app';
import { IngestModule } from '../ingest/ingest.module';
import { DEFAULT_DEMO } from './demo-config';
import { DemoModule } from './demo.module';
import { NO_PROGRESS } from './demo-progress';
import type { DemoRuntimeOptions } from './demo.service';

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString();
/** Friday 20 Nov 2026 15:00 UTC: the four-touch journey (3 days before) is complete by then. */
const NOW = Date.parse('2026-11-20T15:00:00Z');

function modules(): Type[] {
  // Six days at 200 agents: Chicago (80) has chat and e-mail teams for the four-touch customer; enough sessions per node for stable rates.
  const c: DemoRuntimeOptions = { ...DEFAULT_DEMO, days: 6, agents: 200, live: false, progress: NO_PROGRESS, print: () => undefined, now: () => NOW };
  @Module({ imports: [DemoModule.forRoot(c)] })
  class DemoForTest {}
  return [HttpApiModule, IngestModule, DemoForTest];
}

type Kpis = Record<string, number | null>;

describe('demo world self-service story (README tour: manager self-service panel)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let token = '';
  const kpis = async (query: Record<string, string>): Promise<KpiApiResult> => {
    const res = await request(app.getHttpServer())
      .get('/api/v1/kpis')
      .query({ from: iso(NOW - 6 * DAY), to: iso(NOW), asOf: iso(NOW), ...query })
      .set('Authorization', `Bearer ${token}`);
    if (res.status !== 200) throw new Error(`kpis ${JSON.stringify(query)}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as KpiApiResult;
  };
  const row = (r: KpiApiResult, key: string): Kpis => (r.rows.find((x) => x.key === key)?.kpis ?? {}) as Kpis;

  beforeAll(async () => {
    db = await withTestDatabase();
    app = await createTestApp(db, modules());
    token = await loginAs(app, 'manager');
  }, 1_800_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('enterprise: sessions at every site, containment ~40 % (0.8 contained per transfer), ID&V failures ~20 % (one in five)', async () => {
    const all = row(await kpis({ scope: 'enterprise' }), 'all');
    // Per transferred session ~0.8 contained, 0.1 abandoned (60 % of them long), 0.02 error:
    // 0.8 / (1 + 0.8 + 0.06 + 0.02) = 42.6 %; the spike node pulls it down a little.
    expect(all['ivrContainmentPct']).toBeGreaterThan(35);
    expect(all['ivrContainmentPct']).toBeLessThan(48);
    // Attempts fail 27 % before an opt-out, 10 % otherwise: (0.27 + 0.8 × 0.1 + 0.1 × 0.6 × 0.1) / 1.86 ≈ 19 %.
    expect(all['idFailurePct']).toBeGreaterThan(16);
    expect(all['idFailurePct']).toBeLessThan(23);
    const bySite = await kpis({ scope: 'enterprise', by: 'site' });
    for (const site of ['lon', 'mnl', 'chi']) expect(row(bySite, site)['ivrOffered']).toBeGreaterThan(100);
    // Sessions link to their contacts (London by queue_log call id, Manila by CTR, Chicago by NDJSON id): time to a human is known.
    for (const site of ['lon', 'mnl', 'chi']) expect(row(bySite, site)['timeToHumanSeconds']).toBeGreaterThan(0);
    // Outbound campaign calls: Manila only.
    expect(row(bySite, 'mnl')['outboundHandled']).toBeGreaterThan(0);
    expect(row(bySite, 'lon')['outboundHandled']).toBe(0);
    expect(row(bySite, 'chi')['outboundHandled']).toBe(0);
    // Transfers between queues in Manila and Chicago (queue_log cannot say), ~5 % of handled voice.
    expect(row(bySite, 'mnl')['transferRatePct']).toBeGreaterThan(1);
    expect(row(bySite, 'chi')['transferRatePct']).toBeGreaterThan(1);
  });

  it('opt-out hot spot: tech:outage-check ranks first by opt-out among the menu nodes', async () => {
    const byNode = await kpis({ scope: 'enterprise', by: 'lastNode' });
    const ranked = byNode.rows
      .filter((r) => (r.kpis as Kpis)['ivrOptOutPct'] !== null)
      .sort((a, b) => ((b.kpis as Kpis)['ivrOptOutPct'] as number) - ((a.kpis as Kpis)['ivrOptOutPct'] as number));
    expect(ranked[0].key).toBe('tech:outage-check');
    // At 0.08 contained per transfer over the last 14 days: 1 / (1 + 0.08 + 0.08) ≈ 86 %; the rest ≤ ~57 %.
    expect((ranked[0].kpis as Kpis)['ivrOptOutPct']).toBeGreaterThan(75);
    expect((ranked[1].kpis as Kpis)['ivrOptOutPct']).toBeLessThan(65);
  });

  it('journeys: the Chicago customer bounced chatbot › chat › voice › e-mail is one four-touch journey', async () => {
    const byChain = await kpis({ scope: 'enterprise', by: 'derivedChain' });
    const four = row(byChain, 'chatbot>chat>voice>email');
    expect(four['journeys']).toBeGreaterThanOrEqual(1);
    expect(four['customerEffort']).toBe(4);
    // Customers cross channels in other journeys too (IVR then a call, chat after a call…).
    expect(byChain.rows.filter((r) => r.key.includes('>')).length).toBeGreaterThan(3);
  });

  it('callbacks: Manila has callback segments handled, not offered', async () => {
    const byDir = await kpis({ scope: 'site:mnl', by: 'direction' });
    expect(row(byDir, 'callback')['handled']).toBeGreaterThan(0);
    expect(row(byDir, 'callback')['offered']).toBe(0);
  });
});
