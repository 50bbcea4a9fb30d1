import { TZDate } from '@date-fns/tz';
import type { AgentStateEvent, ScheduleSegment } from '@floorwatch/contracts';
import { computeKpis } from './compute-kpis';
import { input } from '../testing/fixtures';

// Seed: agent a1 (London) back from lunch 5 minutes late every day, 28 March – 3 April 2024;
// UK clocks go forward on 31 March, so 13:00 local is 13:00 UTC before and 12:00 UTC after.
const local = (day: string, hh: number, mm = 0): number =>
  new TZDate(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)), hh, mm, 0, 'Europe/London').getTime();
const days = ['2024-03-28', '2024-03-29', '2024-03-30', '2024-03-31', '2024-04-01', '2024-04-02', '2024-04-03'];
const schedule: ScheduleSegment[] = [];
const stateEvents: AgentStateEvent[] = [];
for (const d of days) {
  schedule.push({ agentId: 'a1', start: local(d, 9), end: local(d, 12), activity: 'open' });
  schedule.push({ agentId: 'a1', start: local(d, 12), end: local(d, 13), activity: 'lunch' });
  schedule.push({ agentId: 'a1', start: local(d, 13), end: local(d, 17), activity: 'open' });
  stateEvents.push({ agentId: 'a1', at: local(d, 9), state: 'available' });
  stateEvents.push({ agentId: 'a1', at: local(d, 12), state: 'aux:lunch' });
  stateEvents.push({ agentId: 'a1', at: local(d, 13, 5), state: 'available' });
  stateEvents.push({ agentId: 'a1', at: local(d, 17), state: 'logged_out' });
}
const from = local('2024-03-28', 0);
const to = local('2024-04-04', 0);

describe('late back from lunch every day, across the March DST change', () => {
  const rows = computeKpis(input({ schedule, stateEvents }), { from, to, asOf: to, scope: { kind: 'site', id: 'lon' }, by: 'hour' });

  it('shows only at hour 13 local, 7 days × 300 s', () => {
    const h13 = rows.find((r) => r.key === '13');
    expect(h13?.kpis.scheduledSeconds).toBe(7 * 3600);
    expect(h13?.kpis.inAdherenceSeconds).toBe(7 * 3600 - 7 * 300);
    expect(h13?.kpis.adherencePct).toBeCloseTo((100 * (25_200 - 2_100)) / 25_200, 10); // 91.67
    for (const r of rows.filter((x) => x.key !== '13' && x.kpis.scheduledSeconds)) expect(r.kpis.adherencePct).toBe(100);
    expect(rows.map((r) => r.key)).toEqual(['09', '10', '11', '12', '13', '14', '15', '16']);
  });

  it('by UTC hour the lateness moves from 13 to 12 on 31 March', () => {
    const utc = computeKpis(input({ schedule, stateEvents }), { from, to, asOf: to, scope: { kind: 'site', id: 'lon' }, by: 'hour', tz: 'UTC' });
    // 28–30 March late at 13:00 UTC (3 days), 31 March – 3 April late at 12:00 UTC (4 days)
    expect(utc.find((r) => r.key === '13')?.kpis.inAdherenceSeconds).toBe(7 * 3600 - 3 * 300);
    expect(utc.find((r) => r.key === '12')?.kpis.inAdherenceSeconds).toBe(7 * 3600 - 4 * 300);
  });

  it('by day keys local dates; 31 March is a 23-hour day but holds the whole shift', () => {
    const byDay = computeKpis(input({ schedule, stateEvents }), { from, to, asOf: to, scope: { kind: 'site', id: 'lon' }, by: 'day' });
    expect(byDay.map((r) => r.key)).toEqual(days);
    for (const r of byDay) expect(r.kpis.adherencePct).toBeCloseTo((100 * (8 * 3600 - 300)) / (8 * 3600), 10);
  });

  it('enterprise day grouping defaults to UTC', () => {
    // 28 March local 00:00 is 00:00 UTC, but after the change local days start at 23:00 UTC the day before
    const byDay = computeKpis(input({ schedule, stateEvents }), { from, to, asOf: to, scope: { kind: 'enterprise' }, by: 'day' });
    expect(byDay.map((r) => r.key)).toEqual(days);
    const tz = computeKpis(input({ schedule, stateEvents }), { from: local('2024-04-01', 0), to, asOf: to, scope: { kind: 'enterprise' }, by: 'day', tz: 'Asia/Tokyo' });
    // 09:00–17:00 London (UTC+1) is 17:00–01:00 Tokyo: each shift spans two Tokyo days
    expect(tz.map((r) => r.key)).toEqual(['2024-04-01', '2024-04-02', '2024-04-03', '2024-04-04']);
  });
});
