import { Global, Module, type INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Socket } from 'socket.io-client';
import { FEED_ALERT_EVENT, FOLLOWER_HEADER, type FeedAlertPayload, type FeedHealth } from '@floorwatch/contracts';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { UsersService } from '../auth/users.service';
import { HttpApiModule } from '../common/http-api.module';
import { createTestApp, loginAs } from '../common/testing/test-app';
import { IngestModule } from '../ingest/ingest.module';
import { LiveModule } from '../live/live.module';
import { collect, connectClient, nextEvent } from '../live/testing/live-test-kit';
import { FeedsHealthModule } from './feeds-health.module';
import { FEED_HEALTH_CLOCK, FeedsHealthService } from './feeds-health.service';
import { anySiteOpen, feedHealthOptionsFromEnv, toFeedHealth } from './feed-status';

/** The watcher's clock: real time plus what the test skipped ahead. */
let skipped = 0;
@Global()
@Module({ providers: [{ provide: FEED_HEALTH_CLOCK, useValue: () => Date.now() + skipped }], exports: [FEED_HEALTH_CLOCK] })
class TestClockModule {}

const MIN = 60_000;
const T0 = 1718010000;
const batch = (from: number) => [`${T0 + from}|CLI|sales|Agent/1001|ADDMEMBER|`, `${T0 + from + 1}|c${from}|sales|NONE|ENTERQUEUE||5550001|1`, `${T0 + from + 31}|c${from}|sales|NONE|ABANDON|1|1|30`, 'not a queue_log line'].join('\n') + '\n';

/**
 * Issue 21 "Feed health": a source with no line for longer than FEED_STALL_MINUTES while a site is
 * open turns red and raises `feed-alert` (stalled) to the admin and the desk only; a line from it
 * turns it green and clears the alert (resumed).
 */
describe('GET /api/v1/feeds and feed-alert: stalled → red + alert to admin and desk; resumed → cleared', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let url: string;
  const tokens: Record<string, string> = {};
  const sockets: Socket[] = [];
  const env = { ...process.env };
  beforeAll(async () => {
    Object.assign(process.env, { FEED_STALL_MINUTES: '10', FEED_OPEN_HOURS: '00:00-24:00', FEED_CHECK_SECONDS: '3600' });
    db = await withTestDatabase();
    app = await createTestApp(db, [HttpApiModule, IngestModule, LiveModule, FeedsHealthModule, TestClockModule]);
    await app.get(UsersService).ensureDemoUsers();
    for (const u of ['admin', 'desk', 'manager', 'lead', 'agent']) tokens[u] = await loginAs(app, u);
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await app.close();
    await db.close();
    process.env = env;
  });

  const ship = (body: string) =>
    request(app.getHttpServer()).post('/api/v1/ingest/queue_log?source=pbx1').set('Authorization', `Bearer ${tokens['admin']}`).set(FOLLOWER_HEADER, 'following').set('Content-Type', 'text/plain').send(body);
  const feeds = async (user = 'admin') => (await request(app.getHttpServer()).get('/api/v1/feeds').set('Authorization', `Bearer ${tokens[user]}`)).body as FeedHealth[];

  it('reports the source, turns red and alerts the watchers only, then clears', async () => {
    expect((await ship(batch(0))).body).toMatchObject({ read: 4, accepted: 3, quarantined: 1 });
    const [row] = await feeds();
    // 4 lines: ADDMEMBER (1 state), ENTERQUEUE + ABANDON (1 contact), 1 quarantined.
    expect(row).toMatchObject({ source: 'pbx1', format: 'queue_log', status: 'green', linesToday: 4, recordsToday: 2, accepted: 3, duplicates: 0, quarantined: 1, followerState: 'following' });
    expect(row.lastRecordAt).toBe(new Date((T0 + 31) * 1000).toISOString()); // the abandon's end
    expect(row.ratePerMinute).toBe(Math.round((4 / 15) * 10) / 10); // 4 lines in the last 15 minutes
    for (const u of ['manager', 'lead', 'agent']) expect((await request(app.getHttpServer()).get('/api/v1/feeds').set('Authorization', `Bearer ${tokens[u]}`)).status).toBe(403);
    expect(await feeds('desk')).toHaveLength(1);

    const watchers = await Promise.all(['admin', 'desk'].map((u) => connectClient(url, tokens[u])));
    const others = await Promise.all(['manager', 'lead', 'agent'].map((u) => connectClient(url, tokens[u])));
    sockets.push(...watchers, ...others);
    const leaked = others.map((s) => collect<FeedAlertPayload>(s, FEED_ALERT_EVENT));
    const service = app.get(FeedsHealthService);

    skipped = 9 * MIN; // 9 min quiet: still within the 10 min limit
    await service.check();
    expect((await feeds())[0].status).toBe('green');

    skipped = 11 * MIN;
    const stalled = watchers.map((s) => nextEvent<FeedAlertPayload>(s, FEED_ALERT_EVENT));
    await service.check();
    for (const a of await Promise.all(stalled)) expect(a).toMatchObject({ source: 'pbx1', format: 'queue_log', kind: 'stalled', message: 'feed pbx1 (queue_log) stalled: no line for 11 min' });
    const red = (await feeds())[0];
    expect([red.status, Math.round((red.lagSeconds ?? 0) / 60)]).toEqual(['red', 11]);
    await service.check(); // still red: no second alert

    skipped = 0; // a new line now: resumed
    expect((await ship(batch(100))).status).toBe(200);
    const resumed = watchers.map((s) => nextEvent<FeedAlertPayload>(s, FEED_ALERT_EVENT));
    await service.check();
    for (const a of await Promise.all(resumed)) expect(a).toMatchObject({ source: 'pbx1', kind: 'resumed' });
    const green = (await feeds())[0];
    // The second batch's bad line was quarantined from this source already: a duplicate (feeds.md).
    expect([green.status, green.linesToday, green.accepted, green.quarantined, green.duplicates]).toEqual(['green', 8, 6, 1, 1]);
    await new Promise((r) => setTimeout(r, 200));
    expect(leaked.map((l) => l.length)).toEqual([0, 0, 0]);
  }, 30_000);

  it('open hours are each site\'s own: a closed centre is never red', () => {
    const closed = feedHealthOptionsFromEnv({ FEED_OPEN_HOURS: '00:00-00:00' });
    expect(anySiteOpen(Date.parse('2024-06-10T12:00:00Z'), ['Europe/London'], closed)).toBe(false);
    const day = feedHealthOptionsFromEnv({ FEED_OPEN_HOURS: '08:00-18:00' });
    // 07:30 UTC is 08:30 in London (BST) and 03:30 in New York
    expect(anySiteOpen(Date.parse('2024-06-10T07:30:00Z'), ['Europe/London'], day)).toBe(true);
    expect(anySiteOpen(Date.parse('2024-06-10T07:30:00Z'), ['America/New_York'], day)).toBe(false);
    const quiet = { source: 's', format: 'queue_log', lastLineAt: 0, lastRecordAt: null, linesToday: 0, recordsToday: 0, accepted: 0, duplicates: 0, quarantined: 0, linesLast15Min: 0, followerState: null, followerAt: null };
    expect(toFeedHealth(quiet, 3_600_000, false, closed).status).toBe('green'); // an hour quiet, closed
    expect(toFeedHealth(quiet, 3_600_000, true, closed).status).toBe('red');
  });
});
