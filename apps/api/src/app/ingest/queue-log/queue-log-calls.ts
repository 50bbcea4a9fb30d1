import { cleanQueueLogText, deriveCall, parseQueueLogLine, type FeedUnit, type OrderedLine, type QlLine } from '@floorwatch/feeds';
import { lineHashOf } from '../../database/line-hash';
import type { RecordStore } from '../../database/record-store';
import type { StoredContact } from '../../database/record-types';
import { emptyBatch, mapRecord } from '../map-records';
import type { OrgMapper } from '../org-mapper';
import { deleteCallContacts, insertLines, linkAcwFromStoredStates, loadCallLines, markDirtyAgents, replaceOpenCalls, type ContactTouch, type QlLineRow, type StoredQlLine } from './queue-log-sql';
import { redactLine } from '../redact-caller';

const NO_IGNORED: ReadonlySet<string> = new Set();
const CALL_TYPES = new Set(['enter', 'connect', 'complete', 'exit', 'blocked']);

/** Parses one queue_log line after stripping control characters before it (throws QuarantineError). */
export function parseQlUnit(unit: FeedUnit): { line: QlLine; text: string } | null {
  const text = cleanQueueLogText(unit.text);
  const line = parseQueueLogLine(text, NO_IGNORED);
  return line ? { line, text } : null;
}

/** The call id a line is stored under (call events only) and the agent whose timeline it moves. */
export function lineKeys(line: QlLine): { callId: string | null; agentRef: string | null } {
  const call = CALL_TYPES.has(line.ev.type);
  const agentMoves = line.agent !== null && (line.ev.type === 'connect' || line.ev.type === 'complete' || !call) && line.ev.type !== 'noop';
  return { callId: call ? line.callId : null, agentRef: agentMoves ? line.agent : null };
}

export interface AcceptedQlLine {
  line: QlLine;
  text: string;
  lineNumber: number;
  /** lineHashOf(text) when the caller has it already (the claimed hash of a line with nothing to strip). */
  hash?: string;
  /**
   * The line's queue_log_lines row is its claim (queue-log-claims.ts): it is new only if no row
   * has its key yet. Otherwise it was claimed already (feed_lines) and its row may exist.
   */
  claim?: boolean;
}

/** What one batch changed, for the rollup refresh. */
export interface CallBatchResult {
  contacts: StoredContact[];
  touches: ContactTouch[];
  /** Positions in `lines` of claiming lines already stored: duplicates, nothing derived from them. */
  duplicates: number[];
}

/**
 * One batch of accepted queue_log lines: stores them, re-derives every call they touch from all
 * of that call's stored lines (replacing its contacts and its open-call row), links each
 * re-derived contact's wrap-up from the states stored now, and marks the agents they name for
 * re-derivation (queue-log-agents.ts). Nothing here depends on the order lines arrived in.
 */
export async function writeQueueLogBatch(
  tx: RecordStore,
  lines: readonly AcceptedQlLine[],
  source: string,
  mapper: OrgMapper,
  salt: string,
  /** Stored lines may be claimed in feed_lines only (legacyLineClaims): look claiming lines up there too. */
  legacyClaims: boolean,
  /** Runs once the lines are stored and their agents marked dirty, before any call is derived (the batch's agents pass, queue-log-finish.ts). */
  afterLines?: () => Promise<void>,
): Promise<CallBatchResult> {
  const candidates: (QlLineRow & { pos: number })[] = [];
  const candidateCalls = new Set<string>();
  lines.forEach(({ line, text, lineNumber, hash, claim }, pos) => {
    const { callId, agentRef } = lineKeys(line);
    if (callId === null && agentRef === null) return;
    // Stored with the caller id as its salted hash (issue 20: no raw caller ids at rest); the key
    // stays the hash of the line as sent, so a re-sent line is still one line.
    candidates.push({ hash: hash ?? lineHashOf(text), at: line.at, callId, agentRef, text: redactLine(salt, 'queue_log', text), source, lineNumber, pos, claim: claim === true });
    if (callId !== null) candidateCalls.add(callId);
  });
  if (candidates.length === 0) return { contacts: [], touches: [], duplicates: [] };
  // Lines stored before this batch (read before it is written: a new file's calls have none),
  // plus this batch's own: every line of each touched call.
  const stored = candidateCalls.size > 0 ? await loadCallLines(tx, [...candidateCalls]) : new Map<string, StoredQlLine[]>();
  const already = await insertLines(tx, candidates, legacyClaims);
  const rows = already.size === 0 ? candidates : candidates.filter((_, i) => !already.has(i));
  const duplicates = [...already].map((i) => candidates[i].pos);
  if (rows.length === 0) return { contacts: [], touches: [], duplicates };
  const calls = new Set<string>();
  const dirty = new Map<string, number>();
  for (const r of rows) {
    if (r.callId !== null) calls.add(r.callId);
    if (r.agentRef !== null) dirty.set(r.agentRef, Math.min(dirty.get(r.agentRef) ?? Infinity, r.at));
  }
  await markDirtyAgents(tx, dirty);
  if (afterLines) await afterLines();
  const ids = [...calls];
  if (ids.length === 0) return { contacts: [], touches: [], duplicates };
  for (const r of rows) {
    if (r.callId === null) continue;
    let list = stored.get(r.callId);
    if (!list) stored.set(r.callId, (list = []));
    list.push({ text: r.text, source: r.source, lineNumber: r.lineNumber });
  }
  const mapped = emptyBatch();
  const open: Parameters<typeof replaceOpenCalls>[2][number][] = [];
  for (const id of ids) {
    const byText = new Map<string, { source: string; lineNumber: number }>();
    const ordered: OrderedLine[] = [];
    for (const s of stored.get(id) ?? []) {
      // A line of this batch already stored (from another file) is one line.
      if (byText.has(s.text)) continue;
      // Parsed from the stored text, not taken from the batch's parsed lines: their strings are
      // slices of the file's read chunks, and contacts holding them kept the chunks alive (tried:
      // `fw ingest` of the call-grouped bench file then ran out of its 128 MB heap in some runs).
      const line = parseQueueLogLine(s.text, NO_IGNORED);
      if (!line) continue;
      ordered.push({ line, text: s.text });
      byText.set(s.text, s);
    }
    const derived = deriveCall(id, ordered);
    for (const c of derived.contacts) mapRecord(c, 'queue_log', mapper, salt, new Map(), mapped);
    if (derived.open) {
      const at = byText.get(derived.open.text) ?? { source, lineNumber: 0 };
      open.push({ ...derived.open, source: at.source, lineNumber: at.lineNumber });
    }
  }
  // The wrap-up from the states stored now, set before the contacts are written (an UPDATE of
  // them later rewrites every index entry). An agent still marked dirty from the call's end or
  // earlier is re-linked by the agents pass after its replay, in this run or, after a crash, the next.
  await linkAcwFromStoredStates(tx, mapped.contacts);
  const touches = await deleteCallContacts(tx, ids);
  await tx.writeContacts(mapped.contacts);
  await replaceOpenCalls(tx, ids, open);
  for (const c of mapped.contacts) touches.push({ contactId: c.contactId, segmentId: c.segmentId, enqueuedAt: c.enqueuedAt, endedAt: c.endedAt, customerKey: c.customerKey });
  return { contacts: mapped.contacts, touches, duplicates };
}
