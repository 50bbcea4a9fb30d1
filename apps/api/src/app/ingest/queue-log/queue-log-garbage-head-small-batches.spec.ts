import { withTestDatabase, type TestDatabase } from '../../../testing/test-database';
import { IngestInputError } from '../ingest.service';
import { centreText, ingestText, services } from '../ingest-test-kit';

/*
 * The "plainly not queue_log" refusal judges the file's head (its first 20 non-empty lines), not
 * its first batch. Found by ingest-garbage-identity.property (seed 717444565): two garbage lines
 * ahead of a real queue_log, batch size 2, refused the whole file ("none of its first 2 line(s)
 * has a |") and lost every call.
 */
describe('queue_log: garbage at the head of a real file, ingested in tiny batches', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await withTestDatabase();
  });
  afterAll(() => db.close());
  beforeEach(() => db.truncate());

  it('two garbage lines then the centre file, batches of 2: every valid line accepted, the 2 quarantined, 4 contacts', async () => {
    const svc = services(db);
    await ingestText(svc.ingest, 'org', centreText('org.json'));
    const valid = centreText('queue_log').trimEnd().split('\n');
    const s = await ingestText(svc.ingest, 'queue_log', ['!', '?', ...valid].join('\n'), { source: 'messy', batchSize: 2 });
    // read = 2 garbage + every valid line; accepted = the valid lines; quarantined = the 2.
    expect(s.read).toBe(valid.length + 2);
    expect(s.accepted).toBe(valid.length);
    expect(s.quarantined).toBe(2);
    const [{ n }]: { n: number }[] = await db.dataSource.query('SELECT count(*)::int AS n FROM contacts');
    expect(Number(n)).toBe(4);
  });

  it('a 25-line CSV with no "|", batches of 2: refused whole on its first 20 lines, nothing stored', async () => {
    const svc = services(db);
    const csv = ['uid,date_time,callid,queuename,agent,event', ...Array.from({ length: 24 }, (_, i) => `${i},2026-12-04 10:00:${String(i).padStart(2, '0')},c${i},billing,NONE,ENTERQUEUE`)].join('\n');
    const err = await ingestText(svc.ingest, 'queue_log', csv, { source: 'export.csv', batchSize: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestInputError);
    expect((err as Error).message).toMatch(/^export\.csv is not a queue_log file: none of its first 20 line\(s\) has a "\|"/);
    const [{ n }]: { n: number }[] = await db.dataSource.query('SELECT (SELECT count(*) FROM quarantine) + (SELECT count(*) FROM feed_lines) AS n');
    expect(Number(n)).toBe(0);
  });
});
