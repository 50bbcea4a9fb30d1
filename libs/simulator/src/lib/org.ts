import type { Org, OrgAgent, OrgQueue, OrgTeam, Role } from '@floorwatch/contracts';
import { DEFAULT_SITES, DEMO_PASSWORD, REASONS, TEAM_GROUPS, queueId, type ChannelGroup, type SiteDef } from './config';
import type { HandleChange } from './follow-ups';
import { Rng } from './rng';

export interface SimAgent {
  id: string;
  name: string;
  siteId: string;
  teamId: string;
  group: ChannelGroup;
  tenureMonths: number;
  /** Handle-time multiplier from experience (new hires are slower). */
  speed: number;
  /** Extra multiplier on after-call work (scenario 2's new hires). */
  acwFactor: number;
  /** Follow-up stories: talk/ACW multipliers from an instant on (follow-ups.ts). */
  handleChanges?: HandleChange[];
  /** 0 = textbook adherence, 1 = drifts a lot; most agents land at 88–96% adherence. */
  drift: number;
  /** Preferred shift start, local minutes after midnight. */
  shiftStart: number;
  /** Weekday of the first of two consecutive days off. */
  firstDayOff: number;
  /** Asterisk extension (London), Connect user name and ARN (Manila). */
  extension: string;
  connectUser: string;
  connectArn: string;
}

export interface SimTeam extends OrgTeam {
  group: ChannelGroup;
}

export interface SimUser {
  username: string;
  password: string;
  displayName: string;
  roles: Role[];
  agentId: string | null;
  teamIds: string[];
  siteIds: string[];
}

export interface SimOrg {
  sites: SiteDef[];
  teams: SimTeam[];
  agents: SimAgent[];
  queues: OrgQueue[];
}

const FIRST = ['Amelia', 'Oliver', 'Isla', 'Jack', 'Maya', 'Noah', 'Sofia', 'Leo', 'Grace', 'Ethan', 'Chloe', 'Lucas', 'Aria', 'Mateo', 'Zara', 'Samuel', 'Priya', 'Diego', 'Hannah', 'Kai', 'Nadia', 'Omar', 'Ruby', 'Felix', 'Jasmine', 'Marco', 'Elena', 'Tariq', 'Lena', 'Andre'];
const LAST = ['Smith', 'Santos', 'Reyes', 'Johnson', 'Garcia', 'Cruz', 'Brown', 'Patel', 'Bautista', 'Miller', 'Khan', 'Mendoza', 'Wilson', 'Lopez', 'Taylor', 'Ocampo', 'Davis', 'Nguyen', 'Evans', 'Ramos', 'Clarke', 'Aquino', 'Moore', 'Rivera', 'Hughes', 'Torres'];

/** London's first voice team: led by demo user `lead`, holds the late-from-lunch agent and the two new hires. */
export const SCENARIO_TEAM_INDEX = 0;

/**
 * The site of the demo's cross-channel story (a customer bounced chatbot › chat › voice › e-mail,
 * selfservice.md demo world): it staffs chat and e-mail at any org size, so the story exists in a
 * 30-agent demo too. Its teams are at least three (of ≥ 4 agents: buildOrg needs 10 per site, and
 * Chicago's share is 0.4 of ≥ 30); the others keep the round-robin (voice only below ~50 agents).
 */
export const EVERY_CHANNEL_SITE = 'chi';

/** TEAM_GROUPS round-robin; with `everyChannel`, the last voice teams become the missing chat/e-mail team. */
export function teamGroups(teamCount: number, everyChannel: boolean): ChannelGroup[] {
  const groups: ChannelGroup[] = Array.from({ length: teamCount }, (_, t) => (teamCount === 1 ? 'voice' : TEAM_GROUPS[t % TEAM_GROUPS.length]));
  if (!everyChannel) return groups;
  for (const need of ['email', 'chat'] as const) {
    if (!groups.includes(need)) groups[groups.lastIndexOf('voice')] = need;
  }
  return groups;
}

export function buildOrg(seed: number, totalAgents: number, siteIds?: string[]): SimOrg {
  const sites = siteIds ? DEFAULT_SITES.filter((s) => siteIds.includes(s.id)) : [...DEFAULT_SITES];
  const unknown = (siteIds ?? []).filter((id) => !DEFAULT_SITES.some((s) => s.id === id));
  if (unknown.length) throw new Error(`unknown site id(s) ${unknown.join(', ')}; known: ${DEFAULT_SITES.map((s) => s.id).join(', ')}`);
  if (sites.length === 0) throw new Error('at least one site is needed');
  if (totalAgents < 10 * sites.length) throw new Error(`agents must be at least 10 per site (got ${totalAgents} for ${sites.length} sites)`);
  const weightSum = sites.reduce((s, x) => s + x.weight, 0);
  const teams: SimTeam[] = [];
  const agents: SimAgent[] = [];
  let given = 0;
  sites.forEach((site, si) => {
    const n = si === sites.length - 1 ? totalAgents - given : Math.round((totalAgents * site.weight) / weightSum);
    given += n;
    const everyChannel = site.id === EVERY_CHANNEL_SITE;
    const teamCount = Math.max(everyChannel ? 3 : 1, Math.round(n / 13));
    const groups = teamGroups(teamCount, everyChannel);
    const rng = Rng.derive(seed, 'org', site.id);
    let agentNo = 0;
    for (let t = 0; t < teamCount; t++) {
      const size = Math.floor(n / teamCount) + (t < n % teamCount ? 1 : 0);
      const group = groups[t];
      const teamId = `${site.id}-t${String(t + 1).padStart(2, '0')}`;
      const groupNo = teams.filter((x) => x.siteId === site.id && x.group === group).length + 1;
      teams.push({ id: teamId, name: `${site.name} ${cap(group)} ${groupNo}`, siteId: site.id, leaderUserId: `tl-${teamId}`, group });
      // Teams start at staggered hours so the site is covered from open to close.
      const teamStart = site.openHour * 60 + ((t * 97) % Math.max(60, (site.closeHour - site.openHour - 8) * 60 + 1));
      for (let k = 0; k < size; k++) {
        agentNo++;
        const tenureMonths = Math.round(rng.weighted([2, 8, 24, 60], [0.1, 0.25, 0.35, 0.3]) * rng.uniform(0.5, 1.5));
        const ext = String(1000 + si * 1000 + agentNo);
        const id = `${site.id}-a${String(agentNo).padStart(3, '0')}`;
        const first = rng.pick(FIRST);
        const last = rng.pick(LAST);
        agents.push({
          id,
          name: `${first} ${last}`,
          siteId: site.id,
          teamId,
          group,
          tenureMonths,
          speed: tenureMonths < 3 ? 1.22 : tenureMonths < 12 ? 1.08 : tenureMonths < 36 ? 1 : 0.93,
          acwFactor: 1,
          drift: Math.min(1, rng.exponential(0.3)),
          shiftStart: roundTo(teamStart + rng.int(-2, 2) * 15, 15),
          firstDayOff: (t * 2 + k) % 7,
          extension: ext,
          connectUser: `${first}.${last}${agentNo}`.toLowerCase(),
          connectArn: `arn:aws:connect:ap-southeast-1:123456789012:instance/5f1c0a9e-demo/agent/${hex(rng, 8)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 12)}`,
        });
      }
    }
  });
  const queues: OrgQueue[] = [];
  for (const site of sites) {
    for (const r of REASONS) {
      const id = queueId(site.id, r.reason);
      queues.push({ id, name: `${site.name} ${r.reason}`, channel: r.channel, siteId: site.id, aliases: connectQueueAliases(site.id, id), slSeconds: null });
    }
  }
  return { sites, teams, agents, queues };
}

export function connectQueueArn(queue: string): string {
  return `arn:aws:connect:ap-southeast-1:123456789012:instance/5f1c0a9e-demo/queue/${queue}`;
}

function connectQueueAliases(siteId: string, id: string): string[] {
  return siteId === 'mnl' ? [connectQueueArn(id)] : [];
}

/** The contracts `Org` as written to org.json: aliases are how each feed names the agent. */
export function toContractOrg(org: SimOrg): Org {
  const agents: OrgAgent[] = org.agents.map((a) => ({
    id: a.id,
    name: a.name,
    teamId: a.teamId,
    siteId: a.siteId,
    aliases: agentAliases(a),
  }));
  const teams: OrgTeam[] = org.teams.map(({ id, name, siteId, leaderUserId }) => ({ id, name, siteId, leaderUserId }));
  return { sites: org.sites.map(({ id, name, timezone }) => ({ id, name, timezone })), teams, agents, queues: org.queues };
}

export function agentAliases(a: SimAgent): string[] {
  if (a.siteId === 'lon') return [`Agent/${a.extension}`, `SIP/${a.extension}`, `PJSIP/${a.extension}`, `Local/${a.extension}@agents`];
  if (a.siteId === 'mnl') return [a.connectUser, a.connectArn];
  return [];
}

export function buildUsers(org: SimOrg, demoAgentId: string, demoTeamId: string): SimUser[] {
  const demoAgent = org.agents.find((a) => a.id === demoAgentId);
  const users: SimUser[] = [
    { username: 'agent', password: DEMO_PASSWORD, displayName: demoAgent?.name ?? 'Demo agent', roles: ['agent'], agentId: demoAgentId, teamIds: [demoTeamId], siteIds: [demoAgent?.siteId ?? org.sites[0].id] },
  ];
  for (const t of org.teams) {
    users.push({ username: t.leaderUserId ?? `tl-${t.id}`, password: DEMO_PASSWORD, displayName: `Leader of ${t.name}`, roles: ['team_leader'], agentId: null, teamIds: [t.id], siteIds: [t.siteId] });
  }
  const allSites = org.sites.map((s) => s.id);
  users.push(
    { username: 'manager', password: DEMO_PASSWORD, displayName: 'Operations manager', roles: ['manager'], agentId: null, teamIds: [], siteIds: allSites },
    { username: 'desk', password: DEMO_PASSWORD, displayName: 'Control desk', roles: ['control_desk'], agentId: null, teamIds: [], siteIds: allSites },
    { username: 'admin', password: DEMO_PASSWORD, displayName: 'Administrator', roles: ['admin'], agentId: null, teamIds: [], siteIds: allSites },
  );
  return users;
}

function cap(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}
function roundTo(v: number, step: number): number {
  return Math.round(v / step) * step;
}
function hex(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[rng.int(0, 15)];
  return s;
}
