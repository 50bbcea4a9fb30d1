import type { GapRowView } from '../../../core/api/action-api';
import { gapRowFor } from './gap-decomposition';

// spec/action.md: requiredInHindsight is null until the interval ends, and the desk opens on the
// running interval. Rows 12:30 and 12:45 have ended (12:30: 2 + 5 − 10 = −3, the worked
// example's split); 13:00 runs at 13:07 and has no hindsight yet.
const row = (key: string, hindsight: number | null, parts: [number, number, number] | null): GapRowView => ({
  key, requiredAgents: 100, requiredInHindsight: hindsight, scheduledAgents: 105, actualAgents: 95,
  forecastErrorAgents: parts?.[0] ?? null, scheduleGap: parts?.[1] ?? null, attendanceGap: parts?.[2] ?? -10, hindsightGap: parts ? parts[0] + parts[1] + parts[2] : null,
});
const ROWS = [row('2026-12-05T12:45:00.000Z', 99, [1, 5, -10]), row('2026-12-05T12:30:00.000Z', 98, [2, 5, -10]), row('2026-12-05T13:00:00.000Z', null, null)];
const NOW = Date.parse('2026-12-05T13:07:00Z');

describe('gap decomposition of the picked interval', () => {
  it('an ended interval shows its own split: 12:30 is +2 + 5 − 10 = −3', () => {
    expect(gapRowFor(ROWS, '2026-12-05T12:30:00.000Z', NOW)).toMatchObject({ key: '2026-12-05T12:30:00.000Z', hindsightGap: -3 });
  });

  it('the running 13:00 interval shows the last ended one, 12:45 (+1 + 5 − 10 = −4), whatever the row order', () => {
    expect(gapRowFor(ROWS, '2026-12-05T13:00:00.000Z', NOW)).toMatchObject({ key: '2026-12-05T12:45:00.000Z', hindsightGap: -4 });
    expect(gapRowFor([...ROWS].reverse(), '2026-12-05T13:00:00.000Z', NOW)?.key).toBe('2026-12-05T12:45:00.000Z');
  });

  it('an ended interval without hindsight (no forecast) stays itself: no borrowed numbers; nothing picked, nothing shown', () => {
    const noForecast = [...ROWS, row('2026-12-05T11:00:00.000Z', null, null)];
    expect(gapRowFor(noForecast, '2026-12-05T11:00:00.000Z', NOW)).toMatchObject({ key: '2026-12-05T11:00:00.000Z', hindsightGap: null });
    expect(gapRowFor(ROWS, null, NOW)).toBeNull();
  });
});
