import type { Timeline } from '@floorwatch/contracts';
import { readableFieldMessage } from '../core/api/org-api';
import { layoutTimeline } from '../features/agent/timeline-lanes';

describe('no API field names or clipped durations on screen', () => {
  it('names the field as the form does', () => {
    expect(readableFieldMessage('agentId: is required for the agent role')).toBe('Agent is required for the agent role');
    expect(readableFieldMessage('kpi: must be one of a, b; value: must be a number')).toBe('KPI must be one of a, b; Target must be a number');
    expect(readableFieldMessage('Wrong username or password.')).toBe('Wrong username or password.');
  });

  it('a logged-out bar clipped at the left edge still says its whole length in the tooltip', () => {
    const t: Timeline = {
      agentId: 'a', day: '2026-12-04', timezone: 'UTC', adherencePct: null, outOfAdherence: [],
      schedule: [{ start: '2026-12-04T08:00:00.000Z', end: '2026-12-04T16:30:00.000Z', activity: 'open' }],
      states: [
        { start: '2026-12-04T00:00:00.000Z', end: '2026-12-04T07:58:00.000Z', state: 'logged_out' },
        { start: '2026-12-04T07:58:00.000Z', end: '2026-12-04T16:30:00.000Z', state: 'available' },
      ],
    };
    const lanes = layoutTimeline(t);
    // The view starts at 07:00 (07:58 − 30 min, floored to the hour); the bar shows 07:00–07:58
    // but lasted 00:00–07:58 = 7 h 58 m.
    expect(lanes?.states[0].title).toBe('Logged out: 00:00–07:58 (7 h 58 m)');
  });
});
