import type { INestApplication } from '@nestjs/common';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { IngestSummary } from '@floorwatch/contracts';
import type { ByteSource } from '@floorwatch/feeds';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { UsersService } from '../auth/users.service';
import { HttpApiModule } from '../common/http-api.module';
import { createTestApp, loginAs } from '../common/testing/test-app';
import { IngestModule } from '../ingest/ingest.module';
import { IngestInterruptedError, IngestService, type IngestOptions } from '../ingest/ingest.service';
import { LineFollower } from './line-follower';
import { httpSink } from './line-sink';
import { FilePositionStore } from './position-store';

const line = (i: number) => `${1718010000 + i}|CLI|sales|Agent/10${String(i).padStart(2, '0')}|ADDMEMBER|`;
const lines = (from: number, n: number) => Array.from({ length: n }, (_, k) => line(from + k) + '\n').join('');

async function text(source: ByteSource): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of source as AsyncIterable<Buffer | string>) parts.push(Buffer.from(c));
  return Buffer.concat(parts).toString();
}

/**
 * Issue 21 "Shipping": the real API in-process on a port; its ingest stores the first half of a
 * batch and then fails (the database went away: 503), the shipper backs off and sends the batch
 * again: the half already stored counts as duplicates, nothing twice, nothing lost.
 */
describe('fw ingest --follow --to: a 503 mid-batch, retried with backoff, then accepted', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let url: string;
  let token: string;
  let dir: string;
  beforeAll(async () => {
    db = await withTestDatabase();
    app = await createTestApp(db, [HttpApiModule, IngestModule]);
    await app.get(UsersService).ensureDemoUsers();
    token = await loginAs(app, 'admin');
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
    dir = mkdtempSync(join(tmpdir(), 'fw-ship-'));
  });
  afterAll(async () => {
    await app.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gets exact counts across the refusal and a restart from the state file', async () => {
    const ingest = app.get(IngestService);
    const real = ingest.ingest.bind(ingest);
    let refusals = 0;
    const spy = jest.spyOn(ingest, 'ingest').mockImplementation(async (format: string, source: ByteSource, options: IngestOptions) => {
      if (refusals > 0) return real(format, source, options);
      refusals++;
      const body = (await text(source)).split('\n').filter(Boolean);
      const half = body.slice(0, Math.floor(body.length / 2));
      const stored = await real(format, Readable.from([half.join('\n') + '\n']), options);
      throw new IngestInterruptedError(options.source, half.length + 1, stored, new Error('connection terminated'));
    });
    const ql = join(dir, 'queue_log');
    const state = join(dir, 'ql.state.json');
    writeFileSync(ql, lines(0, 40));
    const retries: string[] = [];
    const follow = () =>
      new LineFollower({
        path: ql,
        pollMs: 20,
        positions: new FilePositionStore(state),
        sink: httpSink({ url, token, format: 'queue_log', source: 'pbx1/queue_log', baseDelayMs: 20, onRetry: (n, _ms, why) => retries.push(`${n} ${why.slice(0, 8)}`) }),
      });
    let f = follow();
    let run = f.run();
    await until(() => f.summary.read >= 40);
    appendFileSync(ql, lines(40, 20));
    await until(() => f.summary.read >= 60);
    f.stop();
    const first: IngestSummary = await run;
    // 40 lines: 20 stored before the 503 (not in the shipper's count: it saw only the 503), then
    // all 40 again (20 duplicates + 20 new); then 20 more: read 40 + 20, accepted 20 + 20.
    expect(first).toEqual({ read: 60, accepted: 40, duplicates: 20, quarantined: 0, reasons: {} });
    expect(retries).toEqual(['1 HTTP 503']);

    // Restart from the state file: only what was appended while it was down is sent.
    appendFileSync(ql, lines(60, 5));
    f = follow();
    run = f.run();
    await until(() => f.summary.read >= 5);
    f.stop();
    expect(await run).toEqual({ read: 5, accepted: 5, duplicates: 0, quarantined: 0, reasons: {} });
    spy.mockRestore();
    // Each of the 65 lines claimed once: a kept line by its queue_log_lines row, any other in feed_lines.
    const [{ n }] = await db.store.query<{ n: number }>(`SELECT ((SELECT count(*) FROM feed_lines WHERE format = 'queue_log') + (SELECT count(*) FROM queue_log_lines))::int AS n`);
    expect(n).toBe(65);
  }, 30_000);
});

async function until(done: () => boolean): Promise<void> {
  const end = Date.now() + 20_000;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
