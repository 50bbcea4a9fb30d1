import type { StaffingRow } from '@floorwatch/contracts';
import { focusRow } from './staffing-helpers';

const row = (intervalStart: string, actualAgents: number): StaffingRow => ({
  intervalStart,
  requiredAgents: 100,
  scheduledAgents: 105,
  actualAgents,
  staffingGap: actualAgents - 100,
  scheduleGap: 5,
});

describe('site detail: the interval shown', () => {
  const at10 = Date.parse('2026-11-25T16:00:00.000Z'); // 10:00 in Chicago
  const at1015 = Date.parse('2026-11-25T16:15:00.000Z'); // the current interval
  const live = row('2026-11-25T16:15:00.000Z', 97);
  const day = [row('2026-11-25T15:45:00.000Z', 99), row('2026-11-25T16:00:00.000Z', 95), live];

  it('shows the picked 10:00 once the day is loaded, not the current 10:15', () => {
    expect(focusRow(day, at10, at1015, true)?.actualAgents).toBe(95);
  });
  it('waits while only the live row is known, rather than show 10:15 under a 10:00 link', () => {
    expect(focusRow([live], at10, at1015, false)).toBeNull();
  });
  it('without a pick shows the current interval, else the last one', () => {
    expect(focusRow([live], null, at1015, false)?.intervalStart).toBe('2026-11-25T16:15:00.000Z');
    expect(focusRow(day.slice(0, 2), null, at1015, true)?.intervalStart).toBe('2026-11-25T16:00:00.000Z');
  });
  it('falls back to the last row when a loaded day has no such interval', () => {
    expect(focusRow(day, Date.parse('2026-11-25T23:00:00.000Z'), at1015, true)?.intervalStart).toBe('2026-11-25T16:15:00.000Z');
  });
});
