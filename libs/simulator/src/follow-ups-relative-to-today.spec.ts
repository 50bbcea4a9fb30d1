import { FOLLOW_UPS, generateWorld } from './index';

const DAY = 86_400_000;
// London is on GMT in January: local dates are UTC dates.
const END = Date.parse('2027-01-30T11:00:00Z'); // a Saturday

describe('issue 25 follow-ups: coaching, a course and a forecast miss, placed relative to today', () => {
  const world = generateWorld({ seed: 42, days: 30, endAt: END, agents: 30, sites: ['lon'] });
  const f = world.followUps;
  const handled = world.contacts.filter((c) => c.outcome === 'handled' && c.agentId);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

  it('coaches the two new hires at 07:00 London 14 days before today; their ACW falls from 2.6× to 2.0× (−23 %) over the 7 days after', () => {
    expect(f.coaching).toEqual({ at: Date.parse('2027-01-16T07:00:00Z'), date: '2027-01-16', teamId: 'lon-t01', agentIds: ['lon-a011', 'lon-a012'], acwFactorBefore: 2.6, acwFactorAfter: 2 });
    const at = f.coaching?.at as number;
    const acw = (from: number, to: number) => mean(handled.filter((c) => f.coaching?.agentIds.includes(c.agentId as string) && c.enqueuedAt >= from && c.enqueuedAt < to).map((c) => c.acwSeconds));
    const ratio = acw(at, at + 7 * DAY) / acw(at - 7 * DAY, at);
    // 2.0 / 2.6 = 0.769…; the ACW draws are random, so ± 0.08.
    expect(ratio).toBeGreaterThan(0.69);
    expect(ratio).toBeLessThan(0.85);
  });

  it('books a 4-hour course training:objections 16 days before today for voice agents outside the lead team; their talk time falls by ~15 % after it', () => {
    const course = f.course;
    expect(course).toMatchObject({ name: 'training:objections', date: '2027-01-14', start: Date.parse('2027-01-14T11:30:00Z'), end: Date.parse('2027-01-14T15:30:00Z'), paidSecondsPerAgent: 14_400 });
    // London has one other voice team at 30 agents: its members who work every day of the windows.
    expect(course?.agentIds.length).toBeGreaterThanOrEqual(2);
    expect(course?.teamIds).not.toContain('lon-t01');
    const rows = world.schedule.filter((s) => s.activity === 'training:objections');
    expect(rows.map((r) => r.agentId).sort()).toEqual(course?.agentIds);
    for (const r of rows) expect([r.start, r.end]).toEqual([course?.start, course?.end]);
    // No other row of a trainee overlaps the course.
    for (const r of rows) expect(world.schedule.filter((s) => s.agentId === r.agentId && s !== r && s.start < r.end && s.end > r.start)).toEqual([]);
    const trainees = new Set(course?.agentIds);
    const talk = (from: number, to: number) => mean(handled.filter((c) => trainees.has(c.agentId as string) && c.enqueuedAt >= from && c.enqueuedAt < to).map((c) => c.talkSeconds));
    const end = course?.end as number;
    // London voice comes from queue_log (talk includes hold, which the course leaves alone): ~0.85–0.9.
    expect(talk(end, end + 14 * DAY) / talk(end - 16 * DAY, end - 4 * 3_600_000)).toBeLessThan(0.93);
  });

  it('runs 3 days ago at 1.25 × the forecast volume all day, more than any other day’s noise', () => {
    expect(f.forecastMiss?.date).toBe('2027-01-27');
    const byDay = new Map<string, { actual: number; forecast: number }>();
    for (const r of world.forecasts) {
      if (r.intervalStart >= END - 11 * 3_600_000) continue;
      const d = new Date(r.intervalStart).toISOString().slice(0, 10);
      const x = byDay.get(d) ?? byDay.set(d, { actual: 0, forecast: 0 }).get(d)!;
      x.forecast += r.volume;
    }
    for (const c of world.contacts) {
      const x = byDay.get(new Date(c.enqueuedAt).toISOString().slice(0, 10));
      if (x) x.actual += 1;
    }
    const miss = byDay.get('2027-01-27')!;
    expect(miss.actual / miss.forecast).toBeGreaterThan(1.17);
    // Measured with seed 42: 1.297 on the miss day; the other days' own noise (sd 5 % a day) 0.807–1.127.
    for (const [d, x] of byDay) if (d !== '2027-01-27') expect(x.actual / x.forecast).toBeLessThan(1.15);
  });

  it('has a contact burst at 11:00–11:45 London on today and the live day that takes voice SL red, then back', () => {
    expect(f.liveBurst.windows).toEqual([
      { siteId: 'lon', from: Date.parse('2027-01-30T11:00:00Z'), to: Date.parse('2027-01-30T11:45:00Z') },
      { siteId: 'lon', from: Date.parse('2027-01-31T11:00:00Z'), to: Date.parse('2027-01-31T11:45:00Z') },
    ]);
    expect(FOLLOW_UPS.liveBurst.volumeFactor).toBe(1.8);
    // Voice service level (answered within 20 s / offered) in the live stream: red in the burst,
    // back in the hour after it (the demo's SL rule, 30-minute window, opens and then resolves).
    const sl = (from: number, to: number) => {
      const voice = world.future.contacts.filter((c) => c.channel === 'voice' && c.enqueuedAt >= from && c.enqueuedAt < to);
      return voice.filter((c) => c.outcome === 'handled' && c.waitSeconds <= 20).length / voice.length;
    };
    const [today] = f.liveBurst.windows;
    const before = sl(today.from - 3_600_000, today.from);
    const during = sl(today.from + 15 * 60_000, today.to);
    const after = sl(today.to + 30 * 60_000, today.to + 90 * 60_000);
    // Measured (seed 42): 84.6 % in the hour before, 29.1 % in 11:15–11:45, 80.0 % in 12:15–13:15.
    expect(during).toBeLessThan(before - 0.2);
    expect(after).toBeGreaterThan(during + 0.2);
  });

  it('plants nothing that needs more history than a short world has', () => {
    const short = generateWorld({ seed: 42, days: 5, endAt: END, agents: 30, sites: ['lon'] });
    expect(short.followUps.coaching).toBeNull();
    expect(short.followUps.course).toBeNull();
    expect(short.followUps.forecastMiss?.date).toBe('2027-01-27');
  });
});
