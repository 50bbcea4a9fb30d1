import {
  UNASSIGNED_SITE_ID,
  type AgentStateEvent,
  type Contact,
  type ForecastInterval,
  type ScheduleSegment,
  type Scope,
} from '@floorwatch/contracts';
import type { IndexedOrg } from '../org/org-lookup';

export interface LiveAgent {
  id: string;
  teamId: string | null;
  siteId: string;
  /** Sorted by time; the last event before keepFrom() is kept as the state the agent was in. */
  events: AgentStateEvent[];
  schedule: ScheduleSegment[];
}

/**
 * Index of the event giving the state at `t` in time-sorted events: the last at or before t (of
 * two at the same instant the later, as agentStateIntervals reads them), else 0. Everything a
 * reader from `t` on needs starts there (pruning and live figures cut the history at it).
 */
export function stateIndexAt(events: readonly AgentStateEvent[], t: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid].at <= t) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, lo - 1);
}

const HOUR = 3600_000;
/** Enough history for "today" in any time zone (UTC−12..+14) plus the 24 h RTA look-back. */
const KEEP_MS = 48 * HOUR;
const PRUNE_EVERY_MS = 10 * 60_000;

const contactKey = (c: Contact): string => `${c.contactId}\u0000${c.segmentId}\u0000${c.enqueuedAt}`;

/** The records the live picture holds, indexed by agent and site, with bounded history. */
export class LiveRecords {
  private agents = new Map<string, LiveAgent>();
  private contactsBySite = new Map<string, Map<string, Contact>>();
  private forecastsBySite = new Map<string, Map<string, ForecastInterval>>();
  private org: IndexedOrg | null = null;
  private lastPrune = 0;

  keepFrom(now: number): number {
    return now - KEEP_MS;
  }

  reset(org: IndexedOrg): void {
    this.agents = new Map();
    this.contactsBySite = new Map();
    this.forecastsBySite = new Map();
    this.setOrg(org);
  }

  /** Places every agent (known or not) by the org; agents in the org exist even with no events. */
  setOrg(org: IndexedOrg): void {
    this.org = org;
    for (const a of org.org.agents) this.ensureAgent(a.id);
    for (const agent of this.agents.values()) {
      const o = org.agentById.get(agent.id);
      agent.teamId = o ? o.teamId : null;
      agent.siteId = o ? o.siteId : UNASSIGNED_SITE_ID;
    }
  }

  agent(id: string): LiveAgent | undefined {
    return this.agents.get(id);
  }

  allAgents(): IterableIterator<LiveAgent> {
    return this.agents.values();
  }

  ensureAgent(id: string): LiveAgent {
    let a = this.agents.get(id);
    if (!a) {
      const o = this.org?.agentById.get(id);
      a = { id, teamId: o ? o.teamId : null, siteId: o ? o.siteId : UNASSIGNED_SITE_ID, events: [], schedule: [] };
      this.agents.set(id, a);
    }
    return a;
  }

  agentsIn(scope: Scope): LiveAgent[] {
    const all = [...this.agents.values()];
    switch (scope.kind) {
      case 'enterprise':
        return all;
      case 'site':
        return all.filter((a) => a.siteId === scope.id);
      case 'team':
        return all.filter((a) => a.teamId === scope.id);
      case 'agent': {
        const a = this.agents.get(scope.id);
        return a ? [a] : [];
      }
      case 'queue':
        return [];
    }
  }

  latest(agent: LiveAgent): AgentStateEvent | undefined {
    return agent.events[agent.events.length - 1];
  }

  /** The state the agent is in at `now` (events stamped in the future are not yet in force). */
  current(agent: LiveAgent, now: number): AgentStateEvent | undefined {
    for (let i = agent.events.length - 1; i >= 0; i--) if (agent.events[i].at <= now) return agent.events[i];
    return undefined;
  }

  /** Inserts in time order; false for an exact duplicate (same time and state). */
  addEvent(e: AgentStateEvent): boolean {
    const agent = this.ensureAgent(e.agentId);
    const evs = agent.events;
    let i = evs.length;
    while (i > 0 && evs[i - 1].at > e.at) i--;
    for (let j = i - 1; j >= 0 && evs[j].at === e.at; j--) if (evs[j].state === e.state) return false;
    evs.splice(i, 0, { agentId: e.agentId, at: e.at, state: e.state });
    return true;
  }

  replaceSchedules(agentIds: readonly string[] | null, segs: readonly ScheduleSegment[]): void {
    const targets = agentIds ?? [...this.agents.keys()];
    for (const id of targets) this.ensureAgent(id).schedule = [];
    for (const s of segs) this.ensureAgent(s.agentId).schedule.push({ agentId: s.agentId, start: s.start, end: s.end, activity: s.activity });
  }

  /** Adds contacts (a re-delivered one replaces its earlier copy); returns those added or changed. */
  addContacts(contacts: readonly Contact[]): Contact[] {
    const out: Contact[] = [];
    for (const c of contacts) {
      let site = this.contactsBySite.get(c.siteId);
      if (!site) this.contactsBySite.set(c.siteId, (site = new Map()));
      site.set(contactKey(c), c);
      out.push(c);
    }
    return out;
  }

  contactsIn(scope: Scope): Contact[] {
    if (scope.kind === 'enterprise') return [...this.contactsBySite.values()].flatMap((m) => [...m.values()]);
    const siteId = scope.kind === 'site' ? scope.id : this.siteOf(scope);
    const site = siteId ? this.contactsBySite.get(siteId) : undefined;
    return site ? [...site.values()] : [];
  }

  setForecasts(rows: readonly ForecastInterval[]): void {
    this.forecastsBySite = new Map();
    this.addForecasts(rows);
  }

  addForecasts(rows: readonly ForecastInterval[]): void {
    for (const f of rows) {
      let site = this.forecastsBySite.get(f.siteId);
      if (!site) this.forecastsBySite.set(f.siteId, (site = new Map()));
      site.set(`${f.queueId}@${f.intervalStart}`, f);
    }
  }

  forecastsOf(siteId: string): ForecastInterval[] {
    return [...(this.forecastsBySite.get(siteId)?.values() ?? [])];
  }

  /** Drops history older than keepFrom (keeping each agent's state at that instant); cheap, runs every 10 min. */
  prune(now: number): void {
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    const cut = this.keepFrom(now);
    for (const a of this.agents.values()) {
      const i = stateIndexAt(a.events, cut);
      if (i > 0) a.events.splice(0, i);
      a.schedule = a.schedule.filter((s) => s.end > cut);
    }
    for (const site of this.contactsBySite.values()) {
      for (const [k, c] of site) if (c.endedAt < cut && c.enqueuedAt < cut) site.delete(k);
    }
    for (const site of this.forecastsBySite.values()) {
      for (const [k, f] of site) if (f.intervalStart < cut) site.delete(k);
    }
  }

  private siteOf(scope: Scope): string | undefined {
    if (scope.kind === 'team') return this.org?.siteOfTeam(scope.id);
    if (scope.kind === 'agent') return this.agents.get(scope.id)?.siteId;
    if (scope.kind === 'queue') return this.org?.siteOfQueue(scope.id);
    return undefined;
  }
}
