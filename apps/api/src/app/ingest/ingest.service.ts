import { Injectable, Optional } from '@nestjs/common';
import { FEED_FORMATS, type FeedFormat, type IngestSummary } from '@floorwatch/contracts';
import {
  createParser,
  duplicateOutcome,
  OutcomeCounter,
  QueueLogParser,
  readUnits,
  type ByteSource,
  type FeedParser,
  type FeedUnit,
  type LineOutcome,
} from '@floorwatch/feeds';
import { describeDbError } from '../database/describe-db-error';
import { analyzeStaleTables } from '../database/analyze-stale';
import { lineHashOf } from '../database/line-hash';
import { RecordStore } from '../database/record-store';
import type { QuarantineRecord } from '../database/record-types';
import { MetricsService } from '../metrics/metrics.service';
import { OrgService } from '../org/org.service';
import { customerKeySalt } from './customer-key';
import { redactLine, redactQueueLogState } from './redact-caller';
import { HEADER_FORMATS, loadFeedState, saveFeedState, STATEFUL_FORMATS, type StoredFeedState } from './feed-state';
import { IngestEvents } from './ingest-events';
import { clean, emptyBatch, liveContacts, liveSchedule, liveStates, mapRecord, type MappedBatch } from './map-records';
import { OrgMapper } from './org-mapper';
import type { RebuildReport } from '../rollup/rollup-rebuild';
import type { AgentTouch } from '../rollup/agent-time-rollup';
import { RollupService } from '../rollup/rollup.service';
import { finishQueueLogAgents, rederiveInBatch, type InBatchAgents } from './queue-log/queue-log-finish';
import { writeQueueLogBatch, type AcceptedQlLine } from './queue-log/queue-log-calls';
import { judgeQueueLogUnits, legacyLineClaims, type ClaimedQlLine } from './queue-log/queue-log-claims';
import { notQueueLogReason, QueueLogHead } from './queue-log/queue-log-refuse';
import type { ContactTouch } from './queue-log/queue-log-sql';
import { CustomerIngestHook } from '../customer/customer-ingest-hook';
import { quarantineDuplicateResponses } from '../customer/ingest/duplicate-response';
import { writeSessionLinks, writeSessions } from '../selfservice/selfservice-store';
import { refreshSessionRollup, storedSessionStarts, type SessionTouches } from '../rollup/session-rollup';
import { markCallbackExits, markStoredCallbackExits } from '../selfservice/callback-exits';

export interface IngestOptions {
  /** File name or stream id, stored with quarantined lines. */
  source: string;
  /** Lines per transaction. Default 20 000: per-batch costs (staging tables, parser state) dominate smaller batches. */
  batchSize?: number;
  /** Called after each committed batch with the running summary. */
  onBatch?: (summary: IngestSummary) => void;
  /**
   * Bulk backfill: skip the per-batch rollup refresh and only record the touched span; the
   * caller must then call rebuildRollups() (until then rollup-served KPIs lag the raw data).
   */
  deferRollups?: boolean;
  /**
   * queue_log: leave every batch's agents pass to the end of the run, as a run does on its own once
   * one batch's replay exceeds one group (a call-grouped file). Same records either way; for tests
   * of the end-of-run pass.
   */
  agentsAtEnd?: boolean;
  /** customer.md: false = raise no HOTLINE cases (backfills: `fw ingest --no-hotline`, `?hotline=false`). */
  hotline?: boolean;
}

/** Bad request: unknown format. The CLI exits 2, the API answers 400. */
export class IngestInputError extends Error {
  override readonly name = 'IngestInputError';
}

/** The database failed mid-ingest; everything before `lineNumber` is stored and a re-run completes the rest. */
export class IngestInterruptedError extends Error {
  override readonly name = 'IngestInterruptedError';
  constructor(
    readonly source: string,
    readonly lineNumber: number,
    readonly summary: IngestSummary,
    cause: unknown,
  ) {
    super(
      `ingest of ${source} stopped at line ${lineNumber}: ${describeDbError(cause)}; ` +
        `lines before it are stored, run the same ingest again to finish (stored lines count as duplicates)`,
      { cause },
    );
  }
}

export function isFeedFormat(format: string): format is FeedFormat {
  return (FEED_FORMATS as readonly string[]).includes(format);
}

/**
 * Feed files into the database. Each batch is one transaction holding the line hashes, the
 * records, the quarantined lines and the parser state together, so a failure anywhere leaves the
 * database at a batch boundary and re-running the same input finishes the job exactly once.
 */
@Injectable()
export class IngestService {
  /** One ingest per format at a time: parser state is per format. */
  private readonly locks = new Map<string, Promise<unknown>>();
  /** 15-minute rollups refreshed in each batch's transaction (only the intervals it touched). */
  private readonly rollups = new RollupService();
  /** customer.md: each batch (re)attributes the survey responses its records could change and raises HOTLINE cases. */
  readonly customer = new CustomerIngestHook();

  constructor(
    private readonly store: RecordStore,
    private readonly orgs: OrgService,
    private readonly events: IngestEvents,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  ingest(format: string, source: ByteSource, options: IngestOptions): Promise<IngestSummary> {
    if (!isFeedFormat(format)) {
      return Promise.reject(new IngestInputError(`unknown feed format "${format}"; expected one of ${FEED_FORMATS.join(', ')}`));
    }
    const previous = this.locks.get(format) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.run(format, source, options));
    this.locks.set(format, run);
    return run;
  }

  /**
   * Brings the rollups up to date after ingests with deferRollups, in one transaction, once the
   * ingests under way have finished.
   */
  async rebuildRollups(onProgress?: (step: string, done: number, total: number) => void): Promise<RebuildReport> {
    await Promise.allSettled([...this.locks.values()]);
    return this.store.transaction((tx) => this.rollups.rebuild(tx, onProgress));
  }

  private async run(format: FeedFormat, source: ByteSource, options: IngestOptions): Promise<IngestSummary> {
    const salt = await customerKeySalt(this.store);
    const mapper = new OrgMapper(await this.orgs.org());
    const parser = createParser(format);
    const stateful = STATEFUL_FORMATS.has(format);
    const saved = stateful ? await loadFeedState(this.store, format) : null;
    if (saved) parser.importState(saved.parser);
    const ctx: RunContext = { format, options, parser, mapper, salt, stateful, header: HEADER_FORMATS.has(format), callSources: saved?.callSources ?? {}, lastSeq: new Map(Object.entries(saved?.lastSeq ?? {})), counter: new OutcomeCounter(), qlTouches: [], qlContactsWritten: false, qlInBatch: options.agentsAtEnd !== true, qlAgents: null, qlLegacyClaims: null };
    const size = options.batchSize ?? 20_000;
    let batch: FeedUnit[] = [];
    // queue_log: the file's head (QueueLogHead) is held until it can be judged, whatever the batch
    // size: a first batch of garbage lines must not refuse a file whose later lines are queue_log.
    let head: QueueLogHead | null = format === 'queue_log' ? new QueueLogHead() : null;
    // One batch's transaction in flight while the next batch is read (and its lines split and
    // decoded): the file's reading overlaps the database's work. Batches still commit one at a
    // time, in file order; a failed one stops the run at the next batch boundary.
    let inFlight: Promise<void> | null = null;
    const add = async (unit: FeedUnit): Promise<void> => {
      batch.push(unit);
      if (batch.length >= size) {
        const full = batch;
        batch = [];
        if (inFlight) await inFlight;
        inFlight = this.commit(ctx, full);
        // Rejections surface where it is awaited (next batch, end of input, or the catch below).
        inFlight.catch(() => undefined);
      }
    };
    try {
      for await (const unit of readUnits(format, source)) {
        if (head === null) {
          await add(unit);
          continue;
        }
        if (head.push(unit)) {
          this.refuseNonQueueLog(ctx, head.units);
          for (const u of head.units) await add(u);
          head = null;
        }
      }
      if (head !== null) {
        this.refuseNonQueueLog(ctx, head.units);
        for (const u of head.units) await add(u);
      }
      if (inFlight) await inFlight;
    } catch (err) {
      // Never return while a batch is still writing (the next ingest of the format would overlap it).
      await (inFlight as Promise<void> | null)?.catch(() => undefined);
      throw err;
    }
    if (batch.length > 0) await this.commit(ctx, batch);
    if (format === 'queue_log') {
      try {
        await finishQueueLogAgents(
          this.store,
          ctx.mapper,
          this.rollups,
          options.deferRollups === true,
          (states) => {
            if (states.length > 0) this.events.publish({ kind: 'state', format, records: liveStates(states) });
          },
          ctx.qlContactsWritten,
        );
      } catch (err) {
        throw new IngestInterruptedError(options.source, ctx.counter.summary().read + 1, ctx.counter.summary(), err);
      }
    }
    // The next file's hooks planned from statistics of what this one wrote (analyze-stale.ts): once a file, not a batch.
    await analyzeStaleTables(this.store);
    return ctx.counter.summary();
  }

  /** queue_log: a file that is plainly something else is refused before its first batch is written. */
  private refuseNonQueueLog(ctx: RunContext, first: FeedUnit[]): void {
    if (ctx.format !== 'queue_log') return;
    const reason = notQueueLogReason(ctx.options.source, first);
    if (reason !== null) throw new IngestInputError(reason);
  }

  private async commit(ctx: RunContext, units: FeedUnit[]): Promise<void> {
    const { format, mapper } = ctx;
    const outcomes: LineOutcome[] = [];
    const mapped = emptyBatch();
    let qlLines: AcceptedQlLine[] = [];
    let created: ReturnType<OrgMapper['takeCreated']> = { agents: [], queues: [] };
    try {
      await this.store.transaction(async (tx) => {
        if (format === 'queue_log') {
          // queue_log: lines are kept and records derived from the set of them (queue-log/), claimed a block at a time.
          const judged = await judgeQueueLogUnits(tx, units);
          outcomes.push(...judged.outcomes);
          qlLines = judged.lines;
        } else {
          const hashes = units.map((u) => lineHashOf(u.text));
          this.judgeUnits(ctx, units, hashes, await tx.claimFeedLines(format, [...new Set(hashes)]), outcomes, mapped);
        }
        ctx.qlAgents = null;
        if (qlLines.length > 0) {
          const pass = { agents: null as InBatchAgents | null };
          // The batch's agents pass while the run's files stay time-sorted; once one batch's replay
          // is too large (a call-grouped file), the run leaves its agents to the pass at its end.
          const afterLines = ctx.qlInBatch
            ? async () => {
                pass.agents = await rederiveInBatch(tx, mapper, ctx.options.deferRollups === true);
                if (pass.agents === null) ctx.qlInBatch = false;
              }
            : undefined;
          ctx.qlLegacyClaims ??= await legacyLineClaims(tx);
          const r = await writeQueueLogBatch(tx, qlLines, clean(ctx.options.source), mapper, ctx.salt, ctx.qlLegacyClaims, afterLines);
          for (const k of r.duplicates) {
            const i = (qlLines[k] as ClaimedQlLine).index;
            outcomes[i] = duplicateOutcome(units[i]);
          }
          mapped.contacts.push(...r.contacts);
          ctx.qlTouches = r.touches;
          ctx.qlAgents = pass.agents;
          if (r.touches.length > 0 && pass.agents === null) ctx.qlContactsWritten = true;
        }
        if (format === 'survey') mapped.surveys = await quarantineDuplicateResponses(tx, outcomes, mapped.surveys);
        created = mapper.takeCreated();
        await this.write(tx, ctx, outcomes, mapped, created);
        ctx.qlTouches = [];
      });
    } catch (err) {
      mapper.forget(created);
      this.customer.discard();
      throw new IngestInterruptedError(ctx.options.source, units[0]?.lineNumber ?? 0, ctx.counter.summary(), err);
    }
    for (const o of outcomes) ctx.counter.add(o);
    this.customer.flush();
    this.afterCommit(ctx, outcomes, mapped, created.agents.length + created.queues.length > 0);
  }

  /** Every format but queue_log: a line whose hash was claimed before is a duplicate, the others go through the parser. */
  private judgeUnits(ctx: RunContext, units: readonly FeedUnit[], hashes: readonly string[], fresh: Set<string>, outcomes: LineOutcome[], mapped: MappedBatch): void {
    units.forEach((unit, i) => {
      let outcome: LineOutcome;
      if (fresh.delete(hashes[i])) outcome = ctx.parser.push(unit);
      else {
        // A file's own header sets up its columns even when an earlier file had the same one.
        if (ctx.header && unit.lineNumber === 1) ctx.parser.push(unit);
        outcome = duplicateOutcome(unit);
      }
      outcomes.push(outcome);
      for (const r of outcome.records) mapRecord(r, ctx.format, ctx.mapper, ctx.salt, ctx.lastSeq, mapped);
    });
  }

  private async write(tx: RecordStore, ctx: RunContext, outcomes: LineOutcome[], m: MappedBatch, created: ReturnType<OrgMapper['takeCreated']>): Promise<void> {
    for (const org of m.orgs) await tx.upsertOrg(org);
    if (created.agents.length || created.queues.length) await tx.upsertOrg({ agents: created.agents, queues: created.queues });
    const quarantined: QuarantineRecord[] = outcomes
      .filter((o) => o.status === 'quarantined')
      .map((o) => ({ source: clean(ctx.options.source), format: ctx.format, lineNumber: o.lineNumber, raw: clean(redactLine(ctx.salt, ctx.format, o.raw)), reason: o.reason ?? 'unknown' }));
    await tx.writeQuarantine(quarantined);
    // queue_log contacts are written (and replaced) by writeQueueLogBatch.
    if (ctx.format !== 'queue_log') {
      await markCallbackExits(tx, m.contacts, m.sessionLinks);
      await tx.writeContacts(m.contacts);
    }
    await tx.writeStateEvents(m.states);
    await tx.writeScheduleSegments(m.schedule);
    await tx.writeForecasts(m.forecasts);
    await tx.writeSurveys(m.surveys);
    // The session rollup re-aggregates a replaced session's old interval too: its start is read before the write.
    const previousStarts = ctx.options.deferRollups ? [] : await storedSessionStarts(tx, m.sessions.map((x) => x.sessionId));
    await writeSessions(tx, m.sessions);
    await writeSessionLinks(tx, m.sessionLinks);
    const exits = await markStoredCallbackExits(tx, m.sessionLinks);
    const sessionTouches: SessionTouches = { sessions: m.sessions, previousStarts, linkedSessionIds: m.sessionLinks.map((l) => l.sessionId), contacts: ctx.format === 'queue_log' ? ctx.qlTouches : m.contacts };
    if (ctx.options.deferRollups) await this.rollups.defer(tx, { contacts: [], agentTimes: [], sessions: m.sessions });
    else await refreshSessionRollup(tx, sessionTouches);
    const ql = ctx.qlAgents;
    if (m.contacts.length || exits.length || ctx.qlTouches.length || m.states.length || m.schedule.length || m.surveys.length || (ql && (ql.agentTimes.length || ql.contacts.length))) {
      const agentTimes: AgentTouch[] = [...m.states.map((e) => ({ agentId: e.agentId, at: e.at, kind: 'state' as const })), ...m.schedule.map((s) => ({ agentId: s.agentId, at: s.start })), ...(ql?.agentTimes ?? [])];
      const touches = { contacts: ctx.format === 'queue_log' ? ctx.qlTouches : [...m.contacts, ...exits], agentTimes, surveys: m.surveys, acwIntervals: ql?.acwIntervals };
      if (ctx.options.deferRollups) await this.rollups.defer(tx, { ...touches, contacts: [...touches.contacts, ...(ql?.contacts ?? [])] });
      // queue_log: agent time waits for the agents pass, in this batch (rederiveInBatch) or at the end of the run (queue-log-finish.ts).
      else await this.rollups.refresh(tx, touches, { agentTime: ctx.format !== 'queue_log' || ql !== null });
      await this.customer.afterWrite(tx, m.contacts, m.surveys, ctx.options.hotline !== false, ctx.options.deferRollups === true);
    }
    if (ctx.stateful) await saveFeedState(tx, ctx.format, this.stateToSave(ctx));
  }

  private stateToSave(ctx: RunContext): StoredFeedState {
    const callSources: Record<string, string> = {};
    if (ctx.parser instanceof QueueLogParser) {
      // Every open call (no age limit): a call opened in this ingest is attributed to this source.
      for (const c of ctx.parser.openCalls(Number.NEGATIVE_INFINITY)) callSources[c.callId] = ctx.callSources[c.callId] ?? ctx.options.source;
    }
    ctx.callSources = callSources;
    // Only the agents' latest instants matter; older entries can never tie again in order.
    const lastSeq: Record<string, [number, number]> = {};
    for (const [agent, v] of ctx.lastSeq) lastSeq[agent] = v;
    const parser = ctx.parser instanceof QueueLogParser ? redactQueueLogState(ctx.salt, ctx.parser.exportState()) : ctx.parser.exportState();
    return { version: 1, parser, callSources, lastSeq };
  }

  private afterCommit(ctx: RunContext, outcomes: LineOutcome[], m: MappedBatch, orgChanged: boolean): void {
    if (this.metrics) {
      let accepted = 0;
      let duplicate = 0;
      for (const o of outcomes) {
        if (o.status === 'accepted') accepted++;
        else if (o.status === 'duplicate') duplicate++;
      }
      this.metrics.countIngest(ctx.format, 'accepted', accepted);
      this.metrics.countIngest(ctx.format, 'duplicate', duplicate);
      this.metrics.countIngest(ctx.format, 'quarantined', outcomes.length - accepted - duplicate);
    }
    if (orgChanged || m.orgs.length) void this.orgs.refresh().catch(() => undefined);
    if (m.orgs.length) {
      // Later batches map through the org just written.
      ctx.mapper = new OrgMapper(m.orgs[m.orgs.length - 1]);
    }
    this.events.publish({ kind: 'org', format: ctx.format, records: m.orgs });
    this.events.publish({ kind: 'state', format: ctx.format, records: liveStates(m.states) });
    const derived = ctx.qlAgents?.states ?? [];
    if (derived.length > 0) this.events.publish({ kind: 'state', format: ctx.format, records: liveStates(derived.sort(byTimeThenAgent)) });
    this.events.publish({ kind: 'contact', format: ctx.format, records: liveContacts(m.contacts) });
    this.events.publish({ kind: 'schedule', format: ctx.format, records: liveSchedule(m.schedule) });
    ctx.options.onBatch?.(ctx.counter.summary());
  }
}

interface RunContext {
  format: FeedFormat;
  options: IngestOptions;
  parser: FeedParser;
  mapper: OrgMapper;
  salt: string;
  stateful: boolean;
  header: boolean;
  callSources: Record<string, string>;
  counter: OutcomeCounter;
  lastSeq: Map<string, [number, number]>;
  /** queue_log: the contacts one batch wrote, replaced or deleted (for its rollup refresh). */
  qlTouches: ContactTouch[];
  /** queue_log: some batch of this run wrote or replaced contacts and left its agents pass to the end of the run. */
  qlContactsWritten: boolean;
  /** queue_log: batches still run their own agents pass (until one's replay is too large). */
  qlInBatch: boolean;
  /** queue_log: what the current batch's agents pass did (null: left to the end of the run). */
  qlAgents: InBatchAgents | null;
  /** queue_log: stored lines may be claimed in feed_lines only (legacyLineClaims; read once per run). */
  qlLegacyClaims: boolean | null;
}

/** Live order of derived states, as the end-of-run pass publishes them. */
function byTimeThenAgent(a: { at: number; seq?: number; agentId: string }, b: { at: number; seq?: number; agentId: string }): number {
  return a.at - b.at || (a.seq ?? 0) - (b.seq ?? 0) || (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0);
}
