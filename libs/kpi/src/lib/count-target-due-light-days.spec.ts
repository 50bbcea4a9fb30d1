import type { Target } from '@floorwatch/contracts';
import { countTargetSource, dueDays, normalDayOpenSeconds, scaledCountTarget, type ScheduledDay } from './count-target-due';
import { targetStatus } from './targets';

// Team lon-t01: 412 handled a day. A normal weekday is 10 agents × 7 h open (09–12, 13–17)
// = 10 × 25 200 s = 252 000 s; Saturday is a skeleton crew of 2 (50 400 s); nobody on Sunday.
const team: Target = { kpi: 'handled', scope: 'team:lon-t01', value: 412, direction: 'higher', amberBand: null };
const H7 = 25_200;
const weekday = (day: string, agents = 10): ScheduledDay => ({ day, sourceOpen: agents * H7, rowElapsed: agents * H7 });
const week: ScheduledDay[] = [
  weekday('2026-11-30'),
  weekday('2026-12-01'),
  weekday('2026-12-02'),
  weekday('2026-12-03'),
  weekday('2026-12-04'),
  weekday('2026-12-05', 2),
  { day: '2026-12-06', sourceOpen: 0, rowElapsed: 0 },
];

describe('count targets on lightly staffed days scale with the agent-hours scheduled that day', () => {
  it('a normal day is the median of the days anyone worked: five weekdays of 252 000 s and a 50 400 s Saturday → 252 000', () => {
    expect(normalDayOpenSeconds(week.map((d) => d.sourceOpen))).toBe(252_000);
    // Even count, zeros (days off) left out: [4, 1, 0, 3, 2] → middle two 2 and 3 → 2.5.
    expect(normalDayOpenSeconds([4, 1, 0, 3, 2])).toBe(2.5);
    expect(normalDayOpenSeconds([0, 0])).toBeNull();
  });

  it('the whole week owes 5 weekdays + a Saturday of 2/10 = 5.2 days: 412 × 5.2 = 2 142.4, not 412 × 7 = 2 884', () => {
    const days = dueDays(week, 252_000);
    expect(days).toBeCloseTo(5.2, 9);
    const t = scaledCountTarget(team, 'team:lon-t01', days);
    expect(t?.value).toBeCloseTo(2142.4, 9);
    // Amber band 5 % × 412 = 20.6 a day → 20.6 × 5.2 = 107.12: 2 050 misses by 92.4 → amber.
    expect(t?.amberBand).toBeCloseTo(107.12, 9);
    expect(targetStatus(2050, t)).toBe('amber');
  });

  it('Saturday 11:00, 2 agents 2 h into their 7 h: 412 × (50 400 / 252 000) × (14 400 / 50 400) = 412 × 0.2 × 2/7 = 23.54', () => {
    const saturday: ScheduledDay = { day: '2026-12-05', sourceOpen: 2 * H7, rowElapsed: 2 * 7_200 };
    const t = scaledCountTarget(team, 'team:lon-t01', dueDays([saturday], 252_000));
    expect(t?.value).toBeCloseTo((412 * 0.4) / 7, 9);
    expect(t?.value).toBeCloseTo(23.542857, 5);
    // 20 handled misses 23.54 by 3.54 > 5 % × 23.54 = 1.18 → red; 23 misses by 0.54 → amber.
    expect(targetStatus(20, t)).toBe('red');
    expect(targetStatus(23, t)).toBe('amber');
  });

  it('a day with nobody scheduled has no target (not 412, not a red 0)', () => {
    const sunday = week.filter((d) => d.day === '2026-12-06');
    expect(dueDays(sunday, 252_000)).toBe(0);
    expect(scaledCountTarget(team, 'team:lon-t01', dueDays(sunday, 252_000))).toBeNull();
  });

  it('a day staffed above normal still owes one day: 12 agents on Monday → 412, not 494.4', () => {
    expect(dueDays([weekday('2026-11-30', 12)], 252_000)).toBe(1);
  });

  it('an agent inherits the team target by its share: one of the 2 on Saturday owes 412 × 0.2 × ½ = 41.2, from the team', () => {
    const mine: ScheduledDay = { day: '2026-12-05', sourceOpen: 2 * H7, rowElapsed: H7 };
    const t = scaledCountTarget(team, 'agent:lon-a011', dueDays([mine], 252_000));
    expect(t).toMatchObject({ scope: 'agent:lon-a011', source: 'team:lon-t01' });
    expect(t?.value).toBeCloseTo(41.2, 9);
    // On a weekday one of ten owes 412 × 1 × 25 200 / 252 000 = 41.2 too: ten agents owe the team's 412.
    expect(dueDays([{ day: '2026-12-01', sourceOpen: 252_000, rowElapsed: H7 }], 252_000) * 412).toBeCloseTo(41.2, 9);
  });

  it('the nearest target up the chain applies; a queue takes only its own', () => {
    const site: Target = { ...team, scope: 'site:lon', value: 2000 };
    expect(countTargetSource([team, site], 'handled', ['agent:a1', 'team:lon-t01', 'site:lon', 'enterprise'])).toBe(team);
    expect(countTargetSource([site], 'handled', ['team:lon-t02', 'site:lon', 'enterprise'])).toBe(site);
    expect(countTargetSource([site], 'handled', ['queue:lon-voice', 'site:lon', 'enterprise'])).toBeNull();
    expect(countTargetSource([team], 'adherencePct', ['team:lon-t01'])).toBeNull();
  });
});
