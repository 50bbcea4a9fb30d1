import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { feedsWildDir } from '@floorwatch/feeds';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import type { KpiQueryService } from '../kpi/kpi-query.service';
import type { IngestService } from './ingest.service';
import { services } from './ingest-test-kit';

/** Real Connect CTR files (../shared/feeds-wild, see its README) through the product's ingest; skipped when absent. */
const dir = feedsWildDir('connect-ctr');

(dir ? describe : describe.skip)('connect-ctr files from the wild, ingested', () => {
  let db: TestDatabase;
  let ingest: IngestService;
  let kpis: KpiQueryService;
  const file = (name: string) => createReadStream(join(dir ?? '', name));

  beforeAll(async () => {
    db = await withTestDatabase();
    ({ ingest, kpis } = services(db));
  }, 120_000);
  afterAll(() => db?.close());

  it('kyopark duplicated CTRs: 6 read = 3 accepted + 3 duplicates; one contact, the latest LastUpdateTimestamp', async () => {
    const s = await ingest.ingest('connect-ctr', file('kyopark-duplicated-ctrs.json'), { source: 'kyopark' });
    expect(s).toEqual({ read: 6, accepted: 3, duplicates: 3, quarantined: 0, reasons: {} });
    const rows = await db.store.query<{ natural_key: string; updated: string; direction: string }>(
      "SELECT natural_key, to_char(source_updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS updated, direction FROM contacts",
    );
    expect(rows).toEqual([{ natural_key: 'ctr:6fe40d2a-1a89-4d73-bfcf-5d9c33894f47', updated: '2022-01-11T04:09:47Z', direction: 'inbound' }]);
    // re-ingesting the file changes nothing: every value is a duplicate
    expect(await ingest.ingest('connect-ctr', file('kyopark-duplicated-ctrs.json'), { source: 'kyopark' })).toMatchObject({ read: 6, duplicates: 6 });
  });

  it('capita outbound CTR: not offered, handled 1, outboundHandled 1 (raw path and rollup path)', async () => {
    const s = await ingest.ingest('connect-ctr', file('capita-firehose-ctr-outbound.json'), { source: 'capita-outbound' });
    expect(s).toMatchObject({ read: 1, accepted: 1 });
    const from = Date.parse('2019-02-27T08:00:00Z');
    const q = { scope: { kind: 'enterprise' as const }, from, to: from + 3_600_000, asOf: Date.parse('2019-03-30T00:00:00Z') };
    for (const useRollups of [false, true]) {
      kpis.useRollups = useRollups;
      const [r] = (await kpis.query(q)).rows;
      // handle = AgentInteractionDuration 86 + CustomerHoldDuration 0 + AfterContactWorkDuration 10
      expect([useRollups, r.kpis.offered, r.kpis.answered, r.kpis.serviceLevelPct, r.kpis.asaSeconds, r.kpis.handled, r.kpis.outboundHandled, r.kpis.ahtSeconds]).toEqual([
        useRollups, 0, 0, null, null, 1, 1, 96,
      ]);
    }
    kpis.useRollups = true;
    const [row] = await db.store.query<{ queued: boolean; wait_seconds: number; enq: string }>(
      "SELECT queued, wait_seconds, to_char(enqueued_at AT TIME ZONE 'UTC', 'HH24:MI:SS') AS enq FROM contacts WHERE natural_key = 'ctr:3b124062-b242-4aa9-bb40-1e2414b8758a'",
    );
    expect(row).toEqual({ queued: false, wait_seconds: 0, enq: '08:19:18' }); // enqueuedAt = InitiationTimestamp
  });

  it('the IVR-only, recording-fragment and EventBridge files: no contact; the broken values quarantined with their starting lines', async () => {
    const before = await db.store.query<{ n: number }>('SELECT count(*)::int AS n FROM contacts');
    expect(await ingest.ingest('connect-ctr', file('capita-kfh-ctr-ivr-only.json'), { source: 'ivr' })).toMatchObject({ read: 1, accepted: 1 });
    expect(await ingest.ingest('connect-ctr', file('awsdocs-issue10-ctr-recording-fragment.json'), { source: 'fragment' })).toMatchObject({ read: 1, quarantined: 1 });
    expect(await ingest.ingest('connect-ctr', file('awsdocs-contact-events-eventbridge-NOT-ctr.json'), { source: 'eventbridge' })).toMatchObject({ read: 2, quarantined: 2 });
    expect(await db.store.query('SELECT count(*)::int AS n FROM contacts')).toEqual(before);
    const q = await db.store.query<{ source: string; line_number: number; reason: string }>("SELECT source, line_number, reason FROM quarantine WHERE source IN ('fragment', 'eventbridge') ORDER BY source, line_number");
    expect(q.map((r) => [r.source, r.line_number, r.reason])).toEqual([
      ['eventbridge', 1, 'not-a-ctr'],
      ['eventbridge', 18, 'bad-json'],
      ['fragment', 1, 'missing-field:ContactId'],
    ]);
  });
});
