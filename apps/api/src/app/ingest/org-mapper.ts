import { UNASSIGNED_SITE_ID, type Channel, type Org, type OrgAgent, type OrgQueue } from '@floorwatch/contracts';
import { memberAliases } from '@floorwatch/feeds';

/**
 * Maps the agent and queue references feeds use (`Agent/1001`, `SIP/1001`, a Connect username,
 * a WFM id) to org ids through ids and aliases. A reference nobody owns becomes a new agent or
 * queue under the `unassigned` site (id = the reference, alias = the reference): its records are
 * kept and an admin maps it later. New ones are collected until `takeCreated()`.
 */
export class OrgMapper {
  private readonly agentByRef = new Map<string, OrgAgent>();
  private readonly queueByRef = new Map<string, OrgQueue>();
  private readonly agentById = new Map<string, OrgAgent>();
  private readonly queueById = new Map<string, OrgQueue>();
  private readonly siteIds: Set<string>;
  private createdAgents: OrgAgent[] = [];
  private createdQueues: OrgQueue[] = [];

  constructor(org: Org) {
    this.siteIds = new Set(org.sites.map((s) => s.id));
    for (const a of org.agents) this.addAgent(a);
    for (const q of org.queues) this.addQueue(q);
  }

  agent(ref: string): OrgAgent {
    for (const v of memberAliases(ref)) {
      const hit = this.agentByRef.get(v) ?? this.agentById.get(v);
      if (hit) return hit;
    }
    const created: OrgAgent = { id: ref, name: ref, teamId: null, siteId: UNASSIGNED_SITE_ID, aliases: [ref] };
    this.addAgent(created);
    this.createdAgents.push(created);
    return created;
  }

  queue(ref: string, channel: Channel): OrgQueue {
    const hit = this.queueByRef.get(ref) ?? this.queueById.get(ref);
    if (hit) return hit;
    const created: OrgQueue = { id: ref, name: ref, channel, siteId: UNASSIGNED_SITE_ID, aliases: [ref], slSeconds: null };
    this.addQueue(created);
    this.createdQueues.push(created);
    return created;
  }

  hasSite(id: string): boolean {
    return this.siteIds.has(id);
  }

  /** Agents and queues created since the last call, to be written in the same transaction. */
  takeCreated(): { agents: OrgAgent[]; queues: OrgQueue[] } {
    const out = { agents: this.createdAgents, queues: this.createdQueues };
    this.createdAgents = [];
    this.createdQueues = [];
    return out;
  }

  /** Forgets agents and queues created in a batch that rolled back. */
  forget(created: { agents: OrgAgent[]; queues: OrgQueue[] }): void {
    for (const a of created.agents) {
      this.agentById.delete(a.id);
      this.agentByRef.delete(a.id);
    }
    for (const q of created.queues) {
      this.queueById.delete(q.id);
      this.queueByRef.delete(q.id);
    }
  }

  private addAgent(a: OrgAgent): void {
    this.agentById.set(a.id, a);
    for (const al of a.aliases) this.agentByRef.set(al, a);
  }

  private addQueue(q: OrgQueue): void {
    this.queueById.set(q.id, q);
    for (const al of q.aliases) this.queueByRef.set(al, q);
  }
}
