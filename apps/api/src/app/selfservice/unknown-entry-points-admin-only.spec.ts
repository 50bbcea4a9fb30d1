import { Module, type INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { UnknownEntryPoint } from '@floorwatch/contracts';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { UsersService } from '../auth/users.service';
import { HttpApiModule } from '../common/http-api.module';
import { createTestApp, loginAs } from '../common/testing/test-app';
import { ingestText } from '../ingest/ingest-test-kit';
import { IngestModule } from '../ingest/ingest.module';
import { IngestService } from '../ingest/ingest.service';
import { EntryPointsController } from './entry-points.controller';

/** The controller alone (SelfServiceModule also starts the live `ivr` ticker, which this spec does not need). */
@Module({ controllers: [EntryPointsController] })
class EntryPointsOnly {}

const nd = (...objs: object[]): string => objs.map((o) => JSON.stringify(o)).join('\n') + '\n';
const org = {
  sites: [{ id: 'lon', name: 'London', timezone: 'Europe/London' }],
  entryPoints: [{ id: 'lon-ivr', name: 'London IVR', siteId: 'lon', aliases: ['0800-100'] }],
};
const s = (id: string, entryPoint: string, startedAt: string, channel = 'ivr') => ({ sessionId: id, channel, entryPoint, startedAt, endedAt: startedAt.replace(':00Z', ':30Z'), outcome: 'contained' });

describe('GET /api/v1/entry-points/unknown: sessions naming an entry point the org lacks, for the admin only', () => {
  let db: TestDatabase;
  let app: INestApplication;
  beforeAll(async () => {
    db = await withTestDatabase();
    app = await createTestApp(db, [HttpApiModule, IngestModule, EntryPointsOnly]);
    await app.get(UsersService).ensureDemoUsers();
    const ingest = app.get(IngestService);
    await ingestText(ingest, 'org', JSON.stringify(org));
    await ingestText(ingest, 'selfservice-ndjson', nd(
      s('k1', 'lon-ivr', '2026-03-02T10:00:00Z'), // by id: known
      s('k2', '0800-100', '2026-03-02T10:01:00Z'), // by alias: known
      s('u1', '+18005550199', '2026-03-02T10:02:00Z'),
      s('u2', '+18005550199', '2026-03-03T09:00:00Z'),
      s('u3', '+18005550199', '2026-03-01T08:00:00Z', 'chatbot'),
      s('u4', '<script>x</script>', '2026-03-02T11:00:00Z'),
    ));
  }, 600_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('admin: two unknown entry points, most sessions first, channels and first/last start; known ids and aliases left out', async () => {
    const token = await loginAs(app, 'admin');
    const res = await request(app.getHttpServer()).get('/api/v1/entry-points/unknown').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.body as UnknownEntryPoint[]).toEqual([
      { entryPoint: '+18005550199', sessions: 3, channels: ['chatbot', 'ivr'], firstSeen: '2026-03-01T08:00:00.000Z', lastSeen: '2026-03-03T09:00:00.000Z' },
      // Returned as data (JSON); the admin page renders it as text, never as HTML.
      { entryPoint: '<script>x</script>', sessions: 1, channels: ['ivr'], firstSeen: '2026-03-02T11:00:00.000Z', lastSeen: '2026-03-02T11:00:00.000Z' },
    ]);
  });

  it.each(['manager', 'desk', 'lead', 'agent'])('%s: 403', async (who) => {
    const token = await loginAs(app, who);
    const res = await request(app.getHttpServer()).get('/api/v1/entry-points/unknown').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(403);
  });

  it('no token: 401', async () => {
    expect((await request(app.getHttpServer()).get('/api/v1/entry-points/unknown')).status).toBe(401);
  });
});
