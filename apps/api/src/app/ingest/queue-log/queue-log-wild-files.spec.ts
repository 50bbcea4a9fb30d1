import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { withTestDatabase, type TestDatabase } from '../../../testing/test-database';
import { IngestInputError } from '../ingest.service';
import { QuarantineService } from '../quarantine.service';
import { services } from '../ingest-test-kit';

/*
 * Every real queue_log of ../shared/feeds-wild/queue_log (README there), ingested whole: what
 * feeds.md says each must give. Counts hand-checked against the files (grep -c ENTERQUEUE, and
 * reading each call's lines). Skipped when the folder is absent (never copied into the repo).
 */
const ROOT = join(__dirname, '..', '..', '..', '..', '..', '..');
// ../shared beside the repo (a clone at /work/main), or two up from a worktree (/work/wt/<name>).
const WILD = [join(ROOT, '..', 'shared'), join(ROOT, '..', '..', 'shared')].map((d) => join(d, 'feeds-wild', 'queue_log')).find((d) => existsSync(d)) ?? '';
const present = WILD !== '';
const maybe = present ? describe : describe.skip;

interface Expected {
  read: number;
  quarantined: Record<string, number>;
  /** Contacts by outcome. */
  outcomes: Record<string, number>;
  open: number;
}

const FILES: Record<string, Expected> = {
  // One RINGNOANSWER with no ENTERQUEUE: accepted, no record.
  'asterisk-docs-queue-logs-oneliner.queue_log': { read: 1, quarantined: {}, outcomes: {}, open: 0 },
  // psy1-…87: ENTERQUEUE, CONNECT (wait 2), COMPLETECALLER talk 3073 → handled; psy1-…93 connected, no end in the
  // excerpt → open. The book's wrapped CONNECT continuations (`|psy1-…|0`) are the 2 quarantined lines; the second
  // blank line is a duplicate of the first.
  'asteriskbook-3rded-excerpt.queue_log': { read: 16, quarantined: { 'wrong-field-count': 2 }, outcomes: { handled: 1 }, open: 1 },
  // 21 ENTERQUEUE = 12 abandoned + 7 handled + 2 still open at the end of the capture.
  'asteriskreport-freepbx-2010.queue_log': { read: 278, quarantined: {}, outcomes: { abandoned: 12, handled: 7 }, open: 2 },
  // 30 ENTERQUEUE = 27 abandoned + 3 handled; the NUL-prefixed QUEUESTART (line 189) is accepted.
  'issabel-synk-queue_log-20220801.queue_log': { read: 543, quarantined: {}, outcomes: { abandoned: 27, handled: 3 }, open: 0 },
  'issabel-synk-queue_log-current.queue_log': { read: 204, quarantined: {}, outcomes: { abandoned: 2 }, open: 0 },
  'ivrlab-queuestart-only.queue_log': { read: 68, quarantined: {}, outcomes: {}, open: 0 },
  // JOINEMPTY, FULL, CLOSED → 3 blocked; the orphan COMPLETEAGENT (wait 2, talk 12) → handled; the orphan ABANDON
  // → abandoned; …601.24 connected and never completed → open.
  'wazo-doc-queue_log-samples.queue_log': { read: 12, quarantined: {}, outcomes: { abandoned: 1, blocked: 3, handled: 1 }, open: 1 },
};

maybe('real queue_log files (feeds-wild)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await withTestDatabase();
  });
  afterAll(() => db.close());
  beforeEach(() => db.truncate());

  for (const [file, want] of Object.entries(FILES)) {
    it(`${file}: ${JSON.stringify(want.outcomes)}, ${want.open} open`, async () => {
      const svc = services(db);
      const s = await svc.ingest.ingest('queue_log', createReadStream(join(WILD, file)), { source: file });
      expect(s.read).toBe(want.read);
      expect(s.reasons).toEqual(want.quarantined);
      expect(s.accepted + s.duplicates + s.quarantined).toBe(s.read);
      const rows: { outcome: string; n: number }[] = await db.dataSource.query('SELECT outcome, count(*)::int AS n FROM contacts GROUP BY outcome');
      expect(Object.fromEntries(rows.map((r) => [r.outcome, Number(r.n)]))).toEqual(want.outcomes);
      const [{ n }]: { n: number }[] = await db.dataSource.query('SELECT count(*)::int AS n FROM queue_log_open_calls');
      expect(Number(n)).toBe(want.open);
    });
  }

  it('voipreports1-queue_log-table-export.csv (a CSV export, no `|`) is refused whole with one line, nothing ingested', async () => {
    const svc = services(db);
    const file = 'voipreports1-queue_log-table-export.csv';
    const err = await svc.ingest.ingest('queue_log', createReadStream(join(WILD, file)), { source: file }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestInputError);
    expect((err as Error).message).toMatch(/^voipreports1-queue_log-table-export\.csv is not a queue_log file: .*it begins "uid,date_time,callid/);
    expect((err as Error).message).not.toContain('\n');
    for (const table of ['feed_lines', 'queue_log_lines', 'quarantine', 'contacts']) {
      const [{ n }]: { n: number }[] = await db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
      expect([table, Number(n)]).toEqual([table, 0]);
    }
    expect(await new QuarantineService(db.store, svc.orgs).list()).toEqual([]);
  });
});
