import type { INestApplication } from '@nestjs/common';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import type { AgentStateEventPayload } from '@floorwatch/contracts';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { UsersService } from '../auth/users.service';
import { HttpApiModule } from '../common/http-api.module';
import { createTestApp, loginAs } from '../common/testing/test-app';
import { FeedsHealthModule } from '../feeds-health/feeds-health.module';
import { FeedsHealthService } from '../feeds-health/feeds-health.service';
import { IngestModule } from '../ingest/ingest.module';
import { LiveModule } from '../live/live.module';
import { connectClient, nextEvent, subscribe } from '../live/testing/live-test-kit';
import { FollowRunnerModule } from './follow-runner.module';
import { parseFollowEnv } from './follow-runner.service';

/**
 * FLOORWATCH_FOLLOW: the API follows a file itself, so an appended line reaches /live with no
 * other process (PGlite has one owner). One line appended → the desk's agent-state within 1 s.
 */
describe('FLOORWATCH_FOLLOW: a line appended to a followed file reaches /live', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let dir: string;
  let socket: Socket | null = null;
  const before = process.env['FLOORWATCH_FOLLOW'];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fw-follow-api-'));
    writeFileSync(join(dir, 'queue_log'), '');
    // A second PBX's log, 3 lines: 2 members log in (2 states), one PAUSE (1 state).
    const t0 = Math.floor(Date.now() / 1000) - 100;
    writeFileSync(join(dir, 'pbx2'), [`${t0}|CLI|q|Agent/2001|ADDMEMBER|`, `${t0}|CLI|q|Agent/2002|ADDMEMBER|`, `${t0 + 10}|CLI|q|Agent/2001|PAUSE|Break`].join('\n') + '\n');
    process.env['FLOORWATCH_FOLLOW'] = `queue_log:${join(dir, 'queue_log')},queue_log:${join(dir, 'pbx2')}`;
    db = await withTestDatabase();
    app = await createTestApp(db, [HttpApiModule, IngestModule, LiveModule, FeedsHealthModule, FollowRunnerModule]);
    await app.get(UsersService).ensureDemoUsers();
    await app.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    socket?.close();
    await app.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
    if (before === undefined) delete process.env['FLOORWATCH_FOLLOW'];
    else process.env['FLOORWATCH_FOLLOW'] = before;
  });

  it('names bad settings', () => {
    expect(() => parseFollowEnv('wfm-schedule:/x.csv')).toThrow('"wfm-schedule" is not a followable format');
    expect(() => parseFollowEnv('/var/log/asterisk/queue_log')).toThrow('is not <format>:<path>');
    expect(parseFollowEnv(' ')).toEqual([]);
  });

  it('sends the agent-state of an appended PAUSE to the desk', async () => {
    socket = await connectClient(await app.getUrl(), await loginAs(app, 'desk'));
    expect(await subscribe(socket, 'enterprise')).toEqual({ ok: true });
    const sec = Math.floor(Date.now() / 1000);
    const login = nextEvent<AgentStateEventPayload>(socket, 'agent-state', (p) => p.state === 'available');
    appendFileSync(join(dir, 'queue_log'), `${sec - 5}|CLI|sales|Agent/1001|ADDMEMBER|\n`);
    await login;
    const paused = nextEvent<AgentStateEventPayload>(socket, 'agent-state', (p) => p.state === 'aux:lunch');
    const t = Date.now();
    appendFileSync(join(dir, 'queue_log'), `${sec}|CLI|sales|Agent/1001|PAUSE|Lunch\n`);
    const p = await paused;
    expect(p.at).toBe(new Date(sec * 1000).toISOString());
    expect(Date.now() - t).toBeLessThan(1000);

    // Feed health keeps the two followed files apart, though both are queue_log in one process.
    // The state goes live from inside its batch (the agents pass runs in the batch), the batch's
    // feed counts are recorded as it ends: read them once they are (within 5 s).
    let feeds = await app.get(FeedsHealthService).list();
    const of = (name: string) => feeds.find((f) => f.source === join(dir, name));
    for (const until = Date.now() + 5_000; of('queue_log')?.linesToday !== 2 && Date.now() < until; ) {
      await new Promise((r) => setTimeout(r, 50));
      feeds = await app.get(FeedsHealthService).list();
    }
    expect([of('queue_log')?.linesToday, of('queue_log')?.recordsToday]).toEqual([2, 2]);
    expect([of('pbx2')?.linesToday, of('pbx2')?.recordsToday, of('pbx2')?.followerState]).toEqual([3, 3, 'following']);
  }, 30_000);
});
