import fc from 'fast-check';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { centreText, ingestText, services } from './ingest-test-kit';

const VALID = centreText('queue_log').trimEnd().split('\n');

/** Text that no feed line can be: no field separator, no line break, not blank. */
const garbage = fc
  .string({ minLength: 1, maxLength: 30, unit: 'grapheme' })
  .filter((s) => !/[|\r\n\ufeff]/.test(s) && s.trim() !== '');

describe('ingest: random garbage interleaved with valid queue_log lines', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await withTestDatabase();
  });
  afterAll(() => db.close());

  it('accepted + duplicates + quarantined = read, every valid line accepted, every bad line stored', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(VALID.length), garbage), { maxLength: 12 }), fc.integer({ min: 2, max: 9 }), async (inserts, batchSize) => {
        await db.truncate();
        const svc = services(db);
        await ingestText(svc.ingest, 'org', centreText('org.json'));
        const lines = [...VALID];
        for (const [at, g] of [...inserts].sort((a, b) => b[0] - a[0])) lines.splice(at, 0, g);
        const s = await ingestText(svc.ingest, 'queue_log', lines.join('\n'), { source: 'messy', batchSize });
        expect(s.read).toBe(lines.length);
        expect(s.accepted + s.duplicates + s.quarantined).toBe(s.read);
        expect(s.accepted).toBe(VALID.length);
        const distinctGarbage = new Set(inserts.map(([, g]) => g)).size;
        expect(s.quarantined).toBe(distinctGarbage);
        expect(s.duplicates).toBe(inserts.length - distinctGarbage);
        const stored: { n: string }[] = await db.dataSource.query(`SELECT count(*) AS n FROM quarantine WHERE source = 'messy'`);
        expect(Number(stored[0].n)).toBe(s.quarantined);
        const contacts: { n: string }[] = await db.dataSource.query('SELECT count(*) AS n FROM contacts');
        expect(Number(contacts[0].n)).toBe(4);
      }),
      { numRuns: 10 },
    );
  });
});
