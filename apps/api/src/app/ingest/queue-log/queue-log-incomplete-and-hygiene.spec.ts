import { withTestDatabase, type TestDatabase } from '../../../testing/test-database';
import { QuarantineService } from '../quarantine.service';
import { ingestText, services } from '../ingest-test-kit';

const T0 = 1718010000; // 2024-06-10 09:00 UTC

describe('queue_log: open calls are listed as incomplete, control characters are stripped', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await withTestDatabase();
  });
  afterAll(() => db.close());
  beforeEach(() => db.truncate());

  it('a call never exiting is listed `incomplete` once 4 h older than the latest event, and leaves the list when its end arrives', async () => {
    const svc = services(db);
    const quarantine = new QuarantineService(db.store, svc.orgs);
    const enter = `${T0}|open1|sales|NONE|ENTERQUEUE||5551234|1`;
    await ingestText(svc.ingest, 'queue_log', `${enter}\n${T0 + 4 * 3600 - 1}|CLI|sales|Agent/1001|ADDMEMBER|\n`, { source: 'day1' });
    // 4 h − 1 s after it: not yet.
    expect(await quarantine.list()).toEqual([]);
    await ingestText(svc.ingest, 'queue_log', `${T0 + 4 * 3600}|CLI|sales|Agent/1001|PAUSE|Lunch\n`, { source: 'day1b' });
    // Listed with the caller id (5551234) as its salted hash only (issue 20: no raw caller ids at rest).
    const listedEnter = expect.stringMatching(/^1718010000\|open1\|sales\|NONE\|ENTERQUEUE\|\|fwhash:[0-9a-f]{64}\|1$/);
    expect((await quarantine.list()).map((i) => [i.id, i.reason, i.source, i.lineNumber, i.raw])).toEqual([['incomplete:open1', 'incomplete', 'day1', 1, listedEnter]]);
    // Counted in no KPI while open.
    const window = { scope: { kind: 'enterprise' as const }, from: T0 * 1000, to: (T0 + 86400) * 1000, asOf: (T0 + 86400) * 1000 };
    expect((await svc.kpis.query(window)).rows[0]?.kpis.offered ?? 0).toBe(0);
    // Its ABANDON arrives in a later file: counted, and off the list.
    await ingestText(svc.ingest, 'queue_log', `${T0 + 30}|open1|sales|NONE|ABANDON|1|1|30\n`, { source: 'late' });
    expect(await quarantine.list()).toEqual([]);
    const k = (await svc.kpis.query(window)).rows[0].kpis;
    expect([k.offered, k.abandoned]).toEqual([1, 1]);
  });

  it('NUL bytes and control characters before a line are stripped: the line is accepted, and is the same line as its clean copy', async () => {
    const svc = services(db);
    const clean = `${T0}|c1|sales|NONE|ENTERQUEUE||5551001|1`;
    const text = ['\u0000\u0000\u0000' + clean, `\u0001\u001b${T0 + 5}|c1|sales|Agent/1001|CONNECT|5|x|1`, `${T0 + 65}|c1|sales|Agent/1001|COMPLETECALLER|5|60|1`].join('\n');
    const s = await ingestText(svc.ingest, 'queue_log', text);
    expect(s).toEqual({ read: 3, accepted: 3, duplicates: 0, quarantined: 0, reasons: {} });
    // The clean copy, sent again from another file, is the same stored line (its row is its claim: a duplicate).
    await ingestText(svc.ingest, 'queue_log', clean + '\n', { source: 'again' });
    const [{ n }]: { n: number }[] = await db.dataSource.query(`SELECT count(*)::int AS n FROM queue_log_lines WHERE call_id = 'c1'`);
    expect(Number(n)).toBe(3);
    const rows: { wait_seconds: number; talk_seconds: number }[] = await db.dataSource.query('SELECT wait_seconds, talk_seconds FROM contacts');
    expect(rows).toEqual([{ wait_seconds: 5, talk_seconds: 60 }]);
  });
});
