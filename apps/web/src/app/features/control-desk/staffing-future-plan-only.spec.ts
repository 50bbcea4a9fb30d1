import type { StaffingRow } from '@floorwatch/contracts';
import { staffingOption, staffingTooltip } from '../../shared/chart-options';

const row = (intervalStart: string, actualAgents: number): StaffingRow => ({
  intervalStart,
  requiredAgents: 100,
  scheduledAgents: 105,
  actualAgents,
  staffingGap: actualAgents - 100,
  scheduleGap: 5,
});

describe('staffing chart: future intervals are plan only, and the tooltip never throws', () => {
  // Chicago 10:00, 10:15 (now), 10:30 (future, nothing on hand yet).
  const rows = [row('2026-12-05T16:00:00.000Z', 95), row('2026-12-05T16:15:00.000Z', 97), row('2026-12-05T16:30:00.000Z', 0)];
  const now = Date.parse('2026-12-05T16:15:00.000Z');
  const opt = staffingOption(rows, 'America/Chicago', now);
  const tooltip = (i: number) => (opt['tooltip'] as { formatter: (p: { dataIndex: number }[]) => string }).formatter([{ dataIndex: i }]);

  it('a past interval shows required, scheduled and on hand', () => {
    expect(tooltip(0)).toBe('10:00<br/>Required 100.0<br/>Scheduled 105.0<br/>On hand 95.0');
  });
  it('a future interval says "plan only" with no on-hand figure or gap', () => {
    expect(tooltip(2)).toBe('10:30 · plan only<br/>Required 100.0<br/>Scheduled 105.0');
    const actual = (opt['series'] as { name: string; data: unknown[] }[]).find((s) => s.name === 'Actual');
    expect(actual?.data).toEqual([95, 97, null]);
  });
  it('missing figures (a row without forecast, an index off the end) read "—" or nothing instead of a TypeError', () => {
    const bare = { ...row('2026-12-05T16:00:00.000Z', 95), requiredAgents: null } as StaffingRow;
    expect(staffingTooltip([bare], 0, ['10:00'], -1)).toBe('10:00<br/>Required —<br/>Scheduled 105.0<br/>On hand 95.0');
    expect(staffingTooltip(rows, 9, [], 1)).toBe('');
  });
});
