import { perDayTarget, targetStatus } from '../targets';
import { actionEffect, effectWindows } from './effect';
import { differenceInDifferences, pooled } from './activity-effect';

const day = (d: string) => Date.parse(`${d}T00:00:00Z`);
const targets = [{ kpi: 'handled' as const, scope: 'team:t1', value: 600, direction: 'higher' as const, amberBand: 30 }];

describe('team (Aspect supervisor): 558 a day → coaching of the two hires → 612 a day', () => {
  it('558 = 8 × 62 + 2 × 31 is −7 % and red against 600 (amber 30)', () => {
    const perDay = 8 * 62 + 2 * 31;
    expect(perDay).toBe(558);
    expect(Math.round((100 * (perDay - 600)) / 600)).toBe(-7);
    expect(targetStatus(perDay, perDayTarget(targets, 'handled', 'team:t1', 1))).toBe('red');
  });

  it('effectiveAt Mon 2026-03-09, L 7 d: handled 2 790 → 3 060, delta +270, improved; pending until 03-16', () => {
    const w = effectWindows(day('2026-03-09') + 5 * 60_000); // floored to the quarter hour
    expect(w.a).toBe(day('2026-03-09'));
    expect(w.before).toEqual({ from: day('2026-03-02'), to: day('2026-03-09') });
    expect(w.after).toEqual({ from: day('2026-03-09'), to: day('2026-03-16') });
    const before = 5 * 558; // five working days
    const after = 5 * (8 * 62 + 2 * 58);
    expect([before, after]).toEqual([2790, 3060]);
    expect(after / 5).toBe(612);
    expect(Math.round((100 * (612 - 600)) / 600)).toBe(2);
    expect(targetStatus(612, perDayTarget(targets, 'handled', 'team:t1', 1))).toBe('green');

    const pending = actionEffect({ before, after, windows: w, asOf: day('2026-03-16') - 1, direction: 'higher' });
    expect(pending).toEqual({ before: 2790, after: null, delta: null, improved: null, effectStatus: 'pending' });
    const done = actionEffect({ before, after, windows: w, asOf: day('2026-03-16'), direction: 'higher' });
    expect(done).toEqual({ before: 2790, after: 3060, delta: 270, improved: true, effectStatus: 'complete' });
  });

  it('per hire handledPerDay 31 → 58 against control (8) 62 → 62: did +27', () => {
    // handledPerDay pools handled / the agent's own working days (here 5 each side).
    const hires = (perDay: number) => [0, 1].map(() => ({ numerator: perDay * 5, denominator: 5 }));
    const control = (perDay: number) => Array.from({ length: 8 }, () => ({ numerator: perDay * 5, denominator: 5 }));
    const r = differenceInDifferences(pooled(hires(31)), pooled(hires(58)), pooled(control(62)), pooled(control(62)));
    expect(r).toEqual({ before: 31, after: 58, delta: 27, controlBefore: 62, controlAfter: 62, did: 27 });
  });

  it('without a target, improved follows the rule: away from a "below" breach', () => {
    const w = effectWindows(day('2026-03-09'));
    expect(actionEffect({ before: 10, after: 8, windows: w, asOf: day('2026-04-01'), breachDirection: 'above' }).improved).toBe(true);
    expect(actionEffect({ before: 10, after: 8, windows: w, asOf: day('2026-04-01') }).improved).toBeNull();
    expect(actionEffect({ before: 10, after: 12, windows: w, asOf: day('2026-04-01'), fcrPendingAfter: 3 }).effectStatus).toBe('pending');
  });
});
