import type { SelfServiceSession } from '@floorwatch/contracts';
import { computeJourneyKpis } from '@floorwatch/kpi';
import { TEAM_GROUPS } from '../config';
import { teamGroups } from '../org';
import { generateWorld } from '../world';
import { FOUR_TOUCH_CUSTOMER } from './contact-stories';

const NOW = Date.parse('2026-11-20T15:00:00Z');
const DAY = 86_400_000;

/**
 * The README tour's customer bounced chatbot › chat › voice › e-mail needs Chicago to take chats
 * and e-mails: the org gives Chicago a chat and an e-mail team at any size (FLOORWATCH_DEMO_AGENTS=30
 * is the smallest org buildOrg accepts), and the story moves to another recent day if its own lacks a contact.
 */
describe('four-touch story at any demo size', () => {
  it('teamGroups: three teams are voice, chat, e-mail; four swap the third voice team for e-mail; six and more keep the round-robin', () => {
    expect(teamGroups(3, true)).toEqual(['voice', 'chat', 'email']);
    // Round-robin of four is voice, voice, voice, chat: the last voice team becomes e-mail.
    expect(teamGroups(4, true)).toEqual(['voice', 'voice', 'email', 'chat']);
    expect(teamGroups(6, true)).toEqual(TEAM_GROUPS.slice(0, 6));
    // Other sites keep the plain round-robin (one team: voice).
    expect(teamGroups(1, false)).toEqual(['voice']);
    expect(teamGroups(3, false)).toEqual(['voice', 'voice', 'voice']);
  });

  it.each([30, 60])('%i agents, 4 days: Chicago staffs chat and e-mail, and +13125550404 is one chatbot›chat›voice›email journey', (agents) => {
    const world = generateWorld({ seed: 42, days: 4, agents, endAt: NOW });
    // 30 agents × 0.4 = 12 in Chicago → three teams of 4; 60 → 24 → three teams of 8.
    const chiTeams = world.sim.teams.filter((t) => t.siteId === 'chi');
    expect(chiTeams.map((t) => t.group).sort()).toEqual(['chat', 'email', 'voice']);
    expect(world.sim.agents.filter((a) => a.siteId === 'chi').length).toBe((agents * 4) / 10);
    const story = world.selfService?.fourTouch;
    expect(story).toBeTruthy();
    const sessions: SelfServiceSession[] = (world.selfService?.sessions ?? [])
      .filter((s) => s.customerKey === FOUR_TOUCH_CUSTOMER && s.endedAt < NOW)
      .map((s) => ({ ...s, transferredContactId: s.contact?.segmentId ?? null }));
    const contacts = world.contacts.filter((c) => c.customerKey === FOUR_TOUCH_CUSTOMER);
    // The whole chain is history: every touch ends before the world's end.
    expect(contacts.map((c) => c.channel)).toEqual(['chat', 'voice', 'email']);
    for (const c of contacts) expect(c.endedAt).toBeLessThan(NOW);
    const journeys = computeJourneyKpis(sessions, contacts, { from: world.startAt, to: NOW, asOf: NOW + 2 * DAY, by: 'derivedChain' });
    expect([...journeys.keys()]).toEqual(['chatbot>chat>voice>email']);
    expect(journeys.get('chatbot>chat>voice>email')).toMatchObject({ journeys: 1, journeyContacts: 4, customerEffort: 4 });
  });
});
