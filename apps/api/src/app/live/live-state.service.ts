import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  UNASSIGNED_SITE_ID,
  type AgentStateEvent,
  type AgentStateEventPayload,
  type Contact,
  type ForecastInterval,
  type ScheduleSegment,
  type Scope,
} from '@floorwatch/contracts';
import { Subject, type Observable } from 'rxjs';
import { RecordStore } from '../database/record-store';
import type { IndexedOrg } from '../org/org-lookup';
import { OrgService } from '../org/org.service';
import type { IngestBatch } from './live-batch';
import { LIVE_OPTIONS, type LiveOptions } from './live-options';
import { LiveRecords, type LiveAgent } from './live-records';
import { RtaTracker, type RtaTransition } from './rta-tracker';

const HOUR = 3600_000;
/** Schedule held in memory around now; reloaded from the database before the window runs out. */
const SCHEDULE_BACK = 24 * HOUR;
const SCHEDULE_AHEAD = 36 * HOUR;
const SCHEDULE_RELOAD_MARGIN = 12 * HOUR;

/** Something that changed the live picture, for the hub to push to rooms. */
export type LiveChange =
  | { type: 'agent-state'; payload: AgentStateEventPayload }
  | RtaTransition
  /** Records of this agent/site changed at `at`: kpi tiles (and staffing when `staffing`) are stale. */
  | { type: 'touched'; siteId: string; teamId: string | null; agentId: string | null; at: number; staffing: boolean };

const iso = (t: number): string => new Date(t).toISOString();

/**
 * The live picture in memory: each agent's recent state events and schedule, today's contacts and
 * forecasts, and the RTA tracker. Seeded from the database at start; afterwards it changes only
 * through committed ingest batches (in order, one at a time) and the timer. Schedule batches
 * reload the affected agents' schedules from the database, because a WFM re-publish replaces
 * segments the batch does not list.
 */
@Injectable()
export class LiveState {
  private readonly log = new Logger('LiveState');
  private readonly subject = new Subject<LiveChange>();
  readonly changes$: Observable<LiveChange> = this.subject.asObservable();
  readonly records = new LiveRecords();
  readonly rta: RtaTracker;
  private orgIndex: IndexedOrg | null = null;
  private chain: Promise<void> = Promise.resolve();
  private scheduleLoadedUntil = 0;
  private readonly unplaced = new Set<string>();
  ready: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: RecordStore,
    private readonly orgs: OrgService,
    @Inject(LIVE_OPTIONS) private readonly options: LiveOptions,
  ) {
    this.rta = new RtaTracker(options.rtaThresholdSeconds);
  }

  now(): number {
    return this.options.now();
  }

  get org(): IndexedOrg | null {
    return this.orgIndex;
  }

  /** (Re)loads everything from the database: at start (and in tests after seeding). */
  reload(): Promise<void> {
    this.ready = this.enqueue(() => this.load());
    return this.ready;
  }

  /** Applies one committed ingest batch (queued behind any batch still being applied). */
  apply(batch: IngestBatch): Promise<void> {
    return this.enqueue(() => this.applyNow(batch));
  }

  /** Timer: RTA threshold crossings and schedule boundaries, from memory only. */
  tick(): void {
    const now = this.now();
    for (const id of this.rta.due(now)) {
      const agent = this.records.agent(id);
      if (agent) this.emitAll(this.rta.evaluate(agent, now, now));
    }
    this.records.prune(now);
    if (this.scheduleLoadedUntil - now < SCHEDULE_RELOAD_MARGIN && this.scheduleLoadedUntil > 0) {
      this.scheduleLoadedUntil = now + SCHEDULE_AHEAD; // once per window, not every tick
      void this.enqueue(() => this.loadSchedules(null, now));
    }
  }

  agentsIn(scope: Scope): LiveAgent[] {
    return this.records.agentsIn(scope);
  }

  currentStates(scope: Scope): AgentStateEventPayload[] {
    const out: AgentStateEventPayload[] = [];
    for (const a of this.agentsIn(scope)) {
      const cur = this.records.current(a, this.now());
      if (cur) out.push(this.statePayload(a, cur));
    }
    return out;
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const run = this.chain.then(work);
    this.chain = run.catch((e: unknown) => this.log.error(`live update failed: ${e instanceof Error ? e.message : String(e)}`));
    return run;
  }

  private async load(): Promise<void> {
    const now = this.now();
    this.orgIndex = await this.orgs.get();
    this.unplaced.clear();
    this.records.reset(this.orgIndex);
    const [events, contacts, forecasts] = await Promise.all([
      this.store.loadStateEvents(null, this.records.keepFrom(now), now + HOUR),
      this.store.loadContacts({ kind: 'enterprise' }, this.records.keepFrom(now), now + HOUR),
      this.store.loadForecasts(null, now - 2 * HOUR, now + SCHEDULE_AHEAD),
    ]);
    for (const e of events) this.records.addEvent(e);
    this.records.addContacts(contacts);
    this.records.setForecasts(forecasts);
    await this.loadSchedules(null, now);
    for (const a of this.records.allAgents()) this.rta.evaluate(a, now, now);
  }

  private async loadSchedules(agentIds: string[] | null, now: number): Promise<void> {
    const segs = await this.store.loadScheduleSegments(agentIds, now - SCHEDULE_BACK, now + SCHEDULE_AHEAD);
    this.records.replaceSchedules(agentIds, segs);
    if (agentIds === null) this.scheduleLoadedUntil = now + SCHEDULE_AHEAD;
  }

  private async applyNow(batch: IngestBatch): Promise<void> {
    const now = this.now();
    switch (batch.kind) {
      case 'org':
        // New or moved agents/teams: re-place everyone; records in memory stay valid.
        this.orgIndex = await this.orgs.refresh();
        this.unplaced.clear();
        this.records.setOrg(this.orgIndex);
        return;
      case 'forecast':
        this.records.addForecasts(batch.records);
        for (const siteId of new Set(batch.records.map((f) => f.siteId))) {
          this.subject.next({ type: 'touched', siteId, teamId: null, agentId: null, at: now, staffing: true });
        }
        return;
      case 'schedule': {
        const ids = [...new Set(batch.records.map((s) => s.agentId))];
        await this.ensureAgents(ids);
        await this.loadSchedules(ids, now);
        for (const id of ids) this.afterAgentChange(id, now, now, true);
        return;
      }
      case 'contact':
        return this.applyContacts(batch.records, now);
      case 'state':
        return this.applyStates(batch.records, now);
    }
  }

  private async applyStates(events: readonly AgentStateEvent[], now: number): Promise<void> {
    await this.ensureAgents(events.map((e) => e.agentId));
    const touched = new Map<string, number>();
    for (const e of events) {
      const agent = this.records.ensureAgent(e.agentId);
      const before = this.records.latest(agent);
      if (!this.records.addEvent(e)) continue;
      const isChange = !before || (e.at >= before.at && e.state !== before.state);
      if (isChange && e.at >= (before?.at ?? -Infinity)) this.subject.next({ type: 'agent-state', payload: this.statePayload(agent, e) });
      touched.set(e.agentId, Math.min(touched.get(e.agentId) ?? Infinity, e.at));
    }
    for (const [id, at] of touched) this.afterAgentChange(id, now, at, true);
  }

  private async applyContacts(contacts: readonly Contact[], now: number): Promise<void> {
    const added = this.records.addContacts(contacts);
    const seen = new Set<string>();
    for (const c of added) {
      const key = `${c.siteId}\u0000${c.teamId ?? ''}\u0000${c.agentId ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      this.subject.next({ type: 'touched', siteId: c.siteId, teamId: c.teamId, agentId: c.agentId, at: Math.max(c.endedAt, c.enqueuedAt), staffing: false });
    }
    void now;
  }

  private afterAgentChange(agentId: string, now: number, at: number, staffing: boolean): void {
    const agent = this.records.agent(agentId);
    if (!agent) return;
    this.emitAll(this.rta.evaluate(agent, now, at));
    this.subject.next({ type: 'touched', siteId: agent.siteId, teamId: agent.teamId, agentId, at, staffing });
  }

  /** Agents ingest created since the org was loaded: refresh the org once, then place them. */
  private async ensureAgents(ids: readonly string[]): Promise<void> {
    const missing = ids.filter((id) => !this.orgIndex?.agentById.has(id) && !this.unplaced.has(id));
    if (!this.orgIndex || missing.length === 0) return;
    this.orgIndex = await this.orgs.refresh();
    this.records.setOrg(this.orgIndex);
    for (const id of new Set(missing)) {
      if (this.orgIndex.agentById.has(id)) continue;
      // Asked once per agent: the org is not reloaded for every batch that names them.
      this.unplaced.add(id);
      this.log.warn(`agent ${id} is not in the org; shown under site ${UNASSIGNED_SITE_ID}`);
    }
  }

  private emitAll(changes: RtaTransition[]): void {
    for (const c of changes) this.subject.next(c);
  }

  private statePayload(agent: LiveAgent, e: AgentStateEvent): AgentStateEventPayload {
    return { at: iso(e.at), agentId: agent.id, teamId: agent.teamId, siteId: agent.siteId, state: e.state, since: iso(e.at) };
  }
}
