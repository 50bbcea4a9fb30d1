import type { KpiRow } from '@floorwatch/contracts';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { ingestText, services } from '../ingest/ingest-test-kit';
import type { KpiQueryService } from './kpi-query.service';
import type { KpiQueryParams } from './kpi-query.schema';

/*
 * London (Europe/London, UTC+0 in December) and Chicago (America/Chicago, UTC−6). Offered calls:
 *   2026-12-03T23:00Z  London  Thu 3 Dec 23:00   (outside: before London's Fri 4)
 *   2026-12-04T03:00Z  Chicago Thu 3 Dec 21:00   (outside: inside the UTC window, but Chicago's Thursday)
 *   2026-12-04T23:30Z  London  Fri 4 Dec 23:30   → Fri 4
 *   2026-12-04T23:30Z  Chicago Fri 4 Dec 17:30   → Fri 4
 *   2026-12-05T03:00Z  London  Sat 5 Dec 03:00   → Sat 5
 *   2026-12-05T03:00Z  Chicago Fri 4 Dec 21:00   → Fri 4
 *   2026-12-06T04:00Z  Chicago Sat 5 Dec 22:00   → Sat 5 (after the UTC window, inside Chicago's Saturday)
 * Enterprise by day over from=2026-12-04T00:00Z to=2026-12-06T00:00Z (the days Fri 4 – Sat 5):
 *   Fri 4 = 1 London + 2 Chicago = 3;  Sat 5 = 1 London + 1 Chicago = 2.
 */
const ORG = JSON.stringify({
  sites: [{ id: 'lon', name: 'London', timezone: 'Europe/London' }, { id: 'chi', name: 'Chicago', timezone: 'America/Chicago' }],
  teams: [{ id: 'tl', name: 'L', siteId: 'lon', leaderUserId: null }, { id: 'tc', name: 'C', siteId: 'chi', leaderUserId: null }],
  agents: [{ id: 'al', name: 'Al', teamId: 'tl', aliases: [] }, { id: 'ac', name: 'Cy', teamId: 'tc', aliases: [] }],
  queues: [
    { id: 'lon-billing', name: 'Billing', channel: 'voice', siteId: 'lon', aliases: [], slSeconds: 20 },
    { id: 'chi-billing', name: 'Billing', channel: 'voice', siteId: 'chi', aliases: [], slSeconds: 20 },
  ],
});
let n = 0;
const call = (site: 'lon' | 'chi', at: string): string => {
  const t = Date.parse(at);
  const iso = (ms: number) => new Date(ms).toISOString();
  n += 1;
  // answered after 10 s, 240 s talk + 60 s ACW: ends 250 s after it entered
  return JSON.stringify({
    contactId: `k${n}`, segmentId: `k${n}-1`, channel: 'voice', queueId: `${site}-billing`, reason: 'billing', agentId: site === 'lon' ? 'al' : 'ac',
    customerKey: null, enqueuedAt: iso(t), answeredAt: iso(t + 10_000), endedAt: iso(t + 250_000), waitSeconds: 10, talkSeconds: 240, holdSeconds: 0,
    acwSeconds: 60, outcome: 'handled', transferredTo: null,
  });
};
const CALLS = [
  call('lon', '2026-12-03T23:00:00Z'), call('chi', '2026-12-04T03:00:00Z'), call('lon', '2026-12-04T23:30:00Z'), call('chi', '2026-12-04T23:30:00Z'),
  call('lon', '2026-12-05T03:00:00Z'), call('chi', '2026-12-05T03:00:00Z'), call('chi', '2026-12-06T04:00:00Z'),
].join('\n') + '\n';

const asOf = Date.parse('2026-12-08T00:00:00Z');
const days = (rows: KpiRow[]) => rows.filter((r) => (r.kpis.offered ?? 0) > 0).map((r) => [r.key, r.kpis.offered]);

describe('enterprise by day: the days D1..D2 are each site\'s local D1..D2', () => {
  let db: TestDatabase;
  let kpis: KpiQueryService;
  beforeAll(async () => {
    db = await withTestDatabase();
    const svc = services(db);
    kpis = svc.kpis;
    await ingestText(svc.ingest, 'org', ORG);
    await ingestText(svc.ingest, 'contacts-ndjson', CALLS);
  }, 120_000);
  afterAll(() => db?.close());

  const both = async (q: KpiQueryParams): Promise<KpiRow[][]> => {
    const out: KpiRow[][] = [];
    for (const useRollups of [true, false]) {
      kpis.useRollups = useRollups;
      out.push((await kpis.query(q)).rows);
    }
    kpis.useRollups = true;
    return out;
  };

  it('Fri 4 Dec = 1 London + 2 Chicago = 3, Sat 5 Dec = 1 + 1 = 2; Chicago\'s Thursday 21:00 and London\'s Thursday 23:00 are not in; rollup = raw', async () => {
    const [rolled, raw] = await both({ scope: { kind: 'enterprise' }, from: Date.parse('2026-12-04T00:00:00Z'), to: Date.parse('2026-12-06T00:00:00Z'), by: 'day', asOf });
    expect(days(raw)).toEqual([['2026-12-04', 3], ['2026-12-05', 2]]);
    expect(days(rolled)).toEqual(days(raw));
    expect(raw.map((r) => r.key)).toEqual(['2026-12-04', '2026-12-05']);
  });

  it('the answer names the days asked for: from/to as given', async () => {
    const r = await kpis.query({ scope: { kind: 'enterprise' }, from: Date.parse('2026-12-04T00:00:00Z'), to: Date.parse('2026-12-06T00:00:00Z'), by: 'day', asOf });
    expect([r.from, r.to]).toEqual(['2026-12-04T00:00:00.000Z', '2026-12-06T00:00:00.000Z']);
  });

  it('tz=UTC keeps UTC days over the instants given: Fri 4 = chi 03:00Z + both 23:30Z = 3, Sat 5 = both 03:00Z = 2', async () => {
    const [, raw] = await both({ scope: { kind: 'enterprise' }, from: Date.parse('2026-12-04T00:00:00Z'), to: Date.parse('2026-12-06T00:00:00Z'), by: 'day', tz: 'UTC', asOf });
    expect(days(raw)).toEqual([['2026-12-04', 3], ['2026-12-05', 2]]);
  });

  it('restricted to Chicago, the enterprise Fri 4 Dec row is Chicago\'s own Fri 4 Dec (2), and so is enterprise by site over Chicago\'s local day', async () => {
    const chiDay = { from: Date.parse('2026-12-04T06:00:00Z'), to: Date.parse('2026-12-05T06:00:00Z') };
    const [chiRolled, chiRaw] = await both({ scope: { kind: 'site', id: 'chi' }, ...chiDay, by: 'day', asOf });
    expect(days(chiRaw)).toEqual([['2026-12-04', 2]]);
    expect(days(chiRolled)).toEqual([['2026-12-04', 2]]);
    const [, bySite] = await both({ scope: { kind: 'enterprise' }, ...chiDay, by: 'site', asOf });
    expect(bySite.find((r) => r.key === 'chi')?.kpis.offered).toBe(2);
  });
});
