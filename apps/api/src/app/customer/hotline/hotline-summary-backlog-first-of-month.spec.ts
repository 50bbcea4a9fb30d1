import type { INestApplication } from '@nestjs/common';
import type { HotlineSummary, KpiApiResult } from '@floorwatch/contracts';
import request from 'supertest';
import { withTestDatabase, type TestDatabase } from '../../../testing/test-database';
import { createTestApp, loginAs } from '../../common/testing/test-app';
import { seedWorld } from '../../common/testing/world';
import { HttpApiModule } from '../../common/http-api.module';
import { IngestModule } from '../../ingest/ingest.module';
import { IngestService } from '../../ingest/ingest.service';
import { ingestText } from '../../ingest/ingest-test-kit';

/*
 * Issue 23: "At 07:00 on the 1st of a month, the manager's month tile counts no open cases" —
 * customer.md selects cases by their response's respondedAt, so March's window has none yet. The
 * summary's open / overdue are the backlog at asOf instead, whatever month the cases came in.
 *
 * asOf = Sun 2026-03-01 07:00Z (London on GMT: 07:00 local). Six February responses with csat 1
 * (rule csat-min → one case each), five about contact k1 (a1, team t1), one about k3 (a3, t2);
 * their times are then set as the team worked them (raised 15 min after the response):
 *   A 02-20 10:15 raised, ack 11:15, closed 02-21 16:15 (30 h = 108 000 s)   → closed before asOf
 *   B 02-25 09:15 raised, ack 10:15, open      age at asOf 93 h 45 m  ≥ 48 h → overdue
 *   E 02-26 08:15 raised, closed 03-01 08:00 (after asOf) age 70 h 45 m       → open at asOf, overdue
 *   C 02-27 12:15 raised, open                 age 42 h 45 m            → open, not overdue
 *   F 02-27 10:15 raised, open (team t2)       age 44 h 45 m            → open, not overdue
 *   D 02-28 20:15 raised, open                 age 10 h 45 m            → open, not overdue
 * Backlog at asOf: enterprise B, C, D, E, F = 5 open, B and E overdue = 2; team t1: 4 and 2; t2: 1 and 0.
 * March [03-01, 04-01): no response yet → raised 0, hotlineOpen 0, medians null, within-48h null.
 * February [02-01, 03-01) at asOf: 6 cases; hotlineOpen 5 (A closed); ack median of A, B = 3 600 s;
 * close median = p90 = 108 000 s (A only); within 48 h: A within (1), due = A + B + E (raised + 48 h
 * ≤ asOf; C, D, F not yet due) = 3 → 100 × 1 / 3 = 33.33 %.
 */
const HEAD = 'customer_id,responded_at,main_channel,channel_chain,q1,q2,q3,q4,q5,csat,nps,scale_min,scale_max,contact_id,comment';
const CASES: { key: string; responded: string; contact: string; ack?: string; closed?: string }[] = [
  { key: 'A', responded: '2026-02-20T10:00:00Z', contact: 'k1', ack: '2026-02-20T11:15:00Z', closed: '2026-02-21T16:15:00Z' },
  { key: 'B', responded: '2026-02-25T09:00:00Z', contact: 'k1', ack: '2026-02-25T10:15:00Z' },
  { key: 'E', responded: '2026-02-26T08:00:00Z', contact: 'k1', closed: '2026-03-01T08:00:00Z' },
  { key: 'C', responded: '2026-02-27T12:00:00Z', contact: 'k1' },
  { key: 'F', responded: '2026-02-27T10:00:00Z', contact: 'k3' },
  { key: 'D', responded: '2026-02-28T20:00:00Z', contact: 'k1' },
];
const AS_OF = '2026-03-01T07:00:00.000Z';
const MARCH = { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' };
const FEBRUARY = { from: '2026-02-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' };

describe('HOTLINE summary on the 1st of a month at 07:00: open now is the backlog, the cycle KPIs stay the period’s', () => {
  let db: TestDatabase;
  let app: INestApplication;
  const tokens: Record<string, string> = {};
  const get = (who: string, path: string, q: Record<string, string>) => request(app.getHttpServer()).get(path).query(q).set('Authorization', `Bearer ${tokens[who]}`);
  const summary = async (who: string, q: Record<string, string>): Promise<HotlineSummary> => {
    const res = await get(who, '/api/v1/hotline/summary', { asOf: AS_OF, ...q });
    expect(res.status).toBe(200);
    return res.body as HotlineSummary;
  };

  beforeAll(async () => {
    db = await withTestDatabase();
    app = await createTestApp(db, [HttpApiModule, IngestModule]);
    await seedWorld(db, app);
    const lines = CASES.map((c) => `cust-${c.key},${c.responded},phone,phone,,,,,,1,2,1,7,${c.contact},`);
    await ingestText(app.get(IngestService), 'survey', [HEAD, ...lines].join('\n') + '\n');
    const raised = (iso: string) => new Date(Date.parse(iso) + 15 * 60_000);
    for (const c of CASES) {
      // E's row says closed (at 08:00); asked at 07:00 it was still open: the summary judges by closedAt.
      const state = c.closed ? 'closed' : c.ack ? 'acknowledged' : 'open';
      await db.store.query(
        `UPDATE hotline_cases SET raised_at = $2, acknowledged_at = $3, closed_at = $4, state = $5, cause_code = CASE WHEN $4::timestamptz IS NULL THEN NULL ELSE 'process' END WHERE responded_at = $1`,
        [new Date(c.responded), raised(c.responded), c.ack ? new Date(c.ack) : null, c.closed ? new Date(c.closed) : null, state],
      );
    }
    for (const who of ['manager', 'lead', 'sitemgr', 'agent']) tokens[who] = await loginAs(app, who);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('the six February responses raised six cases (the scenario is in place)', async () => {
    const [n] = await db.store.query<{ n: number }>('SELECT count(*)::int AS n FROM hotline_cases');
    expect(n.n).toBe(6);
  });

  it('enterprise, March at 07:00 on the 1st: 5 open now, 2 overdue; the month itself has raised nothing yet', async () => {
    const s = await summary('manager', { scope: 'enterprise', ...MARCH });
    expect([s.openNow, s.overdueNow, s.oldestOpenRaisedAt, s.asOf]).toEqual([5, 2, '2026-02-25T09:15:00.000Z', AS_OF]);
    expect(s.period).toEqual({ hotlineCases: 0, hotlineOpen: 0, ackSecondsMedian: null, closeSecondsMedian: null, closeSecondsP90: null, closedWithin48hPct: null });
    // The spec's period KPI is what the tile used to show: 0 open (the defect the summary fixes).
    const kpis = await get('manager', '/api/v1/kpis', { scope: 'enterprise', asOf: AS_OF, ...MARCH });
    expect((kpis.body as KpiApiResult).rows[0].kpis['hotlineOpen'] ?? 0).toBe(0);
  });

  it('by team: t1 4 open / 2 overdue (its lead sees the same), t2 1 / 0', async () => {
    expect(await summary('manager', { scope: 'team:t1', ...MARCH })).toMatchObject({ scope: 'team:t1', openNow: 4, overdueNow: 2 });
    expect(await summary('lead', { scope: 'team:t1', ...MARCH })).toMatchObject({ openNow: 4, overdueNow: 2 });
    expect(await summary('manager', { scope: 'team:t2', ...MARCH })).toMatchObject({ openNow: 1, overdueNow: 0, oldestOpenRaisedAt: '2026-02-27T10:15:00.000Z' });
  });

  it('February at the same asOf: the spec’s cycle KPIs (6 cases, 5 open, ack 3 600 s, close 108 000 s, 33.33 % within 48 h)', async () => {
    const s = await summary('manager', { scope: 'enterprise', ...FEBRUARY });
    expect(s.openNow).toBe(5);
    expect(s.period).toMatchObject({ hotlineCases: 6, hotlineOpen: 5, ackSecondsMedian: 3600, closeSecondsMedian: 108_000, closeSecondsP90: 108_000 });
    expect(s.period.closedWithin48hPct).toBeCloseTo(100 / 3, 9);
  });

  it('a day later (E closed at 08:00, C and F now past 48 h): 4 open, 3 overdue — the backlog moves with asOf', async () => {
    // 03-02 07:00: open B (117 h 45 m), C (66 h 45 m), F (68 h 45 m), D (34 h 45 m); E closed 03-01 08:00. Overdue B, C, F.
    const s = await summary('manager', { scope: 'enterprise', ...MARCH, asOf: '2026-03-02T07:00:00.000Z' });
    expect([s.openNow, s.overdueNow]).toEqual([4, 3]);
  });

  it('access: an agent may not ask for the enterprise (403), a period must be whole (400 naming `to`)', async () => {
    expect((await get('agent', '/api/v1/hotline/summary', { scope: 'enterprise', ...MARCH })).status).toBe(403);
    const bad = await get('manager', '/api/v1/hotline/summary', { scope: 'enterprise', from: MARCH.to, to: MARCH.from });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('to');
  });
});
