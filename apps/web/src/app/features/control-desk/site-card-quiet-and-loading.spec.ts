import type { StaffingRow } from '@floorwatch/contracts';
import { siteQuietText, waitText } from './site-quiet';

// Manila (UTC+8) on 5 Dec: local 00:00 is 4 Dec 16:00 UTC. The plan requires agents 08:00–20:00
// local (00:00–12:00 UTC), none at night.
const MANILA = 'Asia/Manila';
const rowAt = (iso: string, required: number, scheduled = required): StaffingRow => ({ intervalStart: iso, requiredAgents: required, scheduledAgents: scheduled }) as unknown as StaffingRow;
const day: StaffingRow[] = [];
for (let m = 0; m < 24 * 60; m += 15) {
  const at = Date.parse('2026-12-04T16:00:00Z') + m * 60_000;
  const open = m >= 8 * 60 && m < 20 * 60;
  day.push(rowAt(new Date(at).toISOString(), open ? 12 : 0));
}

describe('desk site card with no contacts yet: a reason, not a card of dashes', () => {
  it('Manila at 00:21 with nothing offered: "Closed · opens 08:00" (the first planned interval, local time)', () => {
    const now = Date.parse('2026-12-04T16:21:00Z'); // 00:21 Manila
    expect(siteQuietText(0, false, day, now, MANILA)).toBe('Closed · opens 08:00');
    expect(siteQuietText(null, false, day, now, MANILA)).toBe('Closed · opens 08:00');
  });
  it('inside the planned hours with nothing offered: "No contacts yet today"; after the last interval: "Closed for the day"', () => {
    expect(siteQuietText(0, false, day, Date.parse('2026-12-05T00:05:00Z'), MANILA)).toBe('No contacts yet today'); // 08:05
    // the last planned interval is 19:45–20:00 local = 12:00 UTC
    expect(siteQuietText(0, false, day, Date.parse('2026-12-05T12:00:00Z'), MANILA)).toBe('Closed for the day');
    expect(siteQuietText(0, false, day, Date.parse('2026-12-05T11:59:00Z'), MANILA)).toBe('No contacts yet today');
  });
  it('no plan for the day at all: "No contacts yet today"; any contact offered, or still loading: no note', () => {
    expect(siteQuietText(0, false, [], Date.parse('2026-12-04T16:21:00Z'), MANILA)).toBe('No contacts yet today');
    expect(siteQuietText(3, false, day, Date.parse('2026-12-04T16:21:00Z'), MANILA)).toBeNull();
    expect(siteQuietText(0, true, day, Date.parse('2026-12-04T16:21:00Z'), MANILA)).toBeNull();
  });
});

describe('voice and chat wait tiles while loading', () => {
  it('"…" while the by-channel answer loads, the figure (or "—" once loaded with none) after', () => {
    expect([waitText('—', null, true), waitText('—', null, false), waitText('42 s', 42, true)]).toEqual(['…', '—', '42 s']);
  });
});
