import type { Me, Scope } from '@floorwatch/contracts';
import { mayRead, maySendMessage, maySetTarget, type OrgLookup } from './permissions';

// Two sites, two teams at lon, one at chi; agent a1 and a2 in team t1, a3 in t2, c1 in tc.
const teams: Record<string, string> = { t1: 'lon', t2: 'lon', tc: 'chi' };
const agents: Record<string, string> = { a1: 't1', a2: 't1', a3: 't2', c1: 'tc' };
const queues: Record<string, string> = { 'lon-voice': 'lon', 'chi-voice': 'chi' };
const org: OrgLookup = {
  teamOfAgent: (a) => agents[a],
  siteOfAgent: (a) => (agents[a] ? teams[agents[a]] : undefined),
  siteOfTeam: (t) => teams[t],
  siteOfQueue: (q) => queues[q],
};
const user = (partial: Partial<Me>): Me => ({ username: 'u', roles: [], agentId: null, teamIds: [], siteIds: [], ...partial });
const agent = user({ username: 'agent', roles: ['agent'], agentId: 'a1' });
const lead = user({ username: 'lead', roles: ['team_leader'], teamIds: ['t1'] });
const siteManager = user({ username: 'sm', roles: ['manager'], siteIds: ['lon'] });
const manager = user({ username: 'manager', roles: ['manager'], siteIds: ['*'] });
const desk = user({ username: 'desk', roles: ['control_desk'] });

const scopes: Record<string, Scope> = {
  enterprise: { kind: 'enterprise' },
  lon: { kind: 'site', id: 'lon' },
  chi: { kind: 'site', id: 'chi' },
  t1: { kind: 'team', id: 't1' },
  t2: { kind: 'team', id: 't2' },
  a1: { kind: 'agent', id: 'a1' },
  a2: { kind: 'agent', id: 'a2' },
  a3: { kind: 'agent', id: 'a3' },
  c1: { kind: 'agent', id: 'c1' },
  lonQueue: { kind: 'queue', id: 'lon-voice' },
  chiQueue: { kind: 'queue', id: 'chi-voice' },
};

/** The scopes each role may read; every other scope in the table above must be refused. */
const allowed: [Me, string[]][] = [
  [agent, ['a1']],
  [lead, ['t1', 'a1', 'a2']],
  [siteManager, ['lon', 't1', 't2', 'a1', 'a2', 'a3', 'lonQueue']],
  [manager, Object.keys(scopes)],
  [desk, Object.keys(scopes)],
];

describe('read scope by role', () => {
  it.each(allowed)('$username reads exactly its scopes', (who, mine) => {
    for (const [name, scope] of Object.entries(scopes)) {
      expect([name, mayRead(who, scope, org).ok]).toEqual([name, mine.includes(name)]);
    }
  });

  it('explains a refusal without naming anything out of scope but what was asked', () => {
    expect(mayRead(agent, scopes['t1'], org)).toEqual({ ok: false, reason: 'agent may not read team t1' });
  });

  it('treats an agent unknown to the org as out of scope for a team leader', () => {
    expect(mayRead(lead, { kind: 'agent', id: 'ghost' }, org).ok).toBe(false);
  });
});

describe('who may change what', () => {
  it('team leaders set team and agent targets in their teams only', () => {
    expect(maySetTarget(lead, scopes['t1'], 'handled', org).ok).toBe(true);
    expect(maySetTarget(lead, scopes['a2'], 'adherencePct', org).ok).toBe(true);
    expect(maySetTarget(lead, scopes['t2'], 'handled', org).ok).toBe(false);
    expect(maySetTarget(lead, scopes['lon'], 'ahtSeconds', org).ok).toBe(false);
  });
  it('managers set site, queue and enterprise targets; the desk sets staffing only', () => {
    expect(maySetTarget(manager, scopes['enterprise'], 'ahtSeconds', org).ok).toBe(true);
    expect(maySetTarget(manager, scopes['lonQueue'], 'serviceLevelPct', org).ok).toBe(true);
    expect(maySetTarget(manager, scopes['t1'], 'handled', org).ok).toBe(false);
    expect(maySetTarget(siteManager, scopes['chi'], 'ahtSeconds', org).ok).toBe(false);
    expect(maySetTarget(desk, scopes['chi'], 'staffingGap', org).ok).toBe(true);
    expect(maySetTarget(desk, scopes['chi'], 'ahtSeconds', org).ok).toBe(false);
  });
  it('messages go desk → site, manager → team, team leader → own agents; agents send none', () => {
    expect(maySendMessage(desk, scopes['chi'], org).ok).toBe(true);
    expect(maySendMessage(desk, scopes['a1'], org).ok).toBe(false);
    expect(maySendMessage(manager, scopes['t2'], org).ok).toBe(true);
    expect(maySendMessage(lead, scopes['a2'], org).ok).toBe(true);
    expect(maySendMessage(lead, scopes['a3'], org).ok).toBe(false);
    expect(maySendMessage(agent, scopes['a1'], org).ok).toBe(false);
  });
});
