import type { GroupBy, KpiRow } from '@floorwatch/contracts';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { ingestText, services } from '../ingest/ingest-test-kit';
import type { KpiQueryService } from '../kpi/kpi-query.service';
import { expectSameKpiRows } from './rollup-test-kit';

/*
 * selfservice.md §1 through the whole product: contacts-ndjson lines of every direction are
 * stored with direction/queued, the rollups count them as libs/kpi does (rollup path = raw path),
 * and the figures are the hand-computed ones.
 */
let db: TestDatabase;
let kpis: KpiQueryService;
const from = Date.parse('2024-06-10T09:00:00Z');
const to = Date.parse('2024-06-10T11:00:00Z');
const asOf = Date.parse('2024-06-30T00:00:00Z');

const line = (id: string, minute: number, o: Record<string, unknown>): string => {
  const enq = from + minute * 60_000;
  const wait = (o['waitSeconds'] as number | undefined) ?? 10;
  const answered = o['agentId'] !== null;
  return JSON.stringify({
    contactId: id, channel: 'voice', queueId: 'q-sales', agentId: 'a-1', customerKey: `cust-${id}`,
    enqueuedAt: new Date(enq).toISOString(),
    answeredAt: answered ? new Date(enq + wait * 1000).toISOString() : null,
    endedAt: new Date(enq + wait * 1000 + 300_000).toISOString(),
    waitSeconds: wait, talkSeconds: 240, holdSeconds: 0, acwSeconds: 60, outcome: answered ? 'handled' : 'abandoned',
    ...o,
  });
};
const FEED = [
  line('in-1', 0, { waitSeconds: 5 }), // no direction: inbound, queued; answered in SL
  line('in-2', 10, { waitSeconds: 45, direction: 'inbound' }), // late
  line('api-1', 20, { waitSeconds: 15, direction: 'api', queued: true }), // in SL
  line('ab-1', 30, { agentId: null, waitSeconds: 50 }), // abandoned
  line('out-1', 40, { waitSeconds: 0, direction: 'outbound', queued: false }),
  line('out-2', 50, { waitSeconds: 0, direction: 'outbound', queued: 'false' }),
  line('tr-1', 60, { waitSeconds: 12, direction: 'transfer' }),
  line('cb-1', 70, { waitSeconds: 400, direction: 'callback' }),
  line('cb-2', 80, { agentId: null, waitSeconds: 3, direction: 'callback' }),
  line('bad-1', 90, { direction: 'sideways' }),
  line('key-1', 95, { agentId: null, waitSeconds: 40, outcome: 'timeout', exitedByKey: true }), // left the queue on request
  line('key-2', 100, { agentId: null, waitSeconds: 40, outcome: 'timeout', exitedByKey: true, direction: 'callback' }), // counts nowhere
].join('\n');

beforeAll(async () => {
  db = await withTestDatabase();
  const svc = services(db);
  kpis = svc.kpis;
  const summary = await ingestText(svc.ingest, 'contacts-ndjson', FEED);
  expect(summary).toMatchObject({ read: 12, accepted: 11, quarantined: 1, reasons: { 'unknown-direction': 1 } });
}, 120_000);

afterAll(() => db?.close());

async function both(by?: GroupBy): Promise<[KpiRow[], KpiRow[]]> {
  kpis.useRollups = true;
  const viaRollup = await kpis.query({ scope: { kind: 'enterprise' }, from, to, by, asOf });
  const path = kpis.lastPath;
  kpis.useRollups = false;
  const raw = await kpis.query({ scope: { kind: 'enterprise' }, from, to, by, asOf });
  kpis.useRollups = true;
  expect([by, path]).toEqual([by, by === 'direction' ? 'raw' : 'rollup']);
  return [viaRollup.rows, raw.rows];
}

it('stores direction and queued per contact (defaults inbound / true)', async () => {
  const rows = await db.store.query<{ contact_id: string; direction: string; queued: boolean }>('SELECT contact_id, direction, queued FROM contacts ORDER BY enqueued_at');
  expect(rows.map((r) => [r.contact_id, r.direction, r.queued])).toEqual([
    ['in-1', 'inbound', true], ['in-2', 'inbound', true], ['api-1', 'api', true], ['ab-1', 'inbound', true],
    ['out-1', 'outbound', false], ['out-2', 'outbound', false], ['tr-1', 'transfer', true], ['cb-1', 'callback', true], ['cb-2', 'callback', true],
    ['key-1', 'inbound', true], ['key-2', 'callback', true],
  ]);
});

it('hand-computed: offered 5, answered 3, SL 100 × 2 / 5 = 40 %, ASA (5 + 45 + 15) / 3, exitedByKey 1; handled 7, outboundHandled 2', async () => {
  const [[r], [raw]] = await both();
  expectSameKpiRows([r], [raw]);
  // offered: in-1, in-2, api-1, ab-1, key-1 (the timeout is offered, neither answered nor abandoned)
  expect([r.kpis.offered, r.kpis.answered, r.kpis.abandoned, r.kpis.serviceLevelPct, r.kpis.asaSeconds, r.kpis.exitedByKey]).toEqual([5, 3, 1, 40, 65 / 3, 1]);
  expect([r.kpis.handled, r.kpis.outboundHandled, r.kpis.ahtSeconds]).toEqual([7, 2, 300]);
  // FCR: 5 non-outbound handled subjects (in-1, in-2, api-1, tr-1, cb-1), none repeated
  expect([r.kpis.fcrEligible, r.kpis.fcrPct]).toEqual([5, 100]);
});

it.each<GroupBy | undefined>([undefined, 'agent', 'queue', 'channel', 'day', 'interval'])('by %s: rollup path = raw path', async (by) => {
  const [r, raw] = await both(by);
  expectSameKpiRows(r, raw);
});

it('--by direction (answered from raw): every contact KPI split by direction', async () => {
  const [rows] = await both('direction');
  expect(rows.map((r) => [r.key, r.kpis.offered, r.kpis.handled, r.kpis.outboundHandled])).toEqual([
    ['api', 1, 1, 0],
    ['callback', 0, 1, 0],
    ['inbound', 4, 2, 0],
    ['outbound', 0, 2, 2],
    ['transfer', 0, 1, 0],
  ]);
});
