import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { customerKeySalt, hashCustomerKey } from './customer-key';
import { centreText, ingestText, services } from './ingest-test-kit';

/**
 * Issue 20 item 10: caller ids (phone numbers) are not stored raw in quarantined lines nor in the
 * queue_log parser state kept between files; the salted hash stands in for them, so a call that
 * spans two files still gets the same customerKey as one read whole.
 */
describe('personal data is redacted from quarantine and parser state', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await withTestDatabase();
  });
  afterAll(() => db.close());

  it('keeps only the hash of +44 7700 900123 (quarantined) and 5559876 (open call), and the split call keeps its key', async () => {
    const svc = services(db);
    await ingestText(svc.ingest, 'org', centreText('org.json'));
    const first = [
      'not-a-time|cq|sales|NONE|ENTERQUEUE||+447700900123|1',
      '1718020000|c9|sales|NONE|ENTERQUEUE||5559876|1',
    ].join('\n');
    const s1 = await ingestText(svc.ingest, 'queue_log', `${first}\n`, { source: 'part1' });
    expect(s1.quarantined).toBe(1);
    const salt = await customerKeySalt(db.store);
    const quarantined: { raw: string }[] = await db.dataSource.query(`SELECT raw FROM quarantine`);
    expect(quarantined.map((q) => q.raw)).toEqual([`not-a-time|cq|sales|NONE|ENTERQUEUE||fwhash:${hashCustomerKey(salt, '+447700900123')}|1`]);
    // queue_log's carry-over state is its stored lines and open calls (order-free ingest), plus feed_state.
    const state: unknown[] = [
      ...(await db.dataSource.query(`SELECT state FROM feed_state`)),
      ...(await db.dataSource.query(`SELECT * FROM queue_log_lines`)),
      ...(await db.dataSource.query(`SELECT * FROM queue_log_open_calls`)),
    ];
    const stored = JSON.stringify(state);
    expect(stored).not.toContain('5559876');
    expect(stored).toContain(`fwhash:${hashCustomerKey(salt, '5559876')}`);

    // The rest of call c9 in a second file: the contact's key is the hash of the raw caller id.
    const second = ['1718020010|c9|sales|Agent/1001|CONNECT|10|c9.2|3', '1718020310|c9|sales|Agent/1001|COMPLETECALLER|10|300|1',
      // Wrap-up then back: the parser knows the call's ACW and emits the contact.
      '1718020310|NONE|NONE|Agent/1001|PAUSE|ACW', '1718020370|NONE|NONE|Agent/1001|UNPAUSE|', '1718030000|CLI|sales|Agent/1001|REMOVEMEMBER|'].join('\n');
    await ingestText(svc.ingest, 'queue_log', `${second}\n`, { source: 'part2' });
    const contacts: { customer_key: string }[] = await db.dataSource.query(`SELECT customer_key FROM contacts WHERE natural_key LIKE '%c9%'`);
    expect(contacts.map((c) => c.customer_key)).toEqual([hashCustomerKey(salt, '5559876')]);
  });
});
