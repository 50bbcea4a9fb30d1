import type { KpiRow } from '@floorwatch/contracts';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { expectSameKpiRows } from '../rollup/rollup-test-kit';
import { ingestText, services } from '../ingest/ingest-test-kit';

/*
 * selfservice.md §1: exitedByKey on Connect = an unanswered queued inbound CTR that a CALLBACK CTR
 * names as PreviousContactId; outcome timeout (offered, not answered, not abandoned). In either
 * arrival order, in one file or two, through the rollups and the raw path alike.
 */
const ms = (iso: string): number => Date.parse(iso);
const org = {
  sites: [{ id: 'lon', name: 'London', timezone: 'Europe/London' }],
  queues: [{ id: 'q1', name: 'Q1', channel: 'voice', siteId: 'lon', aliases: ['Q'] }],
};
function ctr(over: Record<string, unknown>): string {
  return JSON.stringify({
    Channel: 'VOICE', InitiationMethod: 'INBOUND', CustomerEndpoint: { Address: '+442' }, SystemEndpoint: { Address: '+44800' },
    Agent: null, DisconnectReason: 'CUSTOMER_DISCONNECT', ...over,
  });
}
// Waited 09:00:00 → 09:02:00 in the queue, then asked for a call back: no agent, never answered.
const waited = ctr({
  ContactId: 'w1', InitiationTimestamp: '2026-03-02T09:00:00Z', DisconnectTimestamp: '2026-03-02T09:02:00Z', LastUpdateTimestamp: '2026-03-02T09:02:00Z',
  Queue: { Name: 'Q', EnqueueTimestamp: '2026-03-02T09:00:00Z', DequeueTimestamp: '2026-03-02T09:02:00Z', Duration: 120 },
});
// The call back: queued 09:02:00, answered 09:10:00, 300 s talk, 60 s wrap-up.
const callback = ctr({
  ContactId: 'cb1', InitiationMethod: 'CALLBACK', PreviousContactId: 'w1',
  InitiationTimestamp: '2026-03-02T09:02:00Z', DisconnectTimestamp: '2026-03-02T09:15:00Z', LastUpdateTimestamp: '2026-03-02T09:16:00Z',
  Queue: { Name: 'Q', EnqueueTimestamp: '2026-03-02T09:02:00Z', DequeueTimestamp: '2026-03-02T09:10:00Z', Duration: 480 },
  Agent: { Username: 'a1', ConnectedToAgentTimestamp: '2026-03-02T09:10:00Z', AgentInteractionDuration: 300, CustomerHoldDuration: 0, AfterContactWorkDuration: 60 },
});
// A second caller who hung up in the queue after 30 s: abandoned, no CALLBACK names it.
const abandoned = ctr({
  ContactId: 'ab1', InitiationTimestamp: '2026-03-02T09:05:00Z', DisconnectTimestamp: '2026-03-02T09:05:30Z', LastUpdateTimestamp: '2026-03-02T09:05:30Z',
  CustomerEndpoint: { Address: '+443' }, Queue: { Name: 'Q', EnqueueTimestamp: '2026-03-02T09:05:00Z', DequeueTimestamp: '2026-03-02T09:05:30Z', Duration: 30 },
});
const window = { from: ms('2026-03-02T00:00:00Z'), to: ms('2026-03-03T00:00:00Z'), asOf: ms('2026-03-20T00:00:00Z') };

describe('a CALLBACK CTR naming PreviousContactId marks the waiting contact exitedByKey (selfservice.md §1)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await withTestDatabase();
  }, 120_000);
  afterAll(() => db?.close());

  async function kpisAfter(files: string[][]): Promise<{ rollup: KpiRow; raw: KpiRow; stored: unknown[] }> {
    await db.truncate();
    const svc = services(db);
    await ingestText(svc.ingest, 'org', JSON.stringify(org));
    for (const [i, lines] of files.entries()) await ingestText(svc.ingest, 'connect-ctr', lines.join('\n') + '\n', { source: `ctr-${i}.json` });
    svc.kpis.useRollups = true;
    const rollup = (await svc.kpis.query({ scope: { kind: 'enterprise' }, ...window })).rows[0];
    expect(svc.kpis.lastPath).toBe('rollup');
    svc.kpis.useRollups = false;
    const raw = (await svc.kpis.query({ scope: { kind: 'enterprise' }, ...window })).rows[0];
    const stored = await db.store.query('SELECT segment_id, direction, outcome, exited_by_key FROM contacts ORDER BY segment_id');
    return { rollup, raw, stored };
  }

  it.each([
    ['waiting contact first, callback in a later file', [[waited, abandoned], [callback]]],
    ['callback first, waiting contact in a later file', [[callback], [abandoned, waited]]],
    ['both in one file', [[callback, abandoned, waited]]],
  ])('%s: offered 2, abandoned 1, exitedByKey 1, answered 0; the callback handled 1', async (_, files) => {
    const { rollup, raw, stored } = await kpisAfter(files);
    expect(stored).toEqual([
      { segment_id: 'ab1', direction: 'inbound', outcome: 'abandoned', exited_by_key: false },
      { segment_id: 'cb1', direction: 'callback', outcome: 'handled', exited_by_key: false },
      { segment_id: 'w1', direction: 'inbound', outcome: 'timeout', exited_by_key: true },
    ]);
    expectSameKpiRows([rollup], [raw]);
    // offered: w1 and ab1 (queued inbound; the callback is not offered); abandoned: ab1 alone (w1 left on request)
    // answered: neither inbound one, so no ASA; handled: cb1 (every handled segment), AHT = 300 + 0 + 60 = 360 s
    expect([rollup.kpis.offered, rollup.kpis.abandoned, rollup.kpis.exitedByKey, rollup.kpis.answered, rollup.kpis.asaSeconds]).toEqual([2, 1, 1, 0, null]);
    expect([rollup.kpis.handled, rollup.kpis.ahtSeconds]).toEqual([1, 360]);
  });

  it('a CALLBACK naming an answered contact changes nothing (only an unanswered queued inbound CTR left the queue)', async () => {
    const answered = ctr({
      ContactId: 'w1', InitiationTimestamp: '2026-03-02T09:00:00Z', DisconnectTimestamp: '2026-03-02T09:02:00Z', LastUpdateTimestamp: '2026-03-02T09:02:00Z',
      Queue: { Name: 'Q', EnqueueTimestamp: '2026-03-02T09:00:00Z', DequeueTimestamp: '2026-03-02T09:00:10Z', Duration: 10 },
      Agent: { Username: 'a1', ConnectedToAgentTimestamp: '2026-03-02T09:00:10Z', AgentInteractionDuration: 110, CustomerHoldDuration: 0, AfterContactWorkDuration: 0 },
    });
    const { rollup, stored } = await kpisAfter([[answered], [callback]]);
    expect(stored).toEqual([
      { segment_id: 'cb1', direction: 'callback', outcome: 'handled', exited_by_key: false },
      { segment_id: 'w1', direction: 'inbound', outcome: 'handled', exited_by_key: false },
    ]);
    // offered 1 (w1), answered 1 in 10 s, exitedByKey 0; handled 2, AHT (110 + 360) / 2 = 235 s
    expect([rollup.kpis.offered, rollup.kpis.answered, rollup.kpis.asaSeconds, rollup.kpis.exitedByKey, rollup.kpis.handled, rollup.kpis.ahtSeconds]).toEqual([1, 1, 10, 0, 2, 235]);
  });
});
