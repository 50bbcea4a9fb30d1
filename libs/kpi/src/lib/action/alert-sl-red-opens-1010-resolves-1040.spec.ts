import type { TargetStatus } from '@floorwatch/contracts';
import { alertWindowRange, evaluateAlertSeries, resolveByHand, stepAlert, tickVerdict, INITIAL_ALERT_STATE } from './alerts';
import type { AlertTick } from './alerts';

const T = (hhmm: string) => Date.parse(`2026-03-09T${hhmm}:00Z`);

/** action.md worked example: red 10:00–10:19, amber 10:20–10:24, green from 10:25 to 11:00. */
function series(): AlertTick[] {
  const ticks: AlertTick[] = [];
  for (let m = 0; m <= 60; m++) {
    const status: TargetStatus = m < 20 ? 'red' : m < 25 ? 'amber' : 'green';
    ticks.push({ t: T('10:00') + m * 60_000, value: status === 'red' ? 70 : status === 'amber' ? 77 : 85, status });
  }
  return ticks;
}
const rule = { condition: { status: 'red' } as const, timing: { sustainMinutes: 10, clearMinutes: 15 } };

describe('alert: serviceLevelPct red on site s1, sustain 10, clear 15', () => {
  it('opens once at 10:10 though red to 10:19, and auto-resolves at 10:40 (1 800 s open)', () => {
    const { instances } = evaluateAlertSeries(series(), rule.condition, rule.timing);
    expect(instances).toHaveLength(1);
    expect(instances[0].openedAt).toBe(T('10:10'));
    expect(instances[0].valueAtOpen).toBe(70);
    // green from 10:25; 10:40 − 10:25 = 15 min; amber 10:20–10:24 is a dead band, not a clear.
    expect(instances[0].resolvedAt).toBe(T('10:40'));
    expect(((instances[0].resolvedAt ?? 0) - instances[0].openedAt) / 1000).toBe(1800);
    expect(instances[0].lastValue).toBe(85);
  });

  it('acknowledging at 10:12 (120 s after open) changes nothing in the evaluation', () => {
    // Acknowledge is a status change held by the caller; the evaluator state stays open.
    const opened = series().filter((x) => x.t <= T('10:12'));
    const { state } = evaluateAlertSeries(opened, rule.condition, rule.timing);
    expect(state.open?.openedAt).toBe(T('10:10'));
    expect((T('10:12') - T('10:10')) / 1000).toBe(120);
  });

  it('a null tick restarts the breach clock: red 10:00–10:19 with 10:05 null opens at 10:16', () => {
    const ticks = series().map((x) => (x.t === T('10:05') ? { ...x, value: null, status: 'none' as const } : x));
    const { instances } = evaluateAlertSeries(ticks, rule.condition, rule.timing);
    expect(instances[0].openedAt).toBe(T('10:16')); // run restarts 10:06; 10:06 + 10 min
  });

  it('after a hand resolve at 10:15 while still red, no new instance until a breach run starting after it', () => {
    let state = INITIAL_ALERT_STATE;
    const events: string[] = [];
    for (const tick of series()) {
      const r = stepAlert(state, tick, rule.condition, rule.timing);
      state = r.state;
      if (r.event) events.push(`${r.event.type}@${new Date(r.event.at).toISOString().slice(11, 16)}`);
      if (tick.t === T('10:15')) state = resolveByHand(state, tick.t);
    }
    expect(events).toEqual(['open@10:10']);
  });

  it('threshold rule staffingGap <= -5: clears when the condition is false', () => {
    const c = { op: '<=', value: -5 } as const;
    expect(tickVerdict(c, -5, 'none')).toBe('breach');
    expect(tickVerdict(c, -4.9, 'none')).toBe('clear');
    expect(tickVerdict(c, null, 'none')).toBe('neither');
    expect(tickVerdict({ status: 'amber' }, 1, 'amber')).toBe('breach');
    expect(tickVerdict({ status: 'red' }, 1, 'amber')).toBe('neither');
  });

  it('windows: 30 minutes, 2 whole quarter hours, today', () => {
    expect(alertWindowRange({ minutes: 30 }, T('10:10'), 0)).toEqual({ from: T('09:40'), to: T('10:10') });
    expect(alertWindowRange({ intervals: 2 }, T('10:10'), 0)).toEqual({ from: T('09:30'), to: T('10:00') });
    expect(alertWindowRange('today', T('10:10'), T('00:00'))).toEqual({ from: T('00:00'), to: T('10:10') });
  });
});
