import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { lineHashOf } from './line-hash';

const MODE = process.env['TEST_DATABASE_URL'] ? 'PostgreSQL, COPY through a staging table' : 'PGlite, multi-row INSERT';

describe(`BulkWriter round trip (${MODE})`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await withTestDatabase();
  });
  afterAll(() => db?.close());
  beforeEach(() => db.truncate());

  /** feed_lines keys are uuids: a readable name stands for its line hash. */
  const h = (name: string): string => lineHashOf(name);
  const count = async (table: string) => Number((await db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  it('inserts 12 000 rows (1 json statement / 12 COPY chunks) and ignores all of them the second time', async () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => ['queue_log', h(`line-${i}`)]);
    expect(await db.writer.write('feed_lines', ['format', 'line_hash'], rows)).toBe(12_000);
    // same 12 000 again plus 500 new: only the 500 count
    const again = [...rows, ...Array.from({ length: 500 }, (_, i) => ['queue_log', h(`line-${12_000 + i}`)])];
    expect(await db.writer.write('feed_lines', ['format', 'line_hash'], again, { onConflict: 'ignore' })).toBe(500);
    expect(await count('feed_lines')).toBe(12_500);
  });

  it('writes rows taken from a generator as it goes (2 500 rows: 3 COPY chunks, the last one partial), refuses a short row and a day-partitioned table', async () => {
    let made = 0;
    const rows = function* () {
      for (let i = 0; i < 2_500; i++) {
        made++;
        yield ['queue_log', h(`streamed-${i}`)];
      }
    };
    expect(await db.writer.writeNewStreamed('feed_lines', ['format', 'line_hash'], rows())).toBe(2_500);
    expect(made).toBe(2_500);
    expect(await count('feed_lines')).toBe(2_500);
    // Rows known to be new: a key written before fails the whole write, which leaves nothing.
    await expect(db.writer.writeNewStreamed('feed_lines', ['format', 'line_hash'], [['queue_log', h('new')], ['queue_log', h('streamed-7')]])).rejects.toThrow();
    await expect(db.writer.writeNewStreamed('feed_lines', ['format', 'line_hash'], [['queue_log']])).rejects.toThrow('a row has 1 values for 2 columns');
    expect(await count('feed_lines')).toBe(2_500);
    if (db.mode === 'postgres') {
      await expect(db.writer.writeNewStreamed('agent_state_events', ['agent_id', 'at', 'state', 'seq', 'source'], [])).rejects.toThrow('partitioned');
    }
  });

  it('returns only the keys that were new, also for duplicates inside one call', async () => {
    await db.writer.write('feed_lines', ['format', 'line_hash'], [['survey', h('a')], ['survey', h('b')]]);
    const fresh = await db.writer.writeReturning('feed_lines', ['format', 'line_hash'], [['survey', h('b')], ['survey', h('c')], ['survey', h('c')], ['survey', h('d')]], 'line_hash');
    expect(new Set(fresh.map((u) => String(u).replace(/-/g, '')))).toEqual(new Set([h('c'), h('d')]));
  });

  it('updates on conflict only where the condition holds, last row of a key winning within a call', async () => {
    const cols = ['key', 'value'];
    const opts = { onConflict: { update: ['value'], where: `(excluded.value->>'v')::int > (t.value->>'v')::int` } } as const;
    expect(await db.writer.write('settings', cols, [['salt', { v: 1 }], ['other', { v: 5 }]], opts)).toBe(2);
    // salt: 1 -> 3 (the later of 2 and 3 in this call wins, and 3 > 1); other: 4 < 5, kept
    expect(await db.writer.write('settings', cols, [['salt', { v: 2 }], ['salt', { v: 3 }], ['other', { v: 4 }]], opts)).toBe(1);
    const rows: { key: string; value: { v: number } }[] = await db.dataSource.query(`SELECT key, value FROM settings ORDER BY key`);
    expect(rows.map((r) => [r.key, r.value.v])).toEqual([['other', 5], ['salt', 3]]);
  });

  it('keeps text with tabs, newlines, backslashes, quotes and unicode exactly, and NULLs as NULL', async () => {
    const raw = 'a\tb\nc\\d\r"e" ünï \\N';
    await db.writer.write('quarantine', ['source', 'format', 'line_number', 'raw', 'reason'], [['f.log', 'queue_log', 7, raw, 'bad'], ['f.log', 'queue_log', 8, '', 'empty']]);
    const rows: { raw: string; resolved_at: Date | null }[] = await db.dataSource.query(`SELECT raw, resolved_at FROM quarantine ORDER BY line_number`);
    expect(rows).toEqual([{ raw, resolved_at: null }, { raw: '', resolved_at: null }]);
  });

  it('writes text[] and timestamptz values', async () => {
    const at = new Date(Date.UTC(2026, 0, 5, 8, 30, 0, 123));
    await db.writer.write('users', ['username', 'password_hash', 'roles', 'team_ids', 'created_at'], [['lead', 'x', ['team_leader'], ['t,1', 't"2'], at]]);
    const [u] = await db.dataSource.query(`SELECT roles, team_ids, created_at FROM users`);
    expect(u).toEqual({ roles: ['team_leader'], team_ids: ['t,1', 't"2'], created_at: at });
  });

  it("'error' mode inserts new rows and fails the whole write on an existing key", async () => {
    const cols = ['format', 'line_hash'];
    expect(await db.writer.write('feed_lines', cols, [['org', h('a')], ['org', h('b')]], { onConflict: 'error' })).toBe(2);
    await expect(db.writer.write('feed_lines', cols, [['org', h('c')], ['org', h('a')]], { onConflict: 'error' })).rejects.toThrow(/duplicate key/);
    expect(await count('feed_lines')).toBe(2); // 'c' rolled back with the failed write
  });

  it('joins the caller transaction: a rollback undoes the write', async () => {
    const runner = db.dataSource.createQueryRunner();
    await runner.startTransaction();
    expect(await db.writer.write('feed_lines', ['format', 'line_hash'], [['org', h('x')]], { runner })).toBe(1);
    await runner.rollbackTransaction();
    await runner.release();
    expect(await count('feed_lines')).toBe(0);
  });

  it('rejects a row with the wrong number of values and an identifier that is not plain', async () => {
    await expect(db.writer.write('feed_lines', ['format', 'line_hash'], [['only-one']])).rejects.toThrow('a row has 1 values for 2 columns');
    await expect(db.writer.write('feed_lines; drop table x', ['format'], [['a']])).rejects.toThrow('not a plain lower-case SQL identifier');
  });
});
