import type { Target } from '@floorwatch/contracts';
import { perDayTarget, targetStatus } from './targets';

const teamTarget: Target = { kpi: 'handled', scope: 'team:lon-t01', value: 412, direction: 'higher', amberBand: null };

describe('calls-handled target is per day and per scope', () => {
  it('scales a team target to the window: 12 days × 412 = 4 944, amber band 5% × 4 944 = 247.2', () => {
    const t = perDayTarget([teamTarget], 'handled', 'team:lon-t01', 12);
    expect(t?.value).toBe(4944);
    expect(t?.amberBand).toBeCloseTo(247.2, 9);
    // 4 552 handled misses by 392 > 247.2 → red; 4 700 misses by 244 ≤ 247.2 → amber.
    expect(targetStatus(4552, t)).toBe('red');
    expect(targetStatus(4700, t)).toBe('amber');
    expect(targetStatus(4944, t)).toBe('green');
  });

  it('a team 7% under its daily target for one day is red: 383 vs 412 misses by 29 > 20.6', () => {
    const t = perDayTarget([teamTarget], 'handled', 'team:lon-t01', 1);
    expect(targetStatus(383, t)).toBe('red');
  });

  it('does not hand the team target down to its agents, nor to rows shorter than a day', () => {
    expect(perDayTarget([teamTarget], 'handled', 'agent:lon-a011', 1)).toBeNull();
    expect(perDayTarget([teamTarget], 'handled', 'team:lon-t01', 0)).toBeNull();
  });

  it('a day still running is pro-rated: at 11:00 with 40 % of the day\'s scheduled open time gone, 412 × 0.4 = 164.8', () => {
    const t = perDayTarget([teamTarget], 'handled', 'team:lon-t01', 0.4);
    expect(t?.value).toBeCloseTo(164.8, 9);
    // 137 handled misses 164.8 by 27.8 > 5 % × 164.8 = 8.24 → red; 160 misses by 4.8 → amber.
    expect(targetStatus(137, t)).toBe('red');
    expect(targetStatus(160, t)).toBe('amber');
  });
});
