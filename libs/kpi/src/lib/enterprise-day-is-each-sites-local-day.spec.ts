import type { Org } from '@floorwatch/contracts';
import { computeKpis } from './compute-kpis';
import { at, contact, input, ORG, query } from '../testing/fixtures';

// Two sites on different clocks in December (no DST): London = UTC+0, Chicago = UTC−6.
const org: Org = {
  ...ORG,
  sites: [...ORG.sites, { id: 'chi', name: 'Chicago', timezone: 'America/Chicago' }],
  queues: [...ORG.queues, { id: 'qchi', name: 'Chicago voice', channel: 'voice', siteId: 'chi', aliases: [], slSeconds: null }],
};
const answered = (enqueued: string, siteId: 'lon' | 'chi') =>
  contact({ enqueuedAt: at(enqueued), waitSeconds: 10, siteId, queueId: siteId === 'lon' ? 'qv' : 'qchi', agentId: null, teamId: null });
// Each contact waits 10 s and lasts 200 + 60 s after the answer: it ends 270 s after it entered.
const contacts = [
  answered('2026-12-04T23:30:00Z', 'lon'), // London Fri 4 Dec 23:30
  answered('2026-12-04T23:30:00Z', 'chi'), // Chicago Fri 4 Dec 17:30
  answered('2026-12-05T03:00:00Z', 'lon'), // London Sat 5 Dec 03:00
  answered('2026-12-05T03:00:00Z', 'chi'), // Chicago Fri 4 Dec 21:00
];

describe('enterprise by day: each site counts on its own local day', () => {
  // A window covering both sites' Fri 4 and Sat 5 whole: London 4 Dec 00:00 (00:00Z) to Chicago 6 Dec 00:00 (06:00Z).
  const q = query('2026-12-04T00:00:00Z', '2026-12-06T06:00:00Z', { kind: 'enterprise' }, { by: 'day' });
  const rows = computeKpis(input({ org, contacts }), q);
  const offered = (key: string) => rows.find((r) => r.key === key)?.kpis.offered ?? 0;

  it('Fri 4 Dec = London 23:30 + Chicago 17:30 + Chicago 21:00 = 3; Sat 5 Dec = London 03:00 = 1', () => {
    expect(offered('2026-12-04')).toBe(1 + 2);
    expect(offered('2026-12-05')).toBe(1);
    // The clipped edges (Chicago's Thu 3 Dec 18:00–24:00, London's Sun 6 Dec 00:00–06:00) hold nothing: no rows.
    expect(rows.map((r) => r.key)).toEqual(['2026-12-04', '2026-12-05']);
  });

  it("restricted to Chicago, the enterprise Fri 4 Dec row is Chicago's own by-day row for Fri 4 Dec (2 offered, 2 handled)", () => {
    const chicago = computeKpis(input({ org, contacts }), query('2026-12-04T06:00:00Z', '2026-12-05T06:00:00Z', { kind: 'site', id: 'chi' }, { by: 'day' }));
    expect(chicago.map((r) => [r.key, r.kpis.offered, r.kpis.handled])).toEqual([['2026-12-04', 2, 2]]);
    const entChicagoOnly = computeKpis(input({ org, contacts: contacts.filter((c) => c.siteId === 'chi') }), q);
    expect(entChicagoOnly.find((r) => r.key === '2026-12-04')?.kpis).toEqual(chicago[0].kpis);
  });

  it('an explicit tz=UTC still gives UTC days: Fri 4 Dec = both 23:30Z = 2, Sat 5 Dec = both 03:00Z = 2', () => {
    const utc = computeKpis(input({ org, contacts }), { ...q, tz: 'UTC' });
    expect(utc.filter((r) => (r.kpis.offered ?? 0) > 0).map((r) => [r.key, r.kpis.offered])).toEqual([['2026-12-04', 2], ['2026-12-05', 2]]);
  });
});
