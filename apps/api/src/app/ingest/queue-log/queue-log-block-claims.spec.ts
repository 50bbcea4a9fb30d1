import { withTestDatabase, type TestDatabase } from '../../../testing/test-database';
import { lineHashOf } from '../../database/line-hash';
import { QUEUE_LOG_LEGACY_CLAIMS_SETTING } from '../../database/migrations/1796030000000-queue-log-blocks';
import { ingestText, services } from '../ingest-test-kit';
import { BLOCK_LINES } from './queue-log-claims';
import { simulateQueueLog } from './queue-log-feed-kit';

/*
 * Duplicate detection per block (issue 19): a full block of BLOCK_LINES lines read before is
 * skipped whole; other lines are claimed one by one, a kept line by its queue_log_lines row (no
 * feed_lines row of its own), the rest (quarantined, stripped of a NUL) in feed_lines.
 */
const feed = simulateQueueLog({ calls: 400, agents: 6, seed: 19 });
// Line 101 is garbage, line 201 a kept line behind a NUL: both claimed in feed_lines.
const LINES = [...feed.lines.slice(0, 100), 'garbage without bars', ...feed.lines.slice(100, 199), '\u0000' + feed.lines[199], ...feed.lines.slice(200)];
const N = LINES.length;
const text = (lines: readonly string[]): string => lines.join('\n') + '\n';

describe('queue_log: re-read content is recognised a block at a time, other lines one by one', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await withTestDatabase();
  });
  afterAll(() => db.close());
  beforeEach(() => db.truncate());

  const count = async (table: string): Promise<number> => Number(((await db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`)) as { n: number }[])[0].n);
  const records = async () => ({
    contacts: await db.dataSource.query('SELECT contact_id, segment_id, agent_id, outcome, wait_seconds, talk_seconds, acw_seconds FROM contacts ORDER BY contact_id, segment_id'),
    states: await db.dataSource.query('SELECT agent_id, (extract(epoch from at))::float8 AS at, seq, state FROM agent_state_events ORDER BY agent_id, at, seq'),
    lines: await count('queue_log_lines'),
    quarantine: await count('quarantine'),
    feedLines: await count('feed_lines'),
  });

  it('the same file twice: every line a duplicate the second time (its full blocks unread), nothing doubled', async () => {
    expect(N).toBeGreaterThan(3 * BLOCK_LINES);
    const svc = services(db);
    const first = await ingestText(svc.ingest, 'queue_log', text(LINES), { source: 'day' });
    expect(first).toEqual({ read: N, accepted: N - 1, duplicates: 0, quarantined: 1, reasons: first.reasons });
    const once = await records();
    // Every line but the garbage one is kept; only the garbage and the NUL line have a feed_lines row.
    expect([once.lines, once.feedLines, once.quarantine]).toEqual([N - 1, 2, 1]);
    // One batch (20 000 lines): its full blocks are lines 1-256, 257-512, ….
    expect(await count('queue_log_blocks')).toBe(Math.floor(N / BLOCK_LINES));

    const again = await ingestText(svc.ingest, 'queue_log', text(LINES), { source: 'day again' });
    expect(again).toEqual({ read: N, accepted: 0, duplicates: N, quarantined: 0, reasons: {} });
    expect(await records()).toEqual(once);
  });

  it('the file split at other lines, in other batches: the lines read before are duplicates one by one, records as from one read', async () => {
    const svc = services(db);
    const cut = 2 * BLOCK_LINES + 37;
    await ingestText(svc.ingest, 'queue_log', text(LINES.slice(0, cut)), { source: 'head', batchSize: 100 });
    // The whole file again behind 3 lines already read (so every line number moves by 3), batches of 300.
    const rest = await ingestText(svc.ingest, 'queue_log', text([...LINES.slice(5, 8), ...LINES]), { source: 'whole', batchSize: 300 });
    expect(rest).toEqual({ read: N + 3, accepted: N - cut, duplicates: cut + 3, quarantined: 0, reasons: {} });
    const split = await records();
    await db.truncate();
    await ingestText(services(db).ingest, 'queue_log', text(LINES), { source: 'one' });
    expect(split).toEqual(await records());
  });

  it('stored lines claimed in feed_lines only (a data dir from before queue_log_lines) are still duplicates', async () => {
    await db.dataSource.query(`INSERT INTO settings (key, value) VALUES ($1, 'true'::jsonb)`, [QUEUE_LOG_LEGACY_CLAIMS_SETTING]);
    await db.dataSource.query(`INSERT INTO feed_lines (format, line_hash) VALUES ('queue_log', $1::uuid)`, [lineHashOf(LINES[10])]);
    const s = await ingestText(services(db).ingest, 'queue_log', text(LINES), { source: 'day' });
    expect(s).toEqual({ read: N, accepted: N - 2, duplicates: 1, quarantined: 1, reasons: s.reasons });
    expect(await count('queue_log_lines')).toBe(N - 2);
  });
});
