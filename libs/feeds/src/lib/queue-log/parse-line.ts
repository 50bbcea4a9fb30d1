import { duration, parseNumberText } from '../fields';
import { quarantine } from '../outcome';
import type { ContactOutcome } from '@floorwatch/contracts';

/** A validated queue_log line. Parsing is pure so a bad line never leaves half-applied state. */
export type QlEvent =
  | { type: 'enter'; callerId: string | null }
  | { type: 'connect'; holdSeconds: number }
  | { type: 'complete'; holdSeconds: number; talkSeconds: number; transferredTo: string | null; outcome: 'handled' | 'transferred'; endedBy?: 'agent' | 'customer' }
  | { type: 'exit'; waitSeconds: number | null; outcome: Extract<ContactOutcome, 'abandoned' | 'timeout'>; byKey?: true }
  | { type: 'blocked' }
  | { type: 'login' }
  | { type: 'logout'; allQueues: boolean }
  | { type: 'pause'; reason: string }
  | { type: 'unpause' }
  | { type: 'noop' };

export interface QlLine {
  at: number;
  callId: string;
  queue: string | null;
  agent: string | null;
  event: string;
  ev: QlEvent;
}

const NOOP_EVENTS = new Set(['QUEUESTART', 'CONFIGRELOAD', 'DID', 'SYSCOMPAT', 'RINGCANCELED', 'RINGNOANSWER']);
const BLOCKED_EVENTS = new Set(['JOINEMPTY', 'JOINUNAVAIL', 'FULL', 'CLOSED', 'DIVERT_CA_RATIO', 'DIVERT_HOLDTIME']);
const EXIT_EVENTS: Record<string, { waitIndex: number; outcome: 'abandoned' | 'timeout' }> = {
  ABANDON: { waitIndex: 2, outcome: 'abandoned' },
  EXITWITHKEY: { waitIndex: 3, outcome: 'timeout' }, // left on request (selfservice.md §1: exitedByKey)
  EXITWITHTIMEOUT: { waitIndex: 2, outcome: 'timeout' },
  EXITEMPTY: { waitIndex: 2, outcome: 'timeout' },
};
const CALL_EVENTS = new Set(['ENTERQUEUE', 'CONNECT', 'COMPLETECALLER', 'COMPLETEAGENT', 'TRANSFER', 'BLINDTRANSFER', 'ATTENDEDTRANSFER', ...Object.keys(EXIT_EVENTS), ...BLOCKED_EVENTS]);
const MEMBER_EVENTS = new Set(['ADDMEMBER', 'AGENTLOGIN', 'AGENTCALLBACKLOGIN', 'REMOVEMEMBER', 'AGENTLOGOFF', 'AGENTCALLBACKLOGOFF', 'PAUSE', 'PAUSEALL', 'UNPAUSE', 'UNPAUSEALL']);

/** Blank or NONE (any case, any padding). Trimmed once: it runs on several fields of every line. */
export const EMPTY = (v: string | undefined): boolean => {
  if (v === undefined) return true;
  const t = v.trim();
  return t === '' || (t.length === 4 && t.toUpperCase() === 'NONE');
};
const ANONYMOUS = new Set(['unknown', 'anonymous', 'restricted', 'private', 'unavailable']);

function callerId(v: string | undefined): string | null {
  if (EMPTY(v)) return null;
  const t = (v as string).trim();
  return ANONYMOUS.has(t.toLowerCase()) ? null : t;
}

function seconds(data: string[], index: number, field: string): number {
  if (index >= data.length) quarantine('wrong-field-count', `${field} (data field ${index + 1}) is missing`);
  return duration(parseNumberText(data[index], field), field);
}

function optionalSeconds(data: string[], index: number, field: string): number | null {
  return index < data.length && data[index].trim() !== '' ? seconds(data, index, field) : null;
}

/** Holdtime and calltime are the last two data fields before origposition, whatever the Asterisk version logs first. */
function transfer(event: string, data: string[]): QlEvent {
  if (data.length < 4) quarantine('wrong-field-count', `${event} needs at least 4 data fields, got ${data.length}`);
  const h = data.length >= 5 ? data.length - 3 : 2;
  let target: string | undefined;
  if (event !== 'ATTENDEDTRANSFER') target = data[0];
  else if (data[0] === 'LINK') target = data[2];
  else if (data.length >= 5) target = data[data.length - 4];
  return {
    type: 'complete',
    holdSeconds: seconds(data, h, 'holdtime'),
    talkSeconds: seconds(data, h + 1, 'calltime'),
    transferredTo: EMPTY(target) ? null : (target as string).trim(),
    outcome: 'transferred',
  };
}

function parseEvent(event: string, data: string[]): QlEvent {
  if (NOOP_EVENTS.has(event)) return { type: 'noop' };
  if (BLOCKED_EVENTS.has(event)) return { type: 'blocked' };
  const exit = EXIT_EVENTS[event];
  if (exit) return { type: 'exit', waitSeconds: optionalSeconds(data, exit.waitIndex, 'waittime'), outcome: exit.outcome, ...(event === 'EXITWITHKEY' ? { byKey: true as const } : {}) };
  switch (event) {
    case 'ENTERQUEUE':
      return { type: 'enter', callerId: callerId(data[1]) };
    case 'CONNECT':
      return { type: 'connect', holdSeconds: seconds(data, 0, 'holdtime') };
    case 'COMPLETECALLER':
    case 'COMPLETEAGENT':
      // selfservice.md §4: who hung up feeds agentDisconnectPct.
      return { type: 'complete', holdSeconds: seconds(data, 0, 'holdtime'), talkSeconds: seconds(data, 1, 'calltime'), transferredTo: null, outcome: 'handled', endedBy: event === 'COMPLETEAGENT' ? 'agent' : 'customer' };
    case 'TRANSFER':
    case 'BLINDTRANSFER':
    case 'ATTENDEDTRANSFER':
      return transfer(event, data);
    case 'ADDMEMBER':
    case 'AGENTLOGIN':
    case 'AGENTCALLBACKLOGIN':
      return { type: 'login' };
    case 'REMOVEMEMBER':
      return { type: 'logout', allQueues: false };
    case 'AGENTLOGOFF':
    case 'AGENTCALLBACKLOGOFF':
      return { type: 'logout', allQueues: true };
    case 'PAUSE':
    case 'PAUSEALL':
      return { type: 'pause', reason: EMPTY(data[0]) ? '' : data[0].trim() };
    case 'UNPAUSE':
    case 'UNPAUSEALL':
      return { type: 'unpause' };
  }
  return quarantine('unknown-event', `event "${event}" is not a queue_log event Floorwatch knows`);
}

export function parseQueueLogLine(text: string, ignoredEvents: ReadonlySet<string>): QlLine | null {
  if (text.trim() === '') return null;
  const f = text.split('|');
  if (f.length < 5) quarantine('wrong-field-count', `expected epoch|callid|queue|agent|event[|data...], got ${f.length} field(s)`);
  const epoch = f[0].trim();
  if (!/^\d{9,11}(\.\d+)?$/.test(epoch)) quarantine('bad-timestamp', `"${f[0]}" is not epoch seconds`);
  const event = f[4].trim().toUpperCase();
  const ev: QlEvent = ignoredEvents.has(event) ? { type: 'noop' } : parseEvent(event, f.slice(5));
  const line: QlLine = {
    at: Math.round(Number(epoch) * 1000),
    callId: f[1].trim(),
    queue: EMPTY(f[2]) ? null : f[2].trim(),
    agent: EMPTY(f[3]) ? null : f[3].trim(),
    event,
    ev,
  };
  if (CALL_EVENTS.has(event)) {
    if (EMPTY(line.callId)) quarantine('missing-field:callid', `${event} needs a call id`);
    if (event === 'ENTERQUEUE' && line.queue === null) quarantine('missing-field:queue', 'ENTERQUEUE needs a queue');
  }
  if (MEMBER_EVENTS.has(event) && line.agent === null) quarantine('missing-field:agent', `${event} needs the member in the agent field`);
  return line;
}

/**
 * Alias candidates for a member channel so the ingest can map it to an org agent:
 * `Local/2004@from-internal/n` → [itself, `Local/2004@from-internal`, `2004`]; `SIP/1001` → [itself, `1001`].
 */
export function memberAliases(ref: string): string[] {
  const out = [ref];
  const noFlags = ref.replace(/^(Local\/[^/]+)\/[a-z]+$/i, '$1');
  if (noFlags !== ref) out.push(noFlags);
  const m = /^[A-Za-z0-9_]+\/([^@/]+)/.exec(ref);
  if (m && !out.includes(m[1])) out.push(m[1]);
  return out;
}
