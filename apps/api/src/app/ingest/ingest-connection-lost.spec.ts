import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { RecordStore } from '../database/record-store';
import { IngestInterruptedError } from './ingest.service';
import { centreText, DAY, ingestText, services } from './ingest-test-kit';
import { simulateQueueLog } from './queue-log/queue-log-feed-kit';

/** Fails the Nth batch transaction after all its writes, before commit, as a dropped connection would. */
class StoreLosingConnection extends RecordStore {
  private batches = 0;
  constructor(
    base: RecordStore,
    private readonly failAt: number,
    private readonly kill: boolean,
  ) {
    super(base.dataSource, base.writer);
  }
  override transaction<T>(work: (tx: RecordStore) => Promise<T>): Promise<T> {
    return super.transaction(async (tx) => {
      const result = await work(tx);
      if (++this.batches === this.failAt) {
        // On real PostgreSQL really lose the connection; PGlite has one backend, so simulate it.
        if (this.kill) await tx.query('SELECT pg_terminate_backend(pg_backend_pid())');
        throw new Error('Connection terminated unexpectedly');
      }
      return result;
    });
  }
}

describe('ingest when the database connection is lost mid-ingest', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await withTestDatabase();
  });
  afterAll(() => db.close());

  it('fails with one clear message, and a re-run completes with nothing twice and nothing missing', async () => {
    const clean = services(db);
    await ingestText(clean.ingest, 'org', centreText('org.json'));
    await ingestText(clean.ingest, 'wfm-schedule', centreText('schedule.csv'));
    const failing = services(db, new StoreLosingConnection(db.store, 3, db.mode === 'postgres'));
    const text = centreText('queue_log');
    const err = await ingestText(failing.ingest, 'queue_log', text, { source: 'ql', batchSize: 4 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestInterruptedError);
    // Batches 1–2 (lines 1–8) committed, batch 3 (lines 9–12) rolled back.
    expect((err as Error).message).toMatch(/^ingest of ql stopped at line 9: .+; lines before it are stored, run the same ingest again/);
    expect((err as Error).message).not.toContain('\n');

    const rerun = await ingestText(clean.ingest, 'queue_log', text, { source: 'ql', batchSize: 4 });
    expect(rerun).toEqual({ read: 19, accepted: 11, duplicates: 8, quarantined: 0, reasons: {} });
    const rows: { contact_id: string }[] = await db.dataSource.query('SELECT contact_id FROM contacts ORDER BY contact_id');
    expect(rows.map((r) => r.contact_id)).toEqual(['c1', 'c2', 'c3', 'c4']);
    const k = (await clean.kpis.query({ scope: { kind: 'enterprise' }, from: DAY.from, to: DAY.to, asOf: DAY.asOf })).rows[0].kpis;
    expect(k.ahtSeconds).toBe(300);
    expect(k.inAdherenceSeconds).toBe(28500);
  });

  it('a call-grouped queue_log cut at any transaction (batches or the agents pass at the end) re-runs to exactly the KPIs of a clean pass', async () => {
    // 120 calls, lines grouped per call: each batch of 60 lines touches every agent's timeline.
    const feed = simulateQueueLog({ calls: 120, agents: 4, seed: 7 });
    const text = feed.grouped.join('\n') + '\n';
    const window = { scope: { kind: 'enterprise' as const }, from: DAY.from, to: DAY.to, asOf: DAY.asOf };
    await db.truncate();
    const clean = services(db);
    await ingestText(clean.ingest, 'queue_log', text, { source: 'grouped', batchSize: 60 });
    const expected = await Promise.all([clean.kpis.query(window), clean.kpis.query({ ...window, by: 'agent' })]);
    const batches = Math.ceil(feed.grouped.length / 60);
    // 4 agents' replay fits one group: each batch runs its own agents pass (batches transactions).
    // With agentsAtEnd the batches leave it to the end of the run: transaction batches + 1.
    const cuts = [...[2, batches].map((failAt) => ({ failAt, agentsAtEnd: false })), ...[2, batches, batches + 1].map((failAt) => ({ failAt, agentsAtEnd: true }))];
    for (const { failAt, agentsAtEnd } of cuts) {
      await db.truncate();
      const failing = services(db, new StoreLosingConnection(db.store, failAt, db.mode === 'postgres'));
      const err = await ingestText(failing.ingest, 'queue_log', text, { source: 'grouped', batchSize: 60, agentsAtEnd }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(IngestInterruptedError);
      expect((err as Error).message).not.toContain('\n');
      const again = services(db);
      const rerun = await ingestText(again.ingest, 'queue_log', text, { source: 'grouped', batchSize: 60, agentsAtEnd });
      expect(rerun.accepted + rerun.duplicates).toBe(feed.grouped.length);
      expect(await Promise.all([again.kpis.query(window), again.kpis.query({ ...window, by: 'agent' })])).toEqual(expected);
      const [{ n }]: { n: string }[] = await db.dataSource.query('SELECT count(*) AS n FROM contacts');
      expect(Number(n)).toBe(120);
    }
  });
});
