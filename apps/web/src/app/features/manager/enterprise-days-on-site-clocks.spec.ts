import type { OrgView } from '@floorwatch/contracts';
import { resolvePeriod } from '../../core/url-state';
import { scopeTimezone } from '../../core/view-state';
import { groupKeyLabel } from '../../shared/time';
import { groupedQuery } from './site-clock';

const org = {
  sites: [
    { id: 'lon', name: 'London', timezone: 'Europe/London' },
    { id: 'chi', name: 'Chicago', timezone: 'America/Chicago' },
  ],
  teams: [], agents: [], queues: [],
} as unknown as OrgView;

describe('manager enterprise by day: each site\'s local days, named by the period\'s UTC-midnight ends', () => {
  // Sat 5 Dec 2026, 11:00 London = 05:00 Chicago; the week is Mon 30 Nov – Sun 6 Dec.
  const now = new Date('2026-12-05T11:00:00Z');
  const tz = scopeTimezone('enterprise', org);
  const period = resolvePeriod({ period: 'week', date: null, from: null, to: null }, tz, now);
  const base = { scope: 'enterprise', from: period.from, to: period.to, tz };

  it('the enterprise of London + Chicago resolves its week in UTC: [30 Nov 00:00Z, 7 Dec 00:00Z), the days 30 Nov … 6 Dec', () => {
    expect(tz).toBe('UTC');
    expect([period.from, period.to]).toEqual(['2026-11-30T00:00:00.000Z', '2026-12-07T00:00:00.000Z']);
  });

  it('by day and by hour go without tz (each site its own clock); by site keeps the period\'s UTC', () => {
    expect(groupedQuery(base, 'day', true)).toEqual({ ...base, by: 'day', tz: null });
    expect(groupedQuery(base, 'hour', true).tz).toBeNull();
    expect(groupedQuery(base, 'site', true).tz).toBe('UTC');
    // One zone only: the site's zone is the period's and is passed as is.
    expect(groupedQuery({ ...base, tz: 'Europe/London' }, 'day', false).tz).toBe('Europe/London');
  });

  it('a day row\'s key is a calendar date, labelled without shifting it: 2026-12-04 → "Fri 4 Dec"', () => {
    expect(groupKeyLabel('day', '2026-12-04', 'UTC')).toBe('Fri 4 Dec');
  });
});
