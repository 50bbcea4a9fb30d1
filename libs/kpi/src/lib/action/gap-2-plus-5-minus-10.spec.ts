import { requiredAgentsErlang } from '../erlang';
import { gapSplit, requiredInHindsight, summarizeGaps } from './gap-decomposition';

describe('gap (Aspect control desk), 80 % in 20 s', () => {
  it('forecast 465 × 180 s (A 93) needs 100; actual 450 × 182 s (A 91) needs 98 in hindsight', () => {
    expect((465 * 180) / 900).toBe(93);
    expect((450 * 182) / 900).toBe(91);
    expect(requiredAgentsErlang(465, 180, 80, 20)).toBe(100);
    expect(requiredInHindsight([{ actualVolume: 450, actualAhtSeconds: 182, forecastAhtSeconds: 180, slTargetPct: 80, slSeconds: 20 }])).toBe(98);
  });

  it('scheduled 105, actual 95: +2 + 5 − 10 = −3; staffingGap −5; over-staffed 1.25 agent-hours', () => {
    const i = { requiredAgents: 100, requiredInHindsight: 98, scheduledAgents: 105, actualAgents: 95 };
    const g = gapSplit(i);
    expect(g).toEqual({ forecastErrorAgents: 2, scheduleGap: 5, attendanceGap: -10, hindsightGap: -3, staffingGap: -5 });
    expect((g.forecastErrorAgents ?? 0) + (g.scheduleGap ?? 0) + g.attendanceGap).toBe(g.hindsightGap);
    const s = summarizeGaps([i]);
    expect(s.overStaffedIntervals).toBe(1);
    expect(s.underStaffedIntervals).toBe(0);
    expect(s.overStaffedAgentHours).toBe(1.25); // 5 × 0.25 h
  });

  it('no handled contacts: forecast AHT stands in; no volume: 0', () => {
    expect(requiredInHindsight([{ actualVolume: 450, actualAhtSeconds: null, forecastAhtSeconds: 182, slTargetPct: 80, slSeconds: 20 }])).toBe(98);
    expect(requiredInHindsight([{ actualVolume: 0, actualAhtSeconds: null, forecastAhtSeconds: null, slTargetPct: 80, slSeconds: 20 }])).toBe(0);
  });

  it('over many intervals: means over those with both requirements, still summing exactly', () => {
    const s = summarizeGaps([
      { requiredAgents: 100, requiredInHindsight: 98, scheduledAgents: 105, actualAgents: 95 },
      { requiredAgents: 10, requiredInHindsight: 12, scheduledAgents: 8, actualAgents: 8 },
      { requiredAgents: null, requiredInHindsight: 5, scheduledAgents: 3, actualAgents: 3 },
    ]);
    expect(s.intervals).toBe(2);
    expect(s.forecastErrorAgents).toBe(0); // (2 − 2) / 2
    expect(s.scheduleGap).toBe(1.5); // (5 − 2) / 2
    expect(s.attendanceGap).toBe(-5); // (−10 + 0) / 2
    expect(s.hindsightGap).toBe(-3.5); // (−3 − 4) / 2
    expect(s.underStaffedIntervals).toBe(1);
    expect(s.underStaffedAgentHours).toBe(0.5);
  });
});
