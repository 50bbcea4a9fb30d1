import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { ingestText, services } from '../ingest/ingest-test-kit';

/** The real Connect files of ../shared/feeds-wild (README there); skipped when absent. */
const WILD = join(__dirname, '..', '..', '..', '..', '..', '..', 'shared', 'feeds-wild', 'connect-ctr');
const wildDir = existsSync(WILD) ? WILD : existsSync('/work/shared/feeds-wild/connect-ctr') ? '/work/shared/feeds-wild/connect-ctr' : null;

(wildDir ? describe : describe.skip)('selfservice.md §6 on the real Connect CTRs, through ingest and GET /kpis', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await withTestDatabase();
  });
  afterAll(() => db.close());
  beforeEach(() => db.truncate());

  const day = (iso: string) => ({ scope: { kind: 'enterprise' as const }, from: Date.parse(`${iso}T00:00:00Z`), to: Date.parse(`${iso}T00:00:00Z`) + 86_400_000, asOf: Date.parse('2026-01-01T00:00:00Z') });

  it('outbound CTR (talk 86, hold 0, ACW 10): offered 0, answered 0, ASA null, handled 1, outboundHandled 1, AHT 96; no session', async () => {
    const svc = services(db);
    await svc.ingest.ingest('connect-ctr', createReadStream(join(wildDir ?? '', 'capita-firehose-ctr-outbound.json')), { source: 'outbound' });
    const [row] = (await svc.kpis.query(day('2019-02-27'))).rows;
    expect([row.kpis.offered, row.kpis.answered, row.kpis.asaSeconds, row.kpis.handled, row.kpis.outboundHandled, row.kpis.ahtSeconds]).toEqual([0, 0, null, 1, 1, 86 + 0 + 10]);
    // no session in the scope and window: the self-service KPIs stay null (no self-service data), not 0
    expect([row.kpis.ivrOffered, row.kpis.selfServiceSharePct]).toEqual([null, null]);
    // no DisconnectReason in this 2019 CTR: endedBy unknown, so agentDisconnectPct has no denominator
    expect([row.kpis.transferRatePct, row.kpis.shortHandledPct, row.kpis.agentDisconnectPct]).toEqual([0, 0, null]);
  });

  it('IVR-only CTR (4 s, no DisconnectReason): ivrOffered 1, ivrShortAbandoned 1, ivrReasonMissing 1, base 0: the four rates null', async () => {
    const svc = services(db);
    await svc.ingest.ingest('connect-ctr', createReadStream(join(wildDir ?? '', 'capita-kfh-ctr-ivr-only.json')), { source: 'ivr' });
    const [row] = (await svc.kpis.query(day('2019-01-30'))).rows;
    expect([row.kpis.ivrOffered, row.kpis.ivrShortAbandoned, row.kpis.ivrReasonMissing]).toEqual([1, 1, 1]);
    expect([row.kpis.ivrContainmentPct, row.kpis.ivrOptOutPct, row.kpis.ivrAbandonPct, row.kpis.ivrErrorPct]).toEqual([null, null, null, null]);
    expect(row.kpis.ivrSeconds).toBe(4);
    // IVR-only and outbound records leave the queue side alone
    expect([row.kpis.offered, row.kpis.answered, row.kpis.serviceLevelPct, row.kpis.asaSeconds]).toEqual([0, 0, null, null]);
  });

  it('by intent: the session keys as unknown; contact KPIs are null there, not 0', async () => {
    const svc = services(db);
    await svc.ingest.ingest('connect-ctr', createReadStream(join(wildDir ?? '', 'capita-kfh-ctr-ivr-only.json')), { source: 'ivr' });
    const result = await svc.kpis.query({ ...day('2019-01-30'), by: 'intent' });
    expect(result.rows.map((r) => [r.key, r.kpis.ivrOffered, r.kpis.offered, r.kpis.handled])).toEqual([['unknown', 1, null, null]]);
    expect(await ingestText(svc.ingest, 'connect-ctr', '')).toMatchObject({ read: 0 });
  });
});
