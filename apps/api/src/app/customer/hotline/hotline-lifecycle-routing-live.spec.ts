import type { INestApplication } from '@nestjs/common';
import type { FeedbackItem, HotlineCase } from '@floorwatch/contracts';
import type { Socket } from 'socket.io-client';
import request from 'supertest';
import { withTestDatabase, type TestDatabase } from '../../../testing/test-database';
import { loginAs } from '../../common/testing/test-app';
import { seedWorld } from '../../common/testing/world';
import { IngestService } from '../../ingest/ingest.service';
import { ingestText } from '../../ingest/ingest-test-kit';
import { connectClient, startLiveApp, type LiveTestApp } from '../../live/testing/live-test-kit';

/*
 * customer.md worked example, 10 responses on 1..7 (csat 7,7,6,5,4,7,6,3,1,7; nps 10,9,9,8,7,6,5,10,3,9),
 * all about contact k1 (a1, team t1 led by `lead`); only response 9 (csat 1, nps 3) has a comment → one
 * case with rules csat-min and detractor-comment; detractors 6 and 7 (no comment) raise none. Then one
 * response about k3 (a3, team t2: no leader → lon's manager `sitemgr`) and one about k4 (n1 at nyc: no
 * leader, no nyc manager → enterprise `manager`).
 */
const HEAD = 'customer_id,responded_at,main_channel,channel_chain,q1,q2,q3,q4,q5,csat,nps,scale_min,scale_max,contact_id,comment';
const CSAT = [7, 7, 6, 5, 4, 7, 6, 3, 1, 7];
const NPS = [10, 9, 9, 8, 7, 6, 5, 10, 3, 9];
const TEN = [HEAD, ...CSAT.map((c, i) => `c${i + 1},2026-03-02T18:${String(i).padStart(2, '0')}:00Z,phone,phone,,,,,,${c},${NPS[i]},1,7,k1,${i === 8 ? '"Rude, and never called back"' : ''}`)].join('\n') + '\n';
const OTHERS = [HEAD, 'd1,2026-03-02T19:00:00Z,phone,phone,,,,,,1,2,1,7,k3,awful', 'd2,2026-03-02T19:05:00Z,phone,phone,,,,,,1,0,1,7,k4,'].join('\n') + '\n';

describe('HOTLINE: raised once, routed, lifecycle with audit, pushed live to assignees only', () => {
  let db: TestDatabase;
  let live: LiveTestApp;
  let app: INestApplication;
  const tokens: Record<string, string> = {};
  const sockets: Record<string, Socket> = {};
  const got: Record<string, HotlineCase[]> = {};
  const http = (who: string) => ({
    get: (p: string) => request(app.getHttpServer()).get(p).set('Authorization', `Bearer ${tokens[who]}`),
    post: (p: string, b: object) => request(app.getHttpServer()).post(p).set('Authorization', `Bearer ${tokens[who]}`).send(b),
    put: (p: string, b: object) => request(app.getHttpServer()).put(p).set('Authorization', `Bearer ${tokens[who]}`).send(b),
  });
  const settle = () => new Promise((r) => setTimeout(r, 400));

  beforeAll(async () => {
    db = await withTestDatabase();
    live = await startLiveApp(db);
    app = live.app;
    await seedWorld(db, app);
    await live.reload();
    for (const who of ['agent', 'lead', 'manager', 'desk', 'admin', 'sitemgr']) {
      tokens[who] = await loginAs(app, who);
      sockets[who] = await connectClient(live.url, tokens[who]);
      got[who] = [];
      sockets[who].on('hotline-case', (c: HotlineCase) => got[who].push(c));
    }
  });
  afterAll(async () => {
    for (const s of Object.values(sockets)) s.close();
    await app?.close();
    await db?.close();
  });

  it('one case for the worked example (response 9), rules csat-min + detractor-comment; re-ingest: still one', async () => {
    const ingest = app.get(IngestService);
    await ingestText(ingest, 'survey', TEN);
    await ingestText(ingest, 'survey', TEN, { source: 'again.csv' });
    const cases = (await http('admin').get('/api/v1/hotline')).body as HotlineCase[];
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ rules: ['csat-min', 'detractor-comment'], csat: 1, nps: 3, comment: 'Rude, and never called back', state: 'open', assignedTo: ['lead'] });
    expect(cases[0].attribution).toMatchObject({ attributedBy: 'contactId', agentId: 'a1', teamId: 't1' });
    expect(cases[0].customerKey).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the new case went over /live to its assignee (lead) only', async () => {
    await settle();
    expect(got['lead'].map((c) => c.rules)).toEqual([['csat-min', 'detractor-comment']]);
    for (const who of ['agent', 'manager', 'desk', 'admin', 'sitemgr']) expect(got[who]).toEqual([]);
  });

  it('routes: no team leader → the site managers; no site manager → enterprise managers; pushed to them only', async () => {
    await ingestText(app.get(IngestService), 'survey', OTHERS);
    await settle();
    const cases = (await http('admin').get('/api/v1/hotline')).body as HotlineCase[];
    const byAgent = Object.fromEntries(cases.map((c) => [c.attribution?.agentId, c.assignedTo]));
    expect(byAgent).toEqual({ a1: ['lead'], a3: ['sitemgr'], n1: ['manager'] });
    expect(got['sitemgr'].map((c) => c.attribution?.agentId)).toEqual(['a3']);
    expect(got['manager'].map((c) => c.attribution?.agentId)).toEqual(['n1']);
    expect(got['lead']).toHaveLength(1);
    expect(got['agent']).toEqual([]);
  });

  it('roles: the agent sees its own case (no customer key), never another agent’s (list, by id, feedback); the desk none', async () => {
    const all = (await http('admin').get('/api/v1/hotline')).body as HotlineCase[];
    const own = all.find((c) => c.attribution?.agentId === 'a1') as HotlineCase;
    const other = all.find((c) => c.attribution?.agentId === 'a3') as HotlineCase;
    const mine = (await http('agent').get('/api/v1/hotline')).body as HotlineCase[];
    expect(mine.map((c) => c.id)).toEqual([own.id]);
    expect(mine[0].customerKey).toBeUndefined();
    expect((await http('agent').get(`/api/v1/hotline/${other.id}`)).status).toBe(403);
    expect((await http('desk').get('/api/v1/hotline')).body).toEqual([]);
    expect(((await http('lead').get('/api/v1/hotline')).body as HotlineCase[]).map((c) => c.id)).toEqual([own.id]);
    const W = 'from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z';
    const fb = (await http('agent').get(`/api/v1/feedback?scope=agent:a1&${W}`)).body as FeedbackItem[];
    expect(fb).toHaveLength(10);
    expect(fb[0]).toMatchObject({ csat: 7, nps: 9, contactId: 'k1', attributedBy: 'contactId', caseState: null }); // newest first: response 10
    expect(fb.find((f) => f.comment)?.caseState).toBe('open');
    expect(JSON.stringify(fb)).not.toContain('customerKey');
    expect((await http('agent').get(`/api/v1/feedback?scope=agent:a3&${W}`)).status).toBe(403);
    expect((await http('agent').get(`/api/v1/feedback?scope=enterprise&${W}`)).status).toBe(403);
  });

  it('lifecycle: open → acknowledged → actioned (action) → closed (resolution + cause); each step by whom and when; else 409; agent 403', async () => {
    const [c] = (await http('lead').get('/api/v1/hotline')).body as HotlineCase[];
    const step = (who: string, b: object) => http(who).post(`/api/v1/hotline/${c.id}/transition`, b);
    expect((await step('agent', { to: 'acknowledged' })).status).toBe(403);
    expect((await step('sitemgr', { to: 'acknowledged' })).status).toBe(200); // lon's manager may act on lon's cases
    expect((await step('lead', { to: 'closed', resolution: 'x', causeCode: 'agent' })).status).toBe(409);
    expect((await step('lead', { to: 'actioned' })).status).toBe(409);
    expect((await step('lead', { to: 'actioned', action: 'called the customer back' })).status).toBe(200);
    expect((await step('lead', { to: 'closed', resolution: 'apologised', causeCode: 'weather' })).status).toBe(409);
    const closed = (await step('lead', { to: 'closed', resolution: 'apologised, coached a1', causeCode: 'agent', note: 'done' })).body as HotlineCase;
    expect(closed).toMatchObject({ state: 'closed', action: 'called the customer back', resolution: 'apologised, coached a1', causeCode: 'agent' });
    expect(closed.history.map((h) => [h.to, h.by])).toEqual([['open', 'system'], ['acknowledged', 'sitemgr'], ['actioned', 'lead'], ['closed', 'lead']]);
    for (const k of ['acknowledgedAt', 'actionedAt', 'closedAt'] as const) expect(Date.parse(closed[k] as string)).toBeGreaterThan(Date.parse(closed.raisedAt) - 1);
    expect((await step('lead', { to: 'open' })).status).toBe(409);
    expect((await step('lead', { to: 'acknowledged' })).status).toBe(409);
  });

  it('reassignment by a manager is in the history and pushed to the new assignee; a team leader may not reassign', async () => {
    const all = (await http('admin').get('/api/v1/hotline')).body as HotlineCase[];
    const n1 = all.find((c) => c.attribution?.agentId === 'n1') as HotlineCase;
    expect((await http('lead').put(`/api/v1/hotline/${n1.id}/assignee`, { assignedTo: ['lead'] })).status).toBe(403);
    const moved = (await http('manager').put(`/api/v1/hotline/${n1.id}/assignee`, { assignedTo: ['admin'], note: 'escalated' })).body as HotlineCase;
    expect(moved.assignedTo).toEqual(['admin']);
    expect(moved.history.at(-1)).toMatchObject({ to: 'assigned', by: 'manager', note: 'escalated' });
    await settle();
    expect(got['admin'].map((c) => c.id)).toEqual([n1.id]);
  });

  it('rules: admin or enterprise manager only; the monthly report in JSON and CSV with the month’s KPIs', async () => {
    expect((await http('sitemgr').get('/api/v1/hotline/rules')).status).toBe(403);
    expect(((await http('manager').get('/api/v1/hotline/rules')).body as { id: string }[]).map((r) => r.id)).toEqual(['csat-min', 'detractor-comment']);
    expect((await http('admin').put('/api/v1/hotline/rules', [{ id: 'x', field: 'mood', op: 'eq', value: 1 }])).status).toBe(400);
    const report = (await http('manager').get('/api/v1/hotline/report?month=2026-03')).body as { rows: unknown[]; kpis: { hotlineCases: number; hotlineOpen: number } };
    expect(report.rows).toHaveLength(3);
    expect(report.kpis).toMatchObject({ hotlineCases: 3, hotlineOpen: 2 });
    const csv = await http('manager').get('/api/v1/hotline/report?month=2026-03&format=csv');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\n')[0]).toBe('id,customer,description,detectedAt,acknowledgedAt,actionedAt,closedAt,causeCode,action,resolution,agent,team,site,state');
    expect(csv.text).toContain('"csat-min, detractor-comment: Rude, and never called back"');
    expect(csv.text).toContain('hotlineCases,3');
    const agentCsv = await http('agent').get('/api/v1/hotline/report?month=2026-03&format=csv');
    // the agent's report holds only its own case, without the customer key
    expect(agentCsv.text.split('\n').filter((l) => /^[0-9a-f-]{36},/.test(l))).toHaveLength(1);
    expect(agentCsv.text).not.toMatch(/[0-9a-f]{64}/);
  });

  it('HOTLINE KPIs in the KPI rows: selected by respondedAt in the window, judged at asOf', async () => {
    const W = 'from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z&asOf=2030-01-01T00:00:00Z';
    const all = (await http('manager').get(`/api/v1/kpis?scope=enterprise&${W}`)).body as { rows: { key: string; kpis: Record<string, number | null> }[] };
    // 3 cases; the a1 one closed seconds after raising (within 48 h); at asOf 2030 the two open ones
    // are past raisedAt + 48 h, so they count against: 100 × 1 / 3
    expect(all.rows[0].kpis).toMatchObject({ hotlineCases: 3, hotlineOpen: 2 });
    expect(all.rows[0].kpis['closedWithin48hPct']).toBeCloseTo(100 / 3, 10);
    const t1 = (await http('lead').get(`/api/v1/kpis?scope=team:t1&${W}`)).body as { rows: { kpis: Record<string, number | null> }[] };
    expect(t1.rows[0].kpis).toMatchObject({ hotlineCases: 1, hotlineOpen: 0 });
    const mine = (await http('agent').get(`/api/v1/kpis?scope=agent:a1&${W}`)).body as { rows: { kpis: Record<string, number | null> }[] };
    expect(mine.rows[0].kpis.hotlineCases).toBe(1);
  });
});
