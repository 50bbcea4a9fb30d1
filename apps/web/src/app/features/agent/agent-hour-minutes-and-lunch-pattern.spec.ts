import type { KpiRowWithTargets, Timeline } from '@floorwatch/contracts';
import { hourAdherence, outOfAdherenceOption } from './hour-adherence';
import { recurringPatterns } from '@floorwatch/kpi';

const row = (key: string, scheduledSeconds: number, inAdherenceSeconds: number): KpiRowWithTargets =>
  ({ key, kpis: { scheduledSeconds, inAdherenceSeconds, adherencePct: (100 * inAdherenceSeconds) / scheduledSeconds }, targets: {} }) as unknown as KpiRowWithTargets;

describe('agent by hour: minutes out of adherence point at the lunch return, not the short last half-hour', () => {
  // November, 20 working days: hour 13 is a full hour (60 min/day), 5 min late back from lunch a day
  // → 1 200 scheduled min, 100 out = 91.7 %. Hour 16 is a half-hour (16:00–16:30), 3 min early a day
  // → 600 scheduled min, 60 out = 90.0 %: worse as a %, half the minutes lost.
  const rows = [row('13', 72_000, 66_000), row('16', 36_000, 32_400), row('10', 72_000, 72_000)];
  const hours = hourAdherence(rows, (k) => `${k}:00`);

  it('gives scheduled and out minutes beside the %', () => {
    expect(hours.map((h) => [h.label, h.scheduledMinutes, h.outMinutes])).toEqual([
      ['13:00', 1200, 100],
      ['16:00', 600, 60],
      ['10:00', 1200, 0],
    ]);
    expect(hours[1].pct).toBeCloseTo(90, 5);
    expect(hours[0].pct).toBeCloseTo(91.667, 2);
  });

  it('paints hour 13 red (most minutes lost), not hour 16', () => {
    const data = (outOfAdherenceOption(hours)['series'] as { data: { value: number; itemStyle: { color: string } }[] }[])[0].data;
    expect(data.map((d) => d.value)).toEqual([100, 60, 0]);
    expect(data[0].itemStyle.color).toBe('#c0392b');
    expect(data[1].itemStyle.color).not.toBe('#c0392b');
  });
});

function day(d: string, lateSeconds: number): Timeline {
  const lunchEnd = `${d}T13:00:00.000Z`;
  return {
    agentId: 'lon-a003',
    day: d,
    timezone: 'Europe/London',
    schedule: [
      { start: `${d}T09:00:00.000Z`, end: `${d}T12:30:00.000Z`, activity: 'open' },
      { start: `${d}T12:30:00.000Z`, end: lunchEnd, activity: 'lunch' },
      { start: lunchEnd, end: `${d}T17:00:00.000Z`, activity: 'open' },
    ],
    states: [],
    outOfAdherence: lateSeconds ? [{ start: lunchEnd, end: new Date(Date.parse(lunchEnd) + lateSeconds * 1000).toISOString(), activity: 'open', state: 'aux:lunch' }] : [],
    adherencePct: null,
  };
}

describe('recurring late return from lunch', () => {
  it('flags "back from lunch +4–6 min, 5 of 5 days" over a working week', () => {
    const week = [day('2026-11-30', 240), day('2026-12-01', 300), day('2026-12-02', 360), day('2026-12-03', 270), day('2026-12-04', 330)];
    expect(recurringPatterns(week).map((p) => p.text)).toEqual(['Back from lunch +4–6 min, 5 of 5 days']);
  });
  it('says nothing for one late day in five, or for returns under 2 minutes', () => {
    expect(recurringPatterns([day('2026-11-30', 600), day('2026-12-01', 0), day('2026-12-02', 0), day('2026-12-03', 0), day('2026-12-04', 0)])).toEqual([]);
    expect(recurringPatterns([day('2026-11-30', 60), day('2026-12-01', 90), day('2026-12-02', 100)])).toEqual([]);
  });
});

describe('a lunch still to come today is not judged', () => {
  it('Monday 07:00: last week 4 of 4 late, today\'s 12:30 lunch left out (not "4 of 5")', () => {
    const week = [day('2026-11-24', 300), day('2026-11-25', 300), day('2026-11-26', 240), day('2026-11-27', 330), day('2026-11-30', 0)];
    expect(recurringPatterns(week, Date.parse('2026-11-30T07:00:00Z')).map((p) => p.text)).toEqual(['Back from lunch +4–6 min, 4 of 4 days']);
  });
});
