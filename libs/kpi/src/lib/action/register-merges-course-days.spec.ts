import type { ScheduleSegment } from '@floorwatch/contracts';
import { activityKind, comparisonWindows, registerFromSchedule, workingDays } from './activity-register';

const seg = (day: string, from: string, to: string, activity: string): ScheduleSegment => ({
  agentId: 'a1', start: Date.parse(`${day}T${from}:00Z`), end: Date.parse(`${day}T${to}:00Z`), activity,
});

describe('register: training:objections on Mon and Tue, 2 h each, then again two weeks later', () => {
  const days = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-09', '2026-03-10', '2026-03-16'];
  const schedule: ScheduleSegment[] = days.map((d) => seg(d, '08:00', '16:00', 'open'));
  schedule.push(seg('2026-03-02', '09:00', '11:00', 'training:objections'));
  schedule.push(seg('2026-03-03', '09:00', '11:00', 'training:objections'));
  schedule.push(seg('2026-03-16', '09:00', '10:00', 'training:objections'));
  schedule.push(seg('2026-03-04', '14:00', '14:30', 'coaching'));

  it('merges Mon + Tue into one row of 14 400 s; the 16th is a new row (working days without it between)', () => {
    const rows = registerFromSchedule('a1', schedule, 'UTC');
    expect(rows.map((r) => [r.name, r.kind, r.paidSeconds, new Date(r.start).toISOString().slice(0, 10)])).toEqual([
      ['training:objections', 'training', 7200 + 7200, '2026-03-02'],
      ['coaching', 'coaching', 1800, '2026-03-04'],
      ['training:objections', 'training', 3600, '2026-03-16'],
    ]);
    expect(rows[0].end).toBe(Date.parse('2026-03-03T11:00:00Z'));
  });

  it('kinds and working days', () => {
    expect(activityKind('Training:Objections')).toBe('training');
    expect(activityKind('coaching:acw')).toBe('coaching');
    expect(activityKind('open')).toBeNull();
    expect(workingDays(schedule, 'UTC')).toHaveLength(8);
  });

  it('comparison windows of W = 2 working days around Wed 03-04', () => {
    const w = comparisonWindows(Date.parse('2026-03-04T14:00:00Z'), Date.parse('2026-03-04T14:30:00Z'), workingDays(schedule, 'UTC'), 2, 'UTC');
    expect(w.before).toEqual({ from: Date.parse('2026-03-02T00:00:00Z'), to: Date.parse('2026-03-04T00:00:00Z'), days: 2 });
    expect(w.after).toEqual({ from: Date.parse('2026-03-05T00:00:00Z'), to: Date.parse('2026-03-07T00:00:00Z'), days: 2 });
  });
});
