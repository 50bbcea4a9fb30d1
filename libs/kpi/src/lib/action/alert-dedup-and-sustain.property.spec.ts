import fc from 'fast-check';
import type { TargetStatus } from '@floorwatch/contracts';
import { evaluateAlertSeries, INITIAL_ALERT_STATE, stepAlert, tickVerdict, type AlertTick } from './alerts';

const STATUSES: TargetStatus[] = ['green', 'amber', 'red', 'none'];
const series = fc.array(fc.constantFrom(...STATUSES), { maxLength: 200 }).map((ss) =>
  ss.map((status, i): AlertTick => ({ t: i * 60_000, value: status === 'none' ? null : 1, status })),
);
const timing = fc.record({ sustainMinutes: fc.integer({ min: 0, max: 20 }), clearMinutes: fc.integer({ min: 0, max: 20 }) });

describe('alert evaluation, any tick series (property)', () => {
  it('at most one instance at a time; each opens after ≥ sustain minutes of breach and resolves after ≥ clear minutes of green', () => {
    fc.assert(
      fc.property(series, timing, fc.constantFrom<'red' | 'amber'>('red', 'amber'), (ticks, tm, status) => {
        const cond = { status } as const;
        const { instances } = evaluateAlertSeries(ticks, cond, tm);
        for (let i = 0; i < instances.length; i++) {
          const inst = instances[i];
          // De-duplication: the previous one was resolved before this one opened.
          if (i > 0) expect(instances[i - 1].resolvedAt).not.toBeNull();
          if (i > 0) expect(inst.openedAt).toBeGreaterThan(instances[i - 1].resolvedAt as number);
          const idx = inst.openedAt / 60_000;
          for (let k = idx - tm.sustainMinutes; k <= idx; k++) expect(tickVerdict(cond, ticks[k].value, ticks[k].status)).toBe('breach');
          if (inst.resolvedAt !== null) {
            const r = inst.resolvedAt / 60_000;
            for (let k = r - tm.clearMinutes; k <= r; k++) expect(ticks[k].status).toBe('green');
          }
        }
        // Only the last may still be open.
        instances.slice(0, -1).forEach((x) => expect(x.resolvedAt).not.toBeNull());
      }),
      { numRuns: 300 },
    );
  });

  it('replay of a series equals stepping it tick by tick (live evaluation), split anywhere', () => {
    fc.assert(
      fc.property(series, timing, fc.nat(), (ticks, tm, cut) => {
        const cond = { status: 'red' } as const;
        const whole = evaluateAlertSeries(ticks, cond, tm);
        const at = ticks.length ? cut % ticks.length : 0;
        const first = evaluateAlertSeries(ticks.slice(0, at), cond, tm);
        const rest = evaluateAlertSeries(ticks.slice(at), cond, tm, first.state);
        let state = INITIAL_ALERT_STATE;
        const opens: number[] = [];
        for (const tick of ticks) {
          const r = stepAlert(state, tick, cond, tm);
          state = r.state;
          if (r.event?.type === 'open') opens.push(r.event.at);
        }
        expect(whole.instances.map((x) => x.openedAt)).toEqual(opens);
        expect([...first.instances, ...rest.instances].map((x) => x.openedAt)).toEqual(opens);
      }),
      { numRuns: 300 },
    );
  });
});
