import type { AgentStateEvent, ScheduleSegment } from '@floorwatch/contracts';
import { RtaTracker, type RtaAgent } from './rta-tracker';

const t = (hhmmss: string): number => Date.parse(`2026-03-02T${hhmmss}Z`);
const iso = (hhmmss: string): string => `2026-03-02T${hhmmss}.000Z`;

const schedule: ScheduleSegment[] = [
  { agentId: 'a1', start: t('09:00:00'), end: t('12:00:00'), activity: 'open' },
  { agentId: 'a1', start: t('12:00:00'), end: t('13:00:00'), activity: 'lunch' },
  { agentId: 'a1', start: t('13:00:00'), end: t('17:00:00'), activity: 'open' },
];

function agent(events: AgentStateEvent[]): RtaAgent {
  return { id: 'a1', teamId: 't1', siteId: 'lon', events, schedule };
}

describe('RtaTracker (threshold 120 s)', () => {
  it('late back from lunch: out from 13:00, exception at 13:02 (13:00 + 120 s), cleared at 13:05 when available', () => {
    const rta = new RtaTracker(120);
    const events: AgentStateEvent[] = [
      { agentId: 'a1', at: t('08:58:00'), state: 'available' },
      { agentId: 'a1', at: t('12:00:00'), state: 'aux:lunch' },
    ];
    const a = agent(events);
    // 12:30: at lunch during lunch — in adherence; the next thing that can change is 13:00 (open starts).
    expect(rta.evaluate(a, t('12:30:00'), t('12:30:00'))).toEqual([]);
    expect(rta.due(t('12:59:59'))).toEqual([]);
    expect(rta.due(t('13:00:00'))).toEqual(['a1']);
    // 13:00: still aux:lunch in open time — out of adherence, but for 0 s < 120 s.
    expect(rta.evaluate(a, t('13:00:00'), t('13:00:00'))).toEqual([]);
    expect(rta.due(t('13:01:59'))).toEqual([]);
    expect(rta.due(t('13:02:00'))).toEqual(['a1']);
    // The timer fires a little late (13:02:00.3); the exception is stamped when the threshold was reached.
    expect(rta.evaluate(a, t('13:02:00') + 300, t('13:02:00') + 300)).toEqual([
      {
        type: 'adherence-exception',
        payload: { at: iso('13:02:00'), agentId: 'a1', teamId: 't1', siteId: 'lon', activity: 'open', state: 'aux:lunch', since: iso('13:00:00') },
      },
    ]);
    expect(rta.openExceptions([a])).toHaveLength(1);
    events.push({ agentId: 'a1', at: t('13:05:00'), state: 'available' });
    expect(rta.evaluate(a, t('13:05:00'), t('13:05:00'))).toEqual([
      {
        type: 'adherence-cleared',
        payload: { at: iso('13:05:00'), agentId: 'a1', teamId: 't1', siteId: 'lon', activity: 'open', state: 'aux:lunch', since: iso('13:00:00') },
      },
    ]);
    expect(rta.openExceptions([a])).toEqual([]);
  });

  it('early log-out: exception at 16:52 (16:50 + 120 s), cleared at 17:00 when the schedule ends', () => {
    const rta = new RtaTracker(120);
    const a = agent([
      { agentId: 'a1', at: t('13:00:00'), state: 'available' },
      { agentId: 'a1', at: t('16:50:00'), state: 'logged_out' },
    ]);
    expect(rta.evaluate(a, t('16:50:00'), t('16:50:00'))).toEqual([]);
    expect(rta.due(t('16:52:00'))).toEqual(['a1']);
    expect(rta.evaluate(a, t('16:52:00'), t('16:52:00')).map((c) => [c.type, c.payload.at])).toEqual([['adherence-exception', iso('16:52:00')]]);
    // The next boundary is the end of the open segment, 17:00.
    expect(rta.due(t('16:59:59'))).toEqual([]);
    expect(rta.due(t('17:00:00'))).toEqual(['a1']);
    expect(rta.evaluate(a, t('17:00:00'), t('17:00:00')).map((c) => [c.type, c.payload.at])).toEqual([['adherence-cleared', iso('17:00:00')]]);
    expect(rta.due(t('23:59:59'))).toEqual([]);
  });

  it('changing from one out-of-adherence state to another keeps the stretch and re-announces the exception', () => {
    const rta = new RtaTracker(120);
    const events: AgentStateEvent[] = [
      { agentId: 'a1', at: t('08:58:00'), state: 'available' },
      { agentId: 'a1', at: t('10:00:00'), state: 'aux:break' },
    ];
    const a = agent(events);
    expect(rta.evaluate(a, t('10:03:00'), t('10:03:00')).map((c) => c.type)).toEqual(['adherence-exception']);
    events.push({ agentId: 'a1', at: t('10:04:00'), state: 'aux:personal' });
    const changes = rta.evaluate(a, t('10:04:00'), t('10:04:00'));
    expect(changes).toEqual([
      {
        type: 'adherence-exception',
        payload: { at: iso('10:04:00'), agentId: 'a1', teamId: 't1', siteId: 'lon', activity: 'open', state: 'aux:personal', since: iso('10:00:00') },
      },
    ]);
  });
});
