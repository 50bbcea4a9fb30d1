import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { createTestApp, loginAs } from '../common/testing/test-app';
import { HttpApiModule } from '../common/http-api.module';
import { seedWorld } from '../common/testing/world';
import { IngestModule } from '../ingest/ingest.module';
import { OrgService } from '../org/org.service';
import { ActionsModule } from './actions.module';

let db: TestDatabase;
let app: INestApplication;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  process.env['ALERTS_EVALUATE'] = '0';
  db = await withTestDatabase();
  app = await createTestApp(db, [HttpApiModule, IngestModule, ActionsModule]);
  await seedWorld(db, app);
  await app.get(OrgService).refresh();
  for (const u of ['agent', 'lead', 'sitemgr', 'admin']) tokens[u] = await loginAs(app, u);
}, 90_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const api = () => request(app.getHttpServer());
const as = (u: string) => ({ Authorization: `Bearer ${tokens[u]}` });

// world.ts: team t1's calls are k1 at 10:00 (280 s) and k2 at 14:00 (340 s) on 2026-03-02.
// Action on t1's AHT effective 12:00 with L = 36 000 s (10 h): before [02:00, 12:00) = 280,
// after [12:00, 22:00) = 340: delta +60, away from the 360 s "lower is better" target → not improved.
const action = { kpi: 'ahtSeconds', scope: 'team:t1', causeCode: 'coaching', description: 'ACW coaching of the new hires', effectiveAt: '2026-03-02T12:00:00Z', dueAt: '2026-03-02T15:00:00Z' };

describe('corrective actions', () => {
  it('agents, other teams and unknown cause codes are refused', async () => {
    expect((await api().post('/api/v1/actions').set(as('agent')).send({ ...action, scope: 'agent:a1' })).status).toBe(403);
    expect((await api().post('/api/v1/actions').set(as('lead')).send({ ...action, scope: 'team:t2' })).status).toBe(403);
    const bad = await api().post('/api/v1/actions').set(as('lead')).send({ ...action, causeCode: 'bad-luck' });
    expect([bad.status, bad.body.field]).toEqual([400, 'causeCode']);
    expect((await api().put('/api/v1/cause-codes').set(as('lead')).send({ causeCodes: ['x'] })).status).toBe(403);
  });

  it('effect: pending before a + L, then 280 → 340 (delta +60, not improved); overdue after dueAt', async () => {
    const created = await api().post('/api/v1/actions').set(as('lead')).send(action);
    expect(created.status).toBe(201);
    expect(created.body.owner).toBe('lead');
    const pending = await api().get('/api/v1/actions?scope=team:t1&effectSeconds=36000&asOf=2026-03-02T17:00:00Z').set(as('lead'));
    expect(pending.body[0].effect).toMatchObject({ before: 280, after: null, delta: null, improved: null, effectStatus: 'pending' });
    expect(pending.body[0].overdue).toBe(true);
    const done = await api().get('/api/v1/actions?scope=team:t1&effectSeconds=36000&asOf=2026-03-03T00:00:00Z').set(as('lead'));
    expect(done.body[0].effect).toMatchObject({ before: 280, after: 340, delta: 60, improved: false, effectStatus: 'complete' });
    expect(done.body[0].effect.windows.before).toEqual({ from: '2026-03-02T02:00:00.000Z', to: '2026-03-02T12:00:00.000Z' });
    const bad = await api().get('/api/v1/actions?effectSeconds=1000').set(as('lead'));
    expect([bad.status, bad.body.field]).toEqual([400, 'effectSeconds']);

    const id = created.body.id as string;
    expect((await api().patch(`/api/v1/actions/${id}`).set(as('sitemgr')).send({ status: 'done' })).status).toBe(403);
    const closed = await api().patch(`/api/v1/actions/${id}`).set(as('lead')).send({ status: 'done' });
    expect([closed.status, closed.body.status, closed.body.overdue]).toEqual([200, 'done', false]);
    expect(closed.body.closedAt).not.toBeNull();
    expect((await api().get('/api/v1/actions').set(as('agent'))).body).toEqual([]); // not their scope
  });
});

describe('adherence exceptions', () => {
  it('a1 late back 13:00–13:05: approved exception → adjusted 100 × (28 500 + 300) / 28 800 = 100, adherencePct unchanged', async () => {
    const filed = await api().post('/api/v1/adherence-exceptions').set(as('agent')).send({ start: '2026-03-02T13:00:00Z', end: '2026-03-02T13:05:00Z', causeCode: 'system', note: 'phone would not log in' });
    expect(filed.status).toBe(201);
    expect((await api().post('/api/v1/adherence-exceptions').set(as('lead')).send({ start: '2026-03-02T13:00:00Z', end: '2026-03-02T13:05:00Z', causeCode: 'system' })).status).toBe(403);
    expect((await api().post(`/api/v1/adherence-exceptions/${filed.body.id}/decision`).set(as('agent')).send({ decision: 'approved' })).status).toBe(403);
    const ok = await api().post(`/api/v1/adherence-exceptions/${filed.body.id}/decision`).set(as('lead')).send({ decision: 'approved' });
    expect([ok.status, ok.body.status, ok.body.decidedBy]).toEqual([200, 'approved', 'lead']);
    const adj = await api().get('/api/v1/adherence-exceptions/adherence?agent=a1&from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z').set(as('agent'));
    expect(adj.body.adherencePct).toBeCloseTo((100 * 28_500) / 28_800, 9);
    expect(adj.body.approvedExceptionSeconds).toBe(300);
    expect(adj.body.adherenceAdjustedPct).toBe(100);
    expect((await api().get('/api/v1/adherence-exceptions/adherence?agent=a2&from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z').set(as('agent'))).status).toBe(403);
  });
});
