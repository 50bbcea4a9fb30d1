import type { KpiRowWithTargets } from '@floorwatch/contracts';
import { reasonLabel, reasonSiteRows } from './reason-sites';

const row = (key: string, handled: number, ahtSeconds: number | null): KpiRowWithTargets =>
  ({ key, kpis: { handled, ahtSeconds }, targets: {} }) as unknown as KpiRowWithTargets;

describe('manager by reason: a call type across sites, its sites on expand', () => {
  // The API's site answers (apps/api kpi/by-reason-is-cross-site.spec.ts): London billing 1 call of
  // 120 s and voice 3 calls averaging 1220 / 3 s; New York billing 1 call of 240 s, voice 1 of 900 s.
  // The enterprise row billing is (120 + 240) / 2 = 180 s; expanding it shows these two.
  const sites = [
    { siteId: 'nyc', siteName: 'New York', rows: [row('Billing', 1, 240), row('voice', 1, 900), row('aux:lunch', 0, null)] },
    { siteId: 'lon', siteName: 'London', rows: [row('Billing', 1, 120), row('voice', 3, 1220 / 3), row('aux:lunch', 0, null)] },
  ];

  it('each reason lists its sites by name, with the site figures', () => {
    const subs = reasonSiteRows(sites, ['handled', 'ahtSeconds']);
    expect(subs['Billing'].map((s) => [s.label, s.row.kpis.handled, s.row.kpis.ahtSeconds])).toEqual([['London', 1, 120], ['New York', 1, 240]]);
    expect(subs['voice'].map((s) => [s.key, s.row.kpis.handled])).toEqual([['lon', 3], ['nyc', 1]]);
  });

  it('an aux reason (time, no contacts) has no site rows in a table of contact figures', () => {
    expect(reasonSiteRows(sites, ['handled', 'ahtSeconds'])['aux:lunch']).toBeUndefined();
  });
});

describe('reason headings', () => {
  it('queue-derived call types read as words; a feed call type and aux reasons as they are', () => {
    expect(['tv-campaign', 'tech-support', 'billing', 'Billing', 'aux:lunch', '(none)'].map(reasonLabel)).toEqual(['Tv campaign', 'Tech support', 'Billing', 'Billing', 'aux:lunch', '(none)']);
  });
});
