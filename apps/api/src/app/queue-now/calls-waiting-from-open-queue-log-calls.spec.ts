import type { INestApplication } from '@nestjs/common';
import type { QueueWaitingResult } from '@floorwatch/contracts';
import request from 'supertest';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { HttpApiModule } from '../common/http-api.module';
import { createTestApp, loginAs } from '../common/testing/test-app';
import { seedWorld } from '../common/testing/world';
import { IngestModule } from '../ingest/ingest.module';
import { IngestService } from '../ingest/ingest.service';
import { textSource } from '../ingest/ingest-test-kit';

const s = (iso: string): number => Date.parse(iso) / 1000;
/*
 * queue_log on 2026-03-02 (test org: lon-voice at London, nyc-voice at New York):
 * - w1 10:00:00, w2 10:01:30, w3 10:02:00 enter lon-voice and are still in queue at 10:03:00;
 * - a1 enters lon-voice at 09:59:00 and is answered at 09:59:20 (talking, not waiting);
 * - x1 enters lon-voice at 09:58:00 and abandons at 09:58:40 (gone);
 * - n1 enters nyc-voice at 10:00:30 (another site).
 */
const LOG = [
  `${s('2026-03-02T09:58:00Z')}|x1|lon-voice|NONE|ENTERQUEUE||5551000|1`,
  `${s('2026-03-02T09:58:40Z')}|x1|lon-voice|NONE|ABANDON|1|1|40`,
  `${s('2026-03-02T09:59:00Z')}|a1|lon-voice|NONE|ENTERQUEUE||5551001|1`,
  `${s('2026-03-02T09:59:20Z')}|a1|lon-voice|Agent/a1|CONNECT|20|a1.2|3`,
  `${s('2026-03-02T10:00:00Z')}|w1|lon-voice|NONE|ENTERQUEUE||5551002|1`,
  `${s('2026-03-02T10:00:30Z')}|n1|nyc-voice|NONE|ENTERQUEUE||5551003|1`,
  `${s('2026-03-02T10:01:30Z')}|w2|lon-voice|NONE|ENTERQUEUE||5551004|1`,
  `${s('2026-03-02T10:02:00Z')}|w3|lon-voice|NONE|ENTERQUEUE||5551005|1`,
].join('\n');

/*
 * The next day London's ACD is on a completed-contact feed (contacts NDJSON): a lon-voice call
 * entered 2026-03-03 09:00:00 and ended 09:05:10 is the queue's latest contact. Such a feed says a
 * contact waited only once it ended, so who waits at 09:30 is not known.
 */
const NDJSON = JSON.stringify({
  contactId: 'd1', segmentId: 'd1-1', channel: 'voice', queueId: 'lon-voice', reason: 'billing', agentId: 'a1', customerKey: null,
  enqueuedAt: '2026-03-03T09:00:00Z', answeredAt: '2026-03-03T09:00:10Z', endedAt: '2026-03-03T09:05:10Z', waitSeconds: 10,
  talkSeconds: 240, holdSeconds: 0, acwSeconds: 60, outcome: 'handled', transferredTo: null,
});

describe('GET /queues/waiting: calls in queue now and the longest wait, from queue_log open calls', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let token: string;
  const waiting = async (query: string): Promise<request.Response> =>
    request(app.getHttpServer()).get(`/api/v1/queues/waiting?${query}`).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    db = await withTestDatabase();
    app = await createTestApp(db, [HttpApiModule, IngestModule]);
    await seedWorld(db, app);
    await app.get(IngestService).ingest('queue_log', textSource(`${LOG}\n`), { source: 'queue_log.test' });
    await app.get(IngestService).ingest('contacts-ndjson', textSource(`${NDJSON}\n`), { source: 'acd.ndjson' });
    token = await loginAs(app, 'desk');
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('London at 10:03:00: 3 calls waiting (since 10:00:00, 10:01:30, 10:02:00), longest 3:00', async () => {
    const res = await waiting('site=lon&asOf=2026-03-02T10:03:00Z');
    expect(res.status).toBe(200);
    const body = res.body as QueueWaitingResult;
    // answered a1 and abandoned x1 are not waiting; longest = 10:03:00 − 10:00:00 = 180 s
    expect(body.channels.voice).toEqual({ waiting: 3, longestWaitSeconds: 180, oldestEnteredAt: '2026-03-02T10:00:00.000Z' });
    expect(body.queues).toEqual([{ queueId: 'lon-voice', channel: 'voice', waiting: 3, longestWaitSeconds: 180, oldestEnteredAt: '2026-03-02T10:00:00.000Z' }]);
  });

  it('New York at 10:03:00: its own call only, 2:30; at 10:01:00 London has 1 waiting for 1:00', async () => {
    const nyc = (await waiting('site=nyc&asOf=2026-03-02T10:03:00Z')).body as QueueWaitingResult;
    // 10:03:00 − 10:00:30 = 150 s
    expect(nyc.channels.voice).toMatchObject({ waiting: 1, longestWaitSeconds: 150 });
    // at 10:01:00 only w1 had entered: 10:01:00 − 10:00:00 = 60 s
    const early = (await waiting('site=lon&asOf=2026-03-02T10:01:00Z')).body as QueueWaitingResult;
    expect(early.channels.voice).toMatchObject({ waiting: 1, longestWaitSeconds: 60 });
    // at 14:01:00 w2 and w3 are inside 4 h: 14:01:00 − 10:01:30 = 3 h 59 m 30 s = 14 370 s
    const inside = (await waiting('site=lon&asOf=2026-03-02T14:01:00Z')).body as QueueWaitingResult;
    expect(inside.channels.voice).toMatchObject({ waiting: 2, longestWaitSeconds: 14_370 });
    // from 14:02:00 on all three are 4 h old: lost calls (quarantine's `incomplete`), no longer waiting
    const later = (await waiting('site=lon&asOf=2026-03-02T14:02:30Z')).body as QueueWaitingResult;
    expect(later.channels.voice).toEqual({ waiting: 0, longestWaitSeconds: null, oldestEnteredAt: null });
  });

  it('London on 3 Mar 09:30, its latest lon-voice contact from contacts NDJSON: waiting unknown (null + reason), not 0; New York still 0', async () => {
    const lon = (await waiting('site=lon&asOf=2026-03-03T09:30:00Z')).body as QueueWaitingResult;
    const unknown = { waiting: null, longestWaitSeconds: null, oldestEnteredAt: null, reason: 'feed reports completed contacts only' };
    expect(lon.channels.voice).toEqual(unknown);
    expect(lon.queues).toEqual([{ queueId: 'lon-voice', channel: 'voice', ...unknown }]);
    // New York's latest contact is not from a completed-contact feed, and its open call n1 is > 4 h old: 0, a figure
    const nyc = (await waiting('site=nyc&asOf=2026-03-03T09:30:00Z')).body as QueueWaitingResult;
    expect(nyc.channels.voice).toEqual({ waiting: 0, longestWaitSeconds: null, oldestEnteredAt: null });
    // The day before (latest lon-voice contact from queue_log) London still counts its 3 open calls.
    const before = (await waiting('site=lon&asOf=2026-03-02T10:03:00Z')).body as QueueWaitingResult;
    expect(before.channels.voice?.waiting).toBe(3);
  });

  it('a missing or unknown site is a 400 naming the field (as GET /staffing)', async () => {
    const res = await waiting('asOf=2026-03-02T10:03:00Z');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/site/);
    const unknown = await waiting('site=nowhere');
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toMatch(/site/);
  });
});
