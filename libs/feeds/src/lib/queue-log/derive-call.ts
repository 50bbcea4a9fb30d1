import type { FeedContact } from '../types';
import { compareCallLines, type OrderedLine } from './line-order';

/** A call that entered a queue and has not ended: listed as `incomplete` once 4 h old. */
export interface DerivedOpenCall {
  callId: string;
  queueRef: string;
  enteredAt: number;
  answered: boolean;
  /** The line that opened it (its text, for the quarantine list). */
  text: string;
}

export interface DerivedCall {
  contacts: FeedContact[];
  open: DerivedOpenCall | null;
}

interface CallSegment {
  queueRef: string;
  segment: number;
  enteredAt: number;
  customerRef: string | null;
  agentRef: string | null;
  answeredAt: number | null;
  waitSeconds: number | null;
  text: string;
}

type ContactValues = Pick<FeedContact, 'agentRef' | 'answeredAt' | 'endedAt' | 'waitSeconds' | 'talkSeconds' | 'outcome' | 'transferredTo'> & Partial<Pick<FeedContact, 'exitedByKey' | 'endedBy'>>;

/**
 * The one place a queue_log contact is built (every derived segment goes through here).
 * acwSeconds is 0: the wrap-up is linked later from the agent's states (acw-link.ts).
 */
export function queueLogContact(callId: string, s: Pick<CallSegment, 'queueRef' | 'segment' | 'enteredAt' | 'customerRef'>, v: ContactValues): FeedContact {
  return {
    kind: 'contact',
    naturalKey: `ql:${callId}:${s.segment}`,
    lastUpdatedAt: null,
    contactId: callId,
    segmentId: String(s.segment),
    channel: 'voice',
    queueRef: s.queueRef,
    reason: null,
    customerRef: s.customerRef,
    enqueuedAt: s.enteredAt,
    // queue_log logs inbound queue calls only (selfservice.md §1).
    direction: 'inbound',
    queued: true,
    holdSeconds: 0,
    acwSeconds: 0,
    ...v,
  };
}

/**
 * Every contact segment of one call from the SET of its lines (any order in, sorted here), so the
 * result does not depend on how the lines arrived. A transfer that re-enters a queue opens the
 * next segment; a line ending a call that already ended, with no ENTERQUEUE between, changes nothing.
 */
export function deriveCall(callId: string, input: readonly OrderedLine[]): DerivedCall {
  const lines = [...input].sort(compareCallLines);
  const contacts: FeedContact[] = [];
  let cur: CallSegment | null = null;
  let closed = 0;
  const open = (at: number, queue: string | null, customerRef: string | null, text: string): CallSegment => ({
    queueRef: queue ?? 'NONE',
    segment: closed + 1,
    enteredAt: at,
    customerRef,
    agentRef: null,
    answeredAt: null,
    waitSeconds: null,
    text,
  });
  const end = (seg: CallSegment, v: ContactValues): void => {
    contacts.push(queueLogContact(callId, seg, v));
    closed = seg.segment;
    cur = null;
  };
  for (const { line, text } of lines) {
    const ev = line.ev;
    if (ev.type === 'enter') {
      // Moved to another queue before being answered: the same segment goes on in the new queue.
      const prev: CallSegment | null = cur;
      cur = open(line.at, line.queue, ev.callerId, text);
      if (prev && prev.answeredAt === null) cur.segment = prev.segment;
      continue;
    }
    if (ev.type !== 'connect' && ev.type !== 'complete' && ev.type !== 'exit' && ev.type !== 'blocked') continue;
    // Lines of a call that already ended, with no new ENTERQUEUE: nothing to amend.
    if (cur === null && closed > 0) continue;
    const back = ev.type === 'connect' ? ev.holdSeconds : ev.type === 'complete' ? ev.holdSeconds + ev.talkSeconds : ev.type === 'exit' ? (ev.waitSeconds ?? 0) : 0;
    const seg: CallSegment = cur ?? open(line.at - back * 1000, line.queue, null, text);
    if (ev.type === 'connect') {
      seg.agentRef = line.agent;
      seg.answeredAt = line.at;
      seg.waitSeconds = ev.holdSeconds;
      cur = seg;
    } else if (ev.type === 'complete') {
      end(seg, {
        agentRef: seg.agentRef ?? line.agent,
        answeredAt: seg.answeredAt ?? line.at - ev.talkSeconds * 1000,
        endedAt: line.at,
        waitSeconds: seg.waitSeconds ?? ev.holdSeconds,
        talkSeconds: ev.talkSeconds,
        outcome: ev.outcome,
        transferredTo: ev.transferredTo,
        ...(ev.endedBy ? { endedBy: ev.endedBy } : {}),
      });
    } else {
      const wait = ev.type === 'exit' && ev.waitSeconds !== null ? ev.waitSeconds : Math.max(0, (line.at - seg.enteredAt) / 1000);
      const byKey = ev.type === 'exit' && ev.byKey === true ? { exitedByKey: true } : {};
      end(seg, { agentRef: null, answeredAt: null, endedAt: line.at, waitSeconds: wait, talkSeconds: 0, outcome: ev.type === 'exit' ? ev.outcome : 'blocked', transferredTo: null, ...byKey });
    }
  }
  const last = cur as CallSegment | null;
  return { contacts, open: last ? { callId, queueRef: last.queueRef, enteredAt: last.enteredAt, answered: last.answeredAt !== null, text: last.text } : null };
}
