import { detectRtaExceptions, buildTimeline } from './rta';
import { at, ev, seg } from '../testing/fixtures';

const schedule = [
  seg('a1', '2024-05-01T09:00:00Z', '2024-05-01T12:30:00Z', 'open'),
  seg('a1', '2024-05-01T12:30:00Z', '2024-05-01T13:00:00Z', 'lunch'),
  seg('a1', '2024-05-01T13:00:00Z', '2024-05-01T17:00:00Z', 'open'),
];
const events = [
  ev('a1', '2024-05-01T09:00:00Z', 'available'),
  ev('a1', '2024-05-01T10:00:00Z', 'aux:break'), // unscheduled break 10:00–10:01 (60 s)
  ev('a1', '2024-05-01T10:01:00Z', 'available'),
  ev('a1', '2024-05-01T12:30:00Z', 'aux:lunch'),
  ev('a1', '2024-05-01T13:04:00Z', 'available'),
];

describe('real-time adherence exceptions', () => {
  it('raises once the agent is out for ≥ 120 s, since the schedule moved on at 13:00', () => {
    expect(detectRtaExceptions(schedule, events, at('2024-05-01T13:01:59Z'))).toEqual([]);
    expect(detectRtaExceptions(schedule, events, at('2024-05-01T13:03:00Z'))).toEqual([
      { agentId: 'a1', activity: 'open', state: 'aux:lunch', since: at('2024-05-01T13:00:00Z'), seconds: 180 },
    ]);
  });

  it('clears when the agent is back, and a 60 s blip never raises', () => {
    expect(detectRtaExceptions(schedule, events, at('2024-05-01T13:04:00Z'))).toEqual([]);
    expect(detectRtaExceptions(schedule, events, at('2024-05-01T10:00:59Z'))).toEqual([]);
  });

  it('an agent who never logged in is out from the start of the shift as logged_out', () => {
    const other = [seg('a2', '2024-05-01T09:00:00Z', '2024-05-01T17:00:00Z', 'open')];
    expect(detectRtaExceptions(other, [], at('2024-05-01T09:05:00Z'))).toEqual([
      { agentId: 'a2', activity: 'open', state: 'logged_out', since: at('2024-05-01T09:00:00Z'), seconds: 300 },
    ]);
  });
});

describe('agent day timeline', () => {
  const tl = buildTimeline(schedule, events, at('2024-05-01T00:00:00Z'), at('2024-05-02T00:00:00Z'), at('2024-05-01T15:00:00Z'));

  it('lists every out-of-adherence stretch', () => {
    expect(tl.outOfAdherence).toEqual([
      { start: at('2024-05-01T10:00:00Z'), end: at('2024-05-01T10:01:00Z'), activity: 'open', state: 'aux:break' },
      { start: at('2024-05-01T13:00:00Z'), end: at('2024-05-01T13:04:00Z'), activity: 'open', state: 'aux:lunch' },
    ]);
  });

  it('adherence up to asOf = 100 × (21 600 − 60 − 240) / 21 600; the whole schedule is shown', () => {
    expect(tl.scheduledSeconds).toBe(21_600);
    expect(tl.adherencePct).toBeCloseTo((100 * 21_300) / 21_600, 10);
    expect(tl.schedule).toHaveLength(3);
    expect(tl.states[tl.states.length - 1]).toEqual({ agentId: 'a1', start: at('2024-05-01T13:04:00Z'), end: at('2024-05-01T15:00:00Z'), state: 'available' });
  });

  it('refuses records of more than one agent', () => {
    expect(() => buildTimeline(schedule, [ev('a2', '2024-05-01T09:00:00Z', 'available')], 0, 1, 1)).toThrow(/one agent's records, got agents a1, a2/);
  });
});
