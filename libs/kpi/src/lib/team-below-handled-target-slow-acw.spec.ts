import type { Contact, Org } from '@floorwatch/contracts';
import { computeKpis } from './compute-kpis';
import { targetStatus } from './targets';
import { at, contact, input, query } from '../testing/fixtures';

// Seed: team t1 (4 agents) has a handled target of 200 a day and handles 186 = 7% below;
// a3 and a4 spend 150 s in ACW per contact against 30 s for a1 and a2.
const org: Org = {
  sites: [{ id: 'lon', name: 'London', timezone: 'Europe/London' }],
  teams: [{ id: 't1', name: 'Team 1', siteId: 'lon', leaderUserId: null }],
  agents: ['a1', 'a2', 'a3', 'a4'].map((id) => ({ id, name: id, teamId: 't1', siteId: 'lon', aliases: [] })),
  queues: [{ id: 'qv', name: 'Voice', channel: 'voice', siteId: 'lon', aliases: [], slSeconds: null }],
};
const plan: [string, number, number][] = [['a1', 50, 30], ['a2', 50, 30], ['a3', 43, 150], ['a4', 43, 150]];
const contacts: Contact[] = [];
for (const [agentId, n, acw] of plan) {
  for (let i = 0; i < n; i++) {
    contacts.push(contact({ enqueuedAt: at('2024-05-01T09:00:00Z') + i * 540_000, agentId, talkSeconds: 240, acwSeconds: acw }));
  }
}

describe('team 7% below its handled target because two agents are slow in ACW', () => {
  const q = query('2024-05-01T00:00:00Z', '2024-05-02T00:00:00Z', { kind: 'team', id: 't1' });

  it('team handled = 50 + 50 + 43 + 43 = 186, red against 200 (band 5% = 10)', () => {
    const [team] = computeKpis(input({ org, contacts }), q);
    expect(team.kpis.handled).toBe(186);
    expect((200 - 186) / 200).toBeCloseTo(0.07, 10);
    expect(targetStatus(team.kpis.handled, { value: 200, direction: 'higher', amberBand: null })).toBe('red');
    // team ACW per contact = (100 × 30 + 86 × 150) / 186 = 15 900 / 186
    expect(team.kpis.acwSeconds).toBeCloseTo(15_900 / 186, 10);
  });

  it('by agent, the two slow agents stand out by acwSeconds', () => {
    const rows = computeKpis(input({ org, contacts }), { ...q, by: 'agent' });
    expect(rows.map((r) => [r.key, r.kpis.handled, r.kpis.acwSeconds, r.kpis.ahtSeconds])).toEqual([
      ['a1', 50, 30, 240 + 30],
      ['a2', 50, 30, 240 + 30],
      ['a3', 43, 150, 240 + 150],
      ['a4', 43, 150, 240 + 150],
    ]);
  });
});
