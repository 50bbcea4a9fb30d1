import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { request as httpRequest } from 'node:http';
import request from 'supertest';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { HttpApiModule } from './http-api.module';
import { IngestModule } from '../ingest/ingest.module';
import { createTestApp, loginAs } from './testing/test-app';
import { seedWorld } from './testing/world';

/** Issue 20 item 8: per-group window caps on KPI queries; size and idle limits on POST /ingest. */
describe('cost limits on KPI windows and uploads', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let admin: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    db = await withTestDatabase();
    app = await createTestApp(db, [HttpApiModule, IngestModule]);
    await seedWorld(db, app);
    admin = await loginAs(app, 'admin');
  });
  afterAll(async () => {
    process.env = saved;
    await app?.close();
    await db?.close();
  });

  const kpis = (by: string, days: number) =>
    request(app.getHttpServer())
      .get(`/api/v1/kpis?scope=enterprise&by=${by}&from=2026-01-01T00:00:00Z&to=${new Date(Date.parse('2026-01-01T00:00:00Z') + days * 86_400_000).toISOString()}`)
      .set('Authorization', `Bearer ${admin}`);

  it('by=interval is capped at 31 days, by=hour at 92, others at 400', async () => {
    expect((await kpis('interval', 31)).status).toBe(200);
    const interval = await kpis('interval', 32);
    expect([interval.status, interval.body.field, interval.body.message]).toEqual([400, 'to', 'to: range is longer than 31 days for by=interval']);
    expect((await kpis('hour', 92)).status).toBe(200);
    expect((await kpis('hour', 93)).body.message).toBe('to: range is longer than 92 days for by=hour');
    expect((await kpis('day', 120)).status).toBe(200);
  });

  it('by=direction and by=coverage (read from raw contacts only) are capped at 92 days', async () => {
    for (const by of ['direction', 'coverage']) {
      expect((await kpis(by, 92)).status).toBe(200);
      const long = await kpis(by, 400);
      expect([long.status, long.body.field, long.body.message]).toEqual([400, 'to', `to: range is longer than 92 days for by=${by}`]);
    }
  });

  it('an upload over INGEST_MAX_BYTES is 413 naming the limit', async () => {
    process.env['INGEST_MAX_BYTES'] = '1000';
    const line = '1772445600|CLI|lon-voice|Agent/1|ADDMEMBER|\n';
    const res = await request(app.getHttpServer()).post('/api/v1/ingest/queue_log').set('Authorization', `Bearer ${admin}`).set('Content-Type', 'text/plain').send(line.repeat(40)); // 40 × 43 = 1 720 bytes
    expect([res.status, res.body.message]).toEqual([413, 'upload is larger than 1000 bytes (INGEST_MAX_BYTES)']);
    delete process.env['INGEST_MAX_BYTES'];
  });

  it('an upload that stalls longer than INGEST_IDLE_MS is 408', async () => {
    process.env['INGEST_IDLE_MS'] = '200';
    const { port } = (await new Promise<AddressInfo>((resolve) => {
      const server = app.getHttpServer();
      if (server.listening) resolve(server.address() as AddressInfo);
      else server.listen(0, '127.0.0.1', () => resolve(server.address() as AddressInfo));
    }));
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/ingest/queue_log', headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' } }, (res) => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.write('1772445600|CLI|lon-voice|Agent/1|ADDMEMBER|\n'); // then nothing: the client stalls
    });
    expect(status).toBe(408);
    delete process.env['INGEST_IDLE_MS'];
  });
});
