import { createParser } from '@floorwatch/feeds';
import { contactEmitAt, generateWorld, liveEvents } from './index';

const END = Date.parse('2026-11-25T15:00:00Z');
const HOUR = 3_600_000;

describe('liveEvents: the stream live mode pushes after the backfill', () => {
  const world = generateWorld({ seed: 42, days: 1, endAt: END, agents: 60 });

  it('continues from endAt in time order with state changes and finished contacts', () => {
    const events = [...liveEvents(world, END, END + 2 * HOUR)];
    expect(events.length).toBeGreaterThan(500);
    for (let i = 1; i < events.length; i++) expect(events[i].at).toBeGreaterThanOrEqual(events[i - 1].at);
    expect(events[0].at).toBeGreaterThanOrEqual(END);
    expect(events[events.length - 1].at).toBeLessThan(END + 2 * HOUR);
    const formats = new Set(events.map((e) => e.format));
    expect([...formats].sort()).toEqual(['agent-states-ndjson', 'contacts-ndjson']);
  });

  it('sends a contact once its after-call work is done, and every object parses as its feed format', () => {
    const contacts = createParser('contacts-ndjson');
    const states = createParser('agent-states-ndjson');
    let n = 0;
    for (const e of liveEvents(world, END, END + HOUR)) {
      const parser = e.format === 'contacts-ndjson' ? contacts : states;
      const outcome = parser.push({ lineNumber: ++n, text: JSON.stringify(e.record) });
      expect(outcome.status).toBe('accepted');
      if (e.format === 'contacts-ndjson') {
        const c = world.future.contacts.find((x) => x.contactId === e.record['contactId']);
        expect(c && contactEmitAt(c)).toBe(e.at);
      }
    }
  });

  it('replays the backfill too, and refuses to run past the simulated horizon', () => {
    const past = [...liveEvents(world, world.startAt, END)].filter((e) => e.format === 'agent-states-ndjson');
    expect(past.length).toBe(world.stateEvents.length);
    expect(() => [...liveEvents(world, END, world.horizon + 1)]).toThrow(/past the simulated horizon/);
  });
});
