import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { IngestSummary, QuarantineItem } from '@floorwatch/contracts';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { UsersService } from '../auth/users.service';
import { HttpApiModule } from '../common/http-api.module';
import { createTestApp, loginAs } from '../common/testing/test-app';
import { IngestModule } from './ingest.module';
import { IngestEvents, type IngestEvent } from './ingest-events';
import { centreText } from './ingest-test-kit';

describe('POST /api/v1/ingest/:format, GET /api/v1/quarantine and resolving a quarantined line', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let admin: string;
  let agent: string;
  beforeAll(async () => {
    db = await withTestDatabase();
    app = await createTestApp(db, [HttpApiModule, IngestModule]);
    await app.get(UsersService).ensureDemoUsers();
    admin = await loginAs(app, 'admin');
    agent = await loginAs(app, 'agent');
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const post = (format: string, body: string, token = admin) =>
    request(app.getHttpServer()).post(`/api/v1/ingest/${format}?source=upload.log`).set('Authorization', `Bearer ${token}`).set('Content-Type', 'text/plain').send(body);

  it('streams an upload through the ingest, publishes the batch, and lists bad, incomplete and unmapped input', async () => {
    const seen: IngestEvent[] = [];
    const sub = app.get(IngestEvents).events$.subscribe((e) => seen.push(e));
    expect((await post('org', centreText('org.json'))).body).toEqual({ read: 1, accepted: 1, duplicates: 0, quarantined: 0, reasons: {} });
    const t0 = 1718010000;
    const lines = [
      `${t0}|CLI|sales|PJSIP/999|ADDMEMBER|`, // a member the org does not know
      `${t0 + 10}|x1|sales|NONE|ENTERQUEUE||5550000|1`, // never exits
      'not a queue_log line',
      `${t0 + 5 * 3600}|CLI|support|Agent/1001|ADDMEMBER|`, // 5 h later, in a queue the org does not know
    ];
    const res = await post('queue_log', lines.join('\n'));
    expect(res.status).toBe(200);
    const summary = res.body as IngestSummary;
    expect(summary.read).toBe(4);
    expect(summary.accepted + summary.duplicates + summary.quarantined).toBe(4);
    expect(summary.quarantined).toBe(1);
    sub.unsubscribe();
    expect(seen.map((e) => e.kind)).toEqual(['org', 'state']);
    expect(seen[1].records).toEqual([
      { agentId: 'PJSIP/999', at: t0 * 1000, state: 'available' },
      { agentId: 'a1', at: (t0 + 5 * 3600) * 1000, state: 'available' },
    ]);

    const q = await request(app.getHttpServer()).get('/api/v1/quarantine?source=upload.log').set('Authorization', `Bearer ${admin}`);
    expect(q.status).toBe(200);
    const items = q.body as QuarantineItem[];
    expect(items.map((i) => [i.lineNumber, i.reason, i.raw])).toEqual([
      [3, summary.reasons ? Object.keys(summary.reasons)[0] : '', 'not a queue_log line'],
      // The open call's caller id (5550000) is kept as its salted hash only (issue 20 item 10).
      [2, 'incomplete', expect.stringMatching(/^1718010010\|x1\|sales\|NONE\|ENTERQUEUE\|\|fwhash:[0-9a-f]{64}\|1$/)],
    ]);
    const unmapped = await request(app.getHttpServer()).get('/api/v1/quarantine/unmapped').set('Authorization', `Bearer ${admin}`);
    expect(unmapped.body).toEqual({ agents: [{ id: 'PJSIP/999', name: 'PJSIP/999' }], queues: [] });
  });

  it('refuses non-admins (403) and unknown formats (400) before reading the body', async () => {
    expect((await post('queue_log', 'x', agent)).status).toBe(403);
    expect((await request(app.getHttpServer()).get('/api/v1/quarantine').set('Authorization', `Bearer ${agent}`)).status).toBe(403);
    const bad = await post('csv-of-doom', 'x');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^format: unknown feed format "csv-of-doom"/);
  });

  it('an admin marks a quarantined line resolved: it leaves the list, stays stored, and resolving again keeps the first time', async () => {
    const auth = (r: request.Test, token = admin) => r.set('Authorization', `Bearer ${token}`);
    const list = async () => (await auth(request(app.getHttpServer()).get('/api/v1/quarantine?source=upload.log'))).body as QuarantineItem[];
    const [bad] = (await list()).filter((i) => i.reason !== 'incomplete');
    expect(bad.raw).toBe('not a queue_log line');

    expect((await auth(request(app.getHttpServer()).post(`/api/v1/quarantine/${bad.id}/resolve`), agent)).status).toBe(403);
    const first = await auth(request(app.getHttpServer()).post(`/api/v1/quarantine/${bad.id}/resolve`));
    expect(first.status).toBe(200);
    const resolved = first.body as QuarantineItem;
    expect({ ...resolved, resolvedAt: undefined }).toEqual({ ...bad, resolvedAt: undefined });
    expect(Date.parse(resolved.resolvedAt ?? '')).toBeGreaterThan(0);
    // Only the incomplete call is left; the resolved line is still in the table.
    expect((await list()).map((i) => i.reason)).toEqual(['incomplete']);
    const stored = (await db.dataSource.query(`SELECT count(*)::int AS n FROM quarantine WHERE id = $1 AND resolved_at IS NOT NULL`, [bad.id])) as { n: number }[];
    expect(stored[0].n).toBe(1);
    const again = await auth(request(app.getHttpServer()).post(`/api/v1/quarantine/${bad.id}/resolve`));
    expect([again.status, (again.body as QuarantineItem).resolvedAt]).toEqual([200, resolved.resolvedAt]);
  });

  it('resolving refuses what it cannot resolve: 400 naming the id, 404 for an unknown one', async () => {
    const resolve = (id: string) => request(app.getHttpServer()).post(`/api/v1/quarantine/${encodeURIComponent(id)}/resolve`).set('Authorization', `Bearer ${admin}`);
    const incomplete = await resolve('incomplete:x1');
    expect([incomplete.status, incomplete.body.field]).toEqual([400, 'id']);
    expect(incomplete.body.message).toMatch(/^id: an incomplete call leaves the list/);
    const notAnId = await resolve('42');
    expect([notAnId.status, notAnId.body.message]).toEqual([400, 'id: "42" is not a quarantine id']);
    expect((await resolve('00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
