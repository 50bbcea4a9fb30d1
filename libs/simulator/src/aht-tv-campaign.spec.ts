import { SCENARIOS, generateWorld } from './index';

const END = Date.parse('2026-11-25T15:00:00Z');

describe('scenario 3: enterprise AHT is red because of the tv-campaign call type', () => {
  const world = generateWorld({ seed: 42, days: 3, endAt: END, agents: 150 });
  const handled = world.contacts.filter((c) => c.outcome === 'handled');
  const aht = (list: typeof handled) => list.reduce((s, c) => s + c.talkSeconds + c.holdSeconds + c.acwSeconds, 0) / list.length;

  it('has tv-campaign queues at every site', () => {
    expect(world.scenarios.ahtTvCampaign.queueIds).toEqual([...SCENARIOS.ahtTvCampaign.queueIds]);
  });

  it('runs tv-campaign far above 360 s and every other reason below it', () => {
    const reasons = [...new Set(handled.map((c) => c.reason))];
    expect(reasons.length).toBeGreaterThan(10);
    for (const r of reasons) {
      const value = aht(handled.filter((c) => c.reason === r));
      if (r.endsWith('-tv-campaign')) expect(value).toBeGreaterThan(500);
      else expect(value).toBeLessThan(360);
    }
  });

  it('pushes the enterprise AHT past the amber band of the 360 s target (red: > 378 s)', () => {
    expect(aht(handled)).toBeGreaterThan(360 * 1.05);
    // Without the campaign the enterprise would be green.
    expect(aht(handled.filter((c) => !c.reason.endsWith('-tv-campaign')))).toBeLessThan(360);
  });
});
