import { ROLES, type Me, type Org } from '@floorwatch/contracts';
import fc from 'fast-check';
import { mayRead, maySendMessage } from '../auth/permissions';
import { isAddressedTo } from '../messages/audience';
import { IndexedOrg } from './org-lookup';
import { orgViewFor } from './org-view';

const org = new IndexedOrg({
  sites: ['s1', 's2', 's3'].map((id) => ({ id, name: id, timezone: 'UTC' })),
  teams: ['t1', 't2', 't3', 't4'].map((id, i) => ({ id, name: id, siteId: `s${(i % 3) + 1}`, leaderUserId: null })),
  agents: Array.from({ length: 10 }, (_, i) => ({ id: `a${i}`, name: `a${i}`, teamId: i === 9 ? null : `t${(i % 4) + 1}`, siteId: `s${(i % 3) + 1}`, aliases: [] })),
  queues: ['q1', 'q2'].map((id, i) => ({ id, name: id, channel: 'voice' as const, siteId: `s${i + 1}`, aliases: [], slSeconds: null })),
} satisfies Org);

const ids = (prefix: string, n: number) => fc.subarray(Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`));
const user: fc.Arbitrary<Me> = fc.record({
  username: fc.constant('u'),
  roles: fc.subarray([...ROLES], { minLength: 1 }),
  agentId: fc.option(fc.constantFrom(...org.org.agents.map((a) => a.id), 'ghost'), { nil: null }),
  teamIds: ids('t', 5),
  siteIds: ids('s', 4),
});

describe('the org view and message audience never leak', () => {
  it('every agent, team and queue in a user’s org view is one they may read (or their own team)', () => {
    fc.assert(
      fc.property(user, (me) => {
        const view = orgViewFor(me, org);
        const ownTeam = me.agentId ? org.teamOfAgent(me.agentId) : null;
        for (const a of view.agents) expect(mayRead(me, { kind: 'agent', id: a.id }, org).ok).toBe(true);
        for (const q of view.queues) expect(mayRead(me, { kind: 'queue', id: q.id }, org).ok).toBe(true);
        for (const t of view.teams) expect(mayRead(me, { kind: 'team', id: t.id }, org).ok || t.id === ownTeam).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('whoever (single-role) may send to a scope also receives what is sent there, or is the sender (sees it anyway)', () => {
    const scopes = [...org.org.sites.map((s) => ({ kind: 'site' as const, id: s.id })), ...org.org.teams.map((t) => ({ kind: 'team' as const, id: t.id }))];
    fc.assert(
      fc.property(user, fc.constantFrom(...scopes), (me, scope) => {
        // An agent user only receives messages addressed to their own agent, team or site.
        if (me.roles.length === 1 && me.roles[0] === 'agent') {
          const mine = me.agentId !== null && (org.siteOfAgent(me.agentId) === scope.id || org.teamOfAgent(me.agentId) === scope.id);
          expect(isAddressedTo(me, scope, org)).toBe(mine);
        }
        // Single-role users: a mixed manager + desk may send to any team (action from one role,
        // reach from the other) without being that team's addressee; they still see it as sender.
        if (me.roles.length === 1 && maySendMessage(me, scope, org).ok) expect(isAddressedTo(me, scope, org)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
