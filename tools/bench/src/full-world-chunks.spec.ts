import { generateWorld } from '@floorwatch/simulator';
import { dayList, fullWorldChunks, type FullWorldChunk } from './full-world';

jest.setTimeout(60_000);

describe('full-size world generator', () => {
  it('lists the days ending with the last one, across a month end', () => {
    expect(dayList('2024-06-02', 4)).toEqual(['2024-05-30', '2024-05-31', '2024-06-01', '2024-06-02']);
  });

  // 60 agents, 5 days, 120 agent-days a chunk → floor(120 / 60) = 2 days a chunk: 2 + 2 + 1.
  const chunks: FullWorldChunk[] = [...fullWorldChunks({ agents: 60, days: 5, lastDay: '2024-06-12', seed: 3, chunkAgentDays: 120 }, 'salt')];

  it('cuts the days into chunks of whole days, each day once, in order', () => {
    expect(chunks.map((c) => c.days)).toEqual([['2024-06-08', '2024-06-09'], ['2024-06-10', '2024-06-11'], ['2024-06-12']]);
  });

  it('keeps one org across chunks (ids, teams and sites depend on the agent count only)', () => {
    const shape = (c: FullWorldChunk) => JSON.stringify(c.org.agents.map((a) => [a.id, a.teamId, a.siteId]));
    expect(new Set(chunks.map(shape)).size).toBe(1);
    expect(chunks[0].org.agents).toHaveLength(60);
  });

  it('gives every contact a natural key no other chunk has, and hashes customer keys (64 hex digits)', () => {
    const keys = chunks.flatMap((c) => c.contacts.map((x) => `${x.source}|${x.contactId}#${x.segmentId}`));
    expect(new Set(keys).size).toBe(keys.length);
    const customers = chunks.flatMap((c) => c.contacts.map((x) => x.customerKey)).filter((k): k is string => k !== null);
    expect(customers.length).toBeGreaterThan(0);
    expect(customers.every((k) => /^[0-9a-f]{64}$/.test(k))).toBe(true);
  });

  it("holds a chunk's whole days: history plus the simulator's future, as generateWorld of those days gives them", () => {
    // The last chunk is one day: generateWorld of that day alone, ended at 12:00 UTC, no live days.
    const last = chunks[2];
    const w = generateWorld({ seed: 3 * 10_007 + 2, days: 0, endAt: Date.parse('2024-06-12T12:00:00Z'), agents: 60, liveDays: 0 });
    expect(last.contacts).toHaveLength(w.contacts.length + w.future.contacts.length);
    expect(last.states).toHaveLength(w.stateEvents.length + w.future.stateEvents.length);
    expect(last.schedule).toHaveLength(w.schedule.length);
  });

  it('writes no state event or schedule segment twice across chunks (agent, time, state / activity)', () => {
    const states = chunks.flatMap((c) => c.states.map((e) => `${e.agentId}|${e.at}|${e.state}`));
    expect(new Set(states).size).toBe(states.length);
    const segments = chunks.flatMap((c) => c.schedule.map((s) => `${s.agentId}|${s.start}|${s.activity}`));
    expect(new Set(segments).size).toBe(segments.length);
    const forecasts = chunks.flatMap((c) => c.forecasts.map((f) => `${f.siteId}|${f.queueId}|${f.intervalStart}`));
    expect(new Set(forecasts).size).toBe(forecasts.length);
  });
});
