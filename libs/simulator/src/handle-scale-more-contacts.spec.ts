import { generateWorld } from './index';

const END = Date.parse('2026-11-25T15:00:00Z');

/**
 * The bench's loaded world reaches performance.md's 20 M contacts with shorter handle times, not
 * more staff: halving talk, hold and after-call work should about double the contacts on the
 * same schedule while agents stay about as busy (the plan sizes volume to occupancy).
 */
describe('handleScale: shorter calls, more contacts, same staff', () => {
  const options = { seed: 5, days: 2, endAt: END, agents: 90, liveDays: 0 };
  const normal = generateWorld(options);
  const half = generateWorld({ ...options, handleScale: 0.5 });
  const handled = (w: typeof normal) => w.contacts.filter((c) => c.outcome === 'handled');
  const aht = (w: typeof normal) => {
    const list = handled(w);
    return list.reduce((s, c) => s + c.talkSeconds + c.holdSeconds + c.acwSeconds, 0) / list.length;
  };
  const workSeconds = (w: typeof normal) => aht(w) * handled(w).length;

  it('keeps the same org and schedule', () => {
    expect(half.org).toEqual(normal.org);
    expect(half.schedule).toEqual(normal.schedule);
  });

  it('roughly halves AHT and doubles the contacts (1 / 0.5 = 2, within the draws and minimum talk time)', () => {
    expect(aht(half) / aht(normal)).toBeGreaterThan(0.45);
    expect(aht(half) / aht(normal)).toBeLessThan(0.6);
    expect(half.contacts.length / normal.contacts.length).toBeGreaterThan(1.7);
    expect(half.contacts.length / normal.contacts.length).toBeLessThan(2.3);
  });

  it('keeps the handled workload (AHT × handled contacts) within 15%: occupancy unchanged', () => {
    expect(workSeconds(half) / workSeconds(normal)).toBeGreaterThan(0.85);
    expect(workSeconds(half) / workSeconds(normal)).toBeLessThan(1.15);
  });

  it('rejects a scale that is not a positive number', () => {
    expect(() => generateWorld({ ...options, handleScale: 0 })).toThrow('handleScale must be a positive number, got 0');
  });
});
