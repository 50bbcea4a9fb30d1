import type { AgentState } from '@floorwatch/contracts';
import { judge, quarantine } from '../outcome';
import type { FeedContact, FeedParser, FeedRecord, FeedUnit, LineOutcome, ParserOptions } from '../types';
import { queueLogContact } from './derive-call';
import { parseQueueLogLine, type QlEvent, type QlLine } from './parse-line';
import { readQueueLogState, type AgentTrack, type OpenCall, type OpenCallState, type QueueLogState } from './state';

export const DEFAULT_ACW_REASONS = ['ACW', 'Wrapup', 'wrap-up'];
/** An acw state starting this soon after the call's end is that call's wrap-up (feeds.md). */
const ACW_LINK_MS = 5000;
/** Transferred calls re-enter a queue within minutes; older closed call ids are forgotten to keep memory flat. */
const CLOSED_RETENTION_MS = 4 * 3600 * 1000;
const INCOMPLETE_AFTER_SECONDS = 4 * 3600;

export interface QueueLogOptions extends ParserOptions {
  /** Events accepted with no record besides the built-in ones (e.g. `PENALTY`, `INFO`). */
  ignoredEvents?: string[];
}

/**
 * Assembles queue_log lines into one Contact per agent segment plus agent state events.
 * Lines of one call arrive in order; calls may interleave. Open calls, agent states and held-back
 * contacts survive between files through exportState()/importState().
 */
export class QueueLogParser implements FeedParser {
  readonly format = 'queue_log' as const;
  private readonly acwReasons: Set<string>;
  private readonly ignored: Set<string>;
  private readonly lookaheadMs: number;
  private latest = 0;
  private calls = new Map<string, OpenCallState>();
  private agents = new Map<string, AgentTrack>();
  private closed = new Map<string, [number, number]>();
  /** Agents with a contact awaiting wrap-up, by call end (roughly ascending). */
  private lookahead: Array<[string, number]> = [];
  private lookaheadHead = 0;
  private linesSincePrune = 0;

  constructor(options: QueueLogOptions = {}) {
    this.acwReasons = new Set((options.acwReasons ?? DEFAULT_ACW_REASONS).map((r) => r.toLowerCase()));
    this.ignored = new Set((options.ignoredEvents ?? []).map((e) => e.toUpperCase()));
    this.lookaheadMs = (options.acwLookaheadSeconds ?? 60) * 1000;
  }

  push(unit: FeedUnit): LineOutcome {
    return judge(unit, () => {
      const line = parseQueueLogLine(unit.text, this.ignored);
      const out: FeedRecord[] = [];
      if (line) this.apply(line, unit, out);
      return out;
    });
  }

  end(): FeedRecord[] {
    const out: FeedRecord[] = [];
    for (const a of this.agents.values()) {
      // The wrap-up is still running at the end of the feed: count it up to the latest event.
      if (a.pending) this.emitPending(a, a.pending.acwStart === null ? a.pending.callEnd : this.latest, out);
    }
    this.lookahead = [];
    this.lookaheadHead = 0;
    return out;
  }

  openCalls(olderThanSeconds = INCOMPLETE_AFTER_SECONDS): OpenCall[] {
    const cutoff = this.latest - olderThanSeconds * 1000;
    const out: OpenCall[] = [];
    for (const c of this.calls.values()) {
      if (c.enteredAt < cutoff) out.push({ callId: c.callId, queueRef: c.queueRef, enqueuedAt: c.enteredAt, answered: c.answeredAt !== null, lineNumber: c.lineNumber, raw: c.raw });
    }
    return out;
  }

  exportState(): string {
    const s: QueueLogState = {
      version: 1,
      latest: this.latest,
      calls: [...this.calls.values()],
      agents: [...this.agents.entries()],
      closed: [...this.closed.entries()].map(([id, [seg, at]]) => [id, seg, at]),
    };
    return JSON.stringify(s);
  }

  importState(json: string): void {
    const s = readQueueLogState(json);
    this.latest = s.latest;
    this.calls = new Map(s.calls.map((c) => [c.callId, c]));
    this.agents = new Map(s.agents);
    this.closed = new Map(s.closed.map(([id, seg, at]) => [id, [seg, at]]));
    this.lookahead = [];
    this.lookaheadHead = 0;
    for (const [ref, a] of this.agents) if (a.pending && a.pending.acwStart === null) this.lookahead.push([ref, a.pending.callEnd]);
  }

  private apply(line: QlLine, unit: FeedUnit, out: FeedRecord[]): void {
    const ev = line.ev;
    const ending = ev.type === 'connect' || ev.type === 'complete' || ev.type === 'exit' || ev.type === 'blocked';
    if (ending && !this.calls.has(line.callId) && this.closed.has(line.callId)) {
      quarantine('call-already-closed', `${line.event} for call ${line.callId}, which already ended`);
    }
    this.advance(line.at, out);
    switch (ev.type) {
      case 'noop':
        return;
      case 'enter':
        return this.enter(line, ev.callerId, unit);
      case 'connect':
        return this.connect(line, ev.holdSeconds, out);
      case 'complete':
        return this.complete(line, ev, out);
      case 'exit':
        return this.exit(line, ev, out);
      case 'blocked':
        return this.blocked(line, out);
      default:
        return this.member(line, ev, out);
    }
  }

  private advance(at: number, out: FeedRecord[]): void {
    if (at <= this.latest) return;
    this.latest = at;
    while (this.lookaheadHead < this.lookahead.length) {
      const [ref, callEnd] = this.lookahead[this.lookaheadHead];
      if (callEnd + this.lookaheadMs >= at) break;
      this.lookaheadHead++;
      const a = this.agents.get(ref);
      if (a?.pending && a.pending.callEnd === callEnd && a.pending.acwStart === null) this.emitPending(a, callEnd, out);
    }
    if (this.lookaheadHead > 1024 && this.lookaheadHead * 2 > this.lookahead.length) {
      this.lookahead = this.lookahead.slice(this.lookaheadHead);
      this.lookaheadHead = 0;
    }
    if (++this.linesSincePrune >= 50_000) {
      this.linesSincePrune = 0;
      for (const [id, [, closedAt]] of this.closed) if (closedAt < at - CLOSED_RETENTION_MS) this.closed.delete(id);
    }
  }

  private newCall(line: QlLine, enteredAt: number, customerRef: string | null, unit: FeedUnit | null): OpenCallState {
    const segment = (this.closed.get(line.callId)?.[0] ?? 0) + 1;
    return {
      callId: line.callId,
      queueRef: line.queue ?? 'NONE',
      segment,
      enteredAt,
      customerRef,
      agentRef: null,
      answeredAt: null,
      waitSeconds: null,
      lineNumber: unit?.lineNumber ?? 0,
      raw: unit?.text ?? '',
    };
  }

  private enter(line: QlLine, callerId: string | null, unit: FeedUnit): void {
    const prev = this.calls.get(line.callId);
    const call = this.newCall(line, line.at, callerId, unit);
    // Moved to another queue before being answered: the same segment continues in the new queue.
    if (prev && prev.answeredAt === null) call.segment = prev.segment;
    this.calls.set(line.callId, call);
  }

  private callFor(line: QlLine, backSeconds: number): OpenCallState {
    return this.calls.get(line.callId) ?? this.newCall(line, line.at - backSeconds * 1000, null, null);
  }

  private connect(line: QlLine, holdSeconds: number, out: FeedRecord[]): void {
    const call = this.callFor(line, holdSeconds);
    call.agentRef = line.agent;
    call.answeredAt = line.at;
    call.waitSeconds = holdSeconds;
    this.calls.set(line.callId, call);
    if (!line.agent) return;
    const a = this.agent(line.agent);
    this.resolvePending(a, 'on_contact', line.at, out);
    const pre = a.state;
    a.returnState = pre === null || pre === 'on_contact' || pre === 'acw' ? 'available' : pre;
    a.callId = line.callId;
    this.setState(line.agent, a, 'on_contact', line.at, out);
  }

  private complete(line: QlLine, ev: Extract<QlEvent, { type: 'complete' }>, out: FeedRecord[]): void {
    const call = this.callFor(line, ev.holdSeconds + ev.talkSeconds);
    const agentRef = call.agentRef ?? line.agent;
    const contact = this.contact(call, {
      agentRef,
      answeredAt: call.answeredAt ?? line.at - ev.talkSeconds * 1000,
      endedAt: line.at,
      waitSeconds: call.waitSeconds ?? ev.holdSeconds,
      talkSeconds: ev.talkSeconds,
      outcome: ev.outcome,
      transferredTo: ev.transferredTo,
    });
    if (ev.endedBy) contact.endedBy = ev.endedBy;
    this.close(call, line.at);
    if (!agentRef) {
      out.push(contact);
      return;
    }
    const a = this.agent(agentRef);
    if (a.pending) this.emitPending(a, a.pending.acwStart === null ? a.pending.callEnd : contact.answeredAt ?? line.at, out);
    let acwStart: number | null = null;
    if (a.callId === line.callId) {
      const ret = a.returnState ?? 'available';
      a.callId = null;
      a.returnState = null;
      this.setState(agentRef, a, ret, line.at, out);
      if (ret === 'acw') acwStart = line.at;
    }
    a.pending = { contact, callEnd: line.at, acwStart };
    if (acwStart === null) this.lookahead.push([agentRef, line.at]);
  }

  private exit(line: QlLine, ev: Extract<QlEvent, { type: 'exit' }>, out: FeedRecord[]): void {
    const call = this.callFor(line, ev.waitSeconds ?? 0);
    const wait = ev.waitSeconds ?? Math.max(0, (line.at - call.enteredAt) / 1000);
    const contact = this.contact(call, { agentRef: null, answeredAt: null, endedAt: line.at, waitSeconds: wait, talkSeconds: 0, outcome: ev.outcome, transferredTo: null });
    out.push(ev.byKey ? { ...contact, exitedByKey: true } : contact);
    this.close(call, line.at);
  }

  private blocked(line: QlLine, out: FeedRecord[]): void {
    const call = this.callFor(line, 0);
    const wait = Math.max(0, (line.at - call.enteredAt) / 1000);
    out.push(this.contact(call, { agentRef: null, answeredAt: null, endedAt: line.at, waitSeconds: wait, talkSeconds: 0, outcome: 'blocked', transferredTo: null }));
    this.close(call, line.at);
  }

  private member(line: QlLine, ev: QlEvent, out: FeedRecord[]): void {
    const ref = line.agent as string;
    const a = this.agent(ref);
    let next: AgentState | null = null;
    if (ev.type === 'login') {
      if (line.queue && !a.queues.includes(line.queue)) a.queues.push(line.queue);
      // Joining one more queue does not end a break: only a logged-out agent becomes available.
      const current = a.callId ? a.returnState : a.state;
      if (current === null || current === 'logged_out') next = 'available';
    } else if (ev.type === 'logout') {
      a.queues = ev.allQueues ? [] : a.queues.filter((q) => q !== line.queue);
      if (a.queues.length === 0) next = 'logged_out';
    } else if (ev.type === 'pause') {
      const r = ev.reason.toLowerCase();
      next = r === '' ? 'aux:pause' : this.acwReasons.has(r) ? 'acw' : `aux:${r}`;
    } else if (ev.type === 'unpause') {
      next = 'available';
    }
    if (next === null) return;
    if (a.callId) {
      // Changes made during a call take effect when it ends; the call stays on_contact.
      a.returnState = next;
      return;
    }
    if (a.state === next) return;
    this.resolvePending(a, next, line.at, out);
    this.setState(ref, a, next, line.at, out);
  }

  /** The agent leaves their post-call state: settle the held-back contact's wrap-up. */
  private resolvePending(a: AgentTrack, next: AgentState, at: number, out: FeedRecord[]): void {
    const p = a.pending;
    if (!p) return;
    if (p.acwStart !== null) this.emitPending(a, at, out);
    else if (next === 'acw' && at - p.callEnd <= ACW_LINK_MS) p.acwStart = Math.max(at, p.callEnd);
    else this.emitPending(a, p.callEnd, out);
  }

  private emitPending(a: AgentTrack, acwEnd: number, out: FeedRecord[]): void {
    const p = a.pending;
    if (!p) return;
    a.pending = null;
    if (p.acwStart !== null) p.contact.acwSeconds = Math.max(0, (acwEnd - p.acwStart) / 1000);
    out.push(p.contact);
  }

  private setState(ref: string, a: AgentTrack, state: AgentState, at: number, out: FeedRecord[]): void {
    if (a.state === state) return;
    a.state = state;
    out.push({ kind: 'state', agentRef: ref, at, state });
  }

  private agent(ref: string): AgentTrack {
    let a = this.agents.get(ref);
    if (!a) {
      a = { state: null, queues: [], callId: null, returnState: null, pending: null };
      this.agents.set(ref, a);
    }
    return a;
  }

  private close(call: OpenCallState, at: number): void {
    this.calls.delete(call.callId);
    this.closed.set(call.callId, [call.segment, at]);
  }

  /** Built by queueLogContact, the one place a queue_log contact is shaped (ingest derives through it too). */
  private contact(
    call: OpenCallState,
    v: Pick<FeedContact, 'agentRef' | 'answeredAt' | 'endedAt' | 'waitSeconds' | 'talkSeconds' | 'outcome' | 'transferredTo'>,
  ): FeedContact {
    return queueLogContact(call.callId, call, v);
  }
}
