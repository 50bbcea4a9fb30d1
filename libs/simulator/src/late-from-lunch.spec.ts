import { TZDate } from '@date-fns/tz';
import { SCENARIOS, generateWorld } from './index';
import { inAdherence, overlap, segmentsOf, toIntervals } from './testing/helpers';

// Friday 30 Oct 2026; 7 days back reaches Fri 23 Oct, before the UK clocks went back on 25 Oct.
const END = Date.parse('2026-10-30T18:00:00Z');
const HOUR = 3_600_000;

describe('scenario 1: the demo agent is back from lunch ~5 minutes late every working day', () => {
  const world = generateWorld({ seed: 42, days: 7, endAt: END, agents: 40, sites: ['lon'] });
  const agentId = SCENARIOS.lateFromLunch.agentId;
  const lunches = segmentsOf(world.schedule, agentId).filter((s) => s.activity === 'lunch' && s.end < END);
  const events = world.stateEvents.filter((e) => e.agentId === agentId);

  it('is the demo user `agent`, at London', () => {
    const user = world.users.find((u) => u.username === 'agent');
    expect(user?.agentId).toBe(agentId);
    expect(user?.password).toBe('floorwatch');
    expect(world.org.agents.find((a) => a.id === agentId)?.siteId).toBe('lon');
  });

  it('returns 4–6 minutes after the 12:30–13:00 lunch, in local time across the DST change', () => {
    // Working days Fri 23, Mon 26 … Fri 30 October: 6 lunches.
    expect(lunches).toHaveLength(6);
    const delays = lunches.map((l) => {
      const local = (ms: number) => new TZDate(ms, 'Europe/London');
      expect([local(l.start).getHours(), local(l.start).getMinutes(), local(l.end).getHours(), local(l.end).getMinutes()]).toEqual([12, 30, 13, 0]);
      const back = events.find((e, i) => i > 0 && events[i - 1].state === 'aux:lunch' && e.at >= l.start && e.at < l.end + 3_600_000);
      expect(back?.state).not.toBe('aux:lunch');
      return ((back?.at ?? 0) - l.end) / 1000;
    });
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(240);
      expect(d).toBeLessThanOrEqual(360);
    }
    const mean = delays.reduce((s, d) => s + d, 0) / delays.length;
    expect(mean).toBeGreaterThanOrEqual(240);
    expect(mean).toBeLessThanOrEqual(360);
    // Same local 13:00, different UTC hour: 12:00Z in BST (23 Oct), 13:00Z in GMT (26 Oct on).
    expect(new Date(lunches[0].end).getUTCHours()).toBe(12);
    expect(new Date(lunches[1].end).getUTCHours()).toBe(13);
    expect(world.scenarios.lateFromLunch?.delaysSeconds.map((d) => d.seconds)).toEqual(delays);
  });

  it('makes hour 13 the worst hour of adherence', () => {
    const intervals = toIntervals(world.stateEvents, END).get(agentId) ?? [];
    const sched = new Map<number, number>();
    const inAdh = new Map<number, number>();
    for (const seg of segmentsOf(world.schedule, agentId)) {
      if (seg.end > END) continue;
      for (let h = Math.floor(seg.start / HOUR) * HOUR; h < seg.end; h += HOUR) {
        // London offsets are whole hours, so UTC hour boundaries are local hour boundaries.
        const a = Math.max(seg.start, h);
        const b = Math.min(seg.end, h + HOUR);
        const hour = new TZDate(a, 'Europe/London').getHours();
        sched.set(hour, (sched.get(hour) ?? 0) + (b - a));
        let ok = 0;
        for (const i of intervals) if (inAdherence(seg.activity, i.state)) ok += overlap(i.start, i.end, a, b);
        inAdh.set(hour, (inAdh.get(hour) ?? 0) + ok);
      }
    }
    const pct = new Map([...sched].map(([h, s]) => [h, (100 * (inAdh.get(h) ?? 0)) / s]));
    const worst = [...pct].sort((a, b) => a[1] - b[1])[0];
    expect(worst[0]).toBe(13);
    // ~5 of 60 scheduled minutes lost each day: about 100 × 55/60 = 91.7%.
    expect(pct.get(13)).toBeGreaterThan(88);
    expect(pct.get(13)).toBeLessThan(94);
  });
});
