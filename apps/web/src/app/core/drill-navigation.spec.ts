import type { OrgView } from '@floorwatch/contracts';
import { buildCrumbs, drillInto, scopeChain } from './drill';
import { parseViewState, resolvePeriod, toQueryParams, type ViewState } from './url-state';

const org: OrgView = {
  sites: [{ id: 'lon', name: 'London', timezone: 'Europe/London' }],
  teams: [{ id: 't1', name: 'Sales A', siteId: 'lon', leaderUserId: 'lead' }],
  agents: [{ id: 'a7', name: 'Ann Lee', teamId: 't1', siteId: 'lon' }],
  queues: [{ id: 'q1', name: 'Sales voice', channel: 'voice', siteId: 'lon' }],
};
const NOW = new Date('2025-03-05T10:00:00Z'); // a Wednesday

describe('URL state', () => {
  it('reads scope, period, day and grouping from query params and writes them back', () => {
    const s = parseViewState({ scope: 'site:lon', period: 'week', date: '2025-03-05', by: 'team' }, { scope: 'enterprise' });
    expect(s).toEqual({ scope: 'site:lon', period: 'week', date: '2025-03-05', from: null, to: null, by: 'team', up: null });
    expect(parseViewState(toQueryParams(s), { scope: 'enterprise' })).toEqual(s);
  });
  it('falls back to defaults for a bad scope, period or grouping instead of calling the API with it', () => {
    const s = parseViewState({ scope: 'planet:x', period: 'decade', by: 'colour', date: '5 March' }, { scope: 'team:t1', by: 'agent' });
    expect(s).toMatchObject({ scope: 'team:t1', period: 'day', by: 'agent', date: null });
  });
  it('"by=none" in the URL means ungrouped even when the view defaults to a grouping', () => {
    expect(parseViewState({ by: 'none' }, { scope: 'enterprise', by: 'site' }).by).toBeNull();
  });
  it('resolves a week in the site time zone, Monday to Monday', () => {
    // 3 Mar 2025 00:00 Europe/London = 00:00Z (GMT, before the DST change on 30 Mar)
    const p = resolvePeriod({ period: 'week', date: '2025-03-05', from: null, to: null }, 'Europe/London', NOW);
    expect(p).toMatchObject({ from: '2025-03-03T00:00:00.000Z', to: '2025-03-10T00:00:00.000Z', label: 'Week of 3 Mar 2025' });
  });
  it('resolves a day across a DST change as 23 hours', () => {
    // 30 Mar 2025: London springs forward at 01:00 GMT, so the local day is 00:00Z → 23:00Z
    const p = resolvePeriod({ period: 'day', date: '2025-03-30', from: null, to: null }, 'Europe/London', NOW);
    expect(p.from).toBe('2025-03-30T00:00:00.000Z');
    expect(p.to).toBe('2025-03-30T23:00:00.000Z');
  });
  it('"today" is the site-local day', () => {
    // 2025-03-05T23:30Z is 08:30 on the 6th in Tokyo (UTC+9): today there starts at 6 Mar 00:00+09 = 5 Mar 15:00Z
    const late = new Date('2025-03-05T23:30:00Z');
    expect(resolvePeriod({ period: 'day', date: null, from: null, to: null }, 'Asia/Tokyo', late)).toMatchObject({
      from: '2025-03-05T15:00:00.000Z',
      label: 'Today',
    });
  });
});

describe('drill-down navigation', () => {
  const start: ViewState = { scope: 'enterprise', period: 'week', date: '2025-03-05', from: null, to: null, by: 'site', up: null };

  it('walks enterprise → site → team → agent, with breadcrumbs at each step', () => {
    const site = drillInto(start, 'lon');
    expect(site).toEqual({ route: null, state: { ...start, scope: 'site:lon', by: 'team' } });
    const team = drillInto(site!.state, 't1');
    expect(team?.state).toMatchObject({ scope: 'team:t1', by: 'agent' });
    const agent = drillInto(team!.state, 'a7');
    expect(agent).toMatchObject({ route: '/agent', state: { scope: 'agent:a7', by: null, period: 'week' } });

    const crumbs = buildCrumbs(team!.state, org, 'Europe/London', 'enterprise', NOW);
    expect(crumbs.map((c) => c.label)).toEqual(['Enterprise', 'London', 'Sales A']);
    expect(crumbs.map((c) => c.current)).toEqual([false, false, true]);
    // each crumb links back up with that level's default grouping and the same period
    expect(crumbs[0].queryParams).toMatchObject({ scope: 'enterprise', by: 'site', period: 'week', date: '2025-03-05' });
    expect(crumbs[1].queryParams).toMatchObject({ scope: 'site:lon', by: 'team' });
  });

  it('from any level sideways by reason, with a crumb for it; reasons are the end of the road', () => {
    const s: ViewState = { ...start, scope: 'site:lon', by: 'reason' };
    expect(buildCrumbs(s, org, 'Europe/London', 'enterprise', NOW).map((c) => c.label)).toEqual(['Enterprise', 'London', 'by reason']);
    expect(drillInto(s, 'tv-campaign')).toBeNull();
  });

  it('a queue opens by reason', () => {
    expect(drillInto({ ...start, scope: 'site:lon', by: 'queue' }, 'q1')?.state).toMatchObject({ scope: 'queue:q1', by: 'reason' });
    expect(scopeChain('queue:q1', org)).toEqual(['enterprise', 'site:lon', 'queue:q1']);
  });

  it('period → by day → by hour, and the crumbs lead back to the week', () => {
    const byDay: ViewState = { ...start, scope: 'agent:a7', by: 'day' };
    const day = drillInto(byDay, '2025-03-04');
    expect(day?.state).toMatchObject({ period: 'day', date: '2025-03-04', by: 'hour', up: 'week' });
    const crumbs = buildCrumbs(day!.state, org, 'Europe/London', 'team:t1', NOW);
    expect(crumbs.map((c) => c.label)).toEqual(['Sales A', 'Ann Lee', 'Week of 3 Mar 2025', 'Tue 4 Mar 2025', 'by hour of day']);
    expect(crumbs[2].queryParams).toMatchObject({ period: 'week', by: 'day', up: null });
  });

  it('a team leader’s breadcrumbs start at their team, never above it', () => {
    expect(scopeChain('agent:a7', org, 'team:t1')).toEqual(['team:t1', 'agent:a7']);
  });

  it('ignores day keys that are not dates (no drill from a bad row)', () => {
    expect(drillInto({ ...start, by: 'day' }, 'all')).toBeNull();
  });
});
