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
    // 15:00–17:00 UTC: Manila (07:00–22:00 local) is closed, so no Connect CTRs yet.
    expect([...formats].sort()).toEqual(['agent-states-ndjson', 'contacts-ndjson', 'selfservice-ndjson']);
  });

  it('"in IVR now" moves: London and Chicago sessions are sent open at their start and closed at their end; Manila sends IVR-only CTRs at the end', () => {
    // Wednesday 22:00 – Thursday 00:00 UTC: Chicago (16:00–18:00) and, from 23:00, Manila (07:00) are open.
    const FROM = END + 7 * HOUR;
    const T = FROM + 2 * HOUR;
    const open = new Map<string, number>();
    let ctrs = 0;
    let peak = 0;
    for (const e of liveEvents(world, FROM, T)) {
      // Manila's contacts go as CTRs too (with the IVR session that queued them): only the queue-less ones are IVR-only.
      if (e.format === 'connect-ctr' && e.record['Queue'] === null) ctrs++;
      if (e.format !== 'selfservice-ndjson') continue;
      const id = String(e.record['sessionId']);
      // Opened at startedAt (no end, no outcome yet); closed at endedAt with its outcome.
      if (e.record['endedAt'] === null) {
        expect(e.record['outcome']).toBeNull();
        expect(Date.parse(String(e.record['startedAt']))).toBe(e.at);
        open.set(id, e.at);
        peak = Math.max(peak, open.size);
      } else {
        expect(Date.parse(String(e.record['endedAt']))).toBe(e.at);
        open.delete(id);
      }
    }
    // Independently: the world's non-Connect sessions that started in [END, T) and had not ended by T.
    const expected = (world.selfService?.sessions ?? []).filter((s) => s.siteId !== 'mnl' && s.startedAt >= FROM && s.startedAt < T && s.endedAt >= T);
    // Callers were in the IVR during the hour (a session lasts a minute or two, so at T there may be none).
    expect(peak).toBeGreaterThan(0);
    expect([...open.keys()].sort()).toEqual(expected.map((s) => s.sessionId).sort());
    const ivrOnlyMnl = (world.selfService?.sessions ?? []).filter((s) => s.siteId === 'mnl' && !s.contact && s.endedAt >= FROM && s.endedAt < T);
    expect(ivrOnlyMnl.length).toBeGreaterThan(0);
    expect(ctrs).toBe(ivrOnlyMnl.length);
  });

  it('sends a contact once its after-call work is done, and every object (sessions too) parses as its feed format', () => {
    const parsers = {
      'contacts-ndjson': createParser('contacts-ndjson'),
      'agent-states-ndjson': createParser('agent-states-ndjson'),
      'selfservice-ndjson': createParser('selfservice-ndjson'),
      'connect-ctr': createParser('connect-ctr'),
    };
    let n = 0;
    for (const e of liveEvents(world, END, END + HOUR)) {
      const parser = parsers[e.format];
      const outcome = parser.push({ lineNumber: ++n, text: JSON.stringify(e.record) });
      expect(outcome.status).toBe('accepted');
      if (e.format === 'contacts-ndjson') {
        // A contact ended before END whose after-call work runs past it is sent live too (it is not in the backfill).
        const c = [...world.contacts, ...world.future.contacts].find((x) => x.segmentId === e.record['segmentId'] && x.contactId === e.record['contactId']);
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
