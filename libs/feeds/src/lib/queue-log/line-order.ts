import type { QlLine } from './parse-line';

/**
 * Lines with the same timestamp in a deterministic order that does not depend on where a file
 * was split or which file came first: by timestamp, then event rank, then the line's text.
 */
export interface OrderedLine {
  line: QlLine;
  /** The cleaned line text (the last tie-break, and what is stored). */
  text: string;
}

/** For one call: ENTERQUEUE, then CONNECT, then what ends the call. */
function callRank(l: QlLine): number {
  switch (l.ev.type) {
    case 'enter':
      return 0;
    case 'connect':
      return 1;
    case 'complete':
    case 'exit':
    case 'blocked':
      return 2;
    default:
      return 3;
  }
}

/** For one agent at one instant: logs in, comes back, ends a call, takes the next, pauses, logs out. */
function agentRank(l: QlLine): number {
  switch (l.ev.type) {
    case 'login':
      return 0;
    case 'unpause':
      return 1;
    case 'complete':
      return 2;
    case 'connect':
      return 3;
    case 'pause':
      return 4;
    case 'logout':
      return 5;
    default:
      return 6;
  }
}

const byText = (a: OrderedLine, b: OrderedLine): number => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0);

export function compareCallLines(a: OrderedLine, b: OrderedLine): number {
  return a.line.at - b.line.at || callRank(a.line) - callRank(b.line) || byText(a, b);
}

export function compareAgentLines(a: OrderedLine, b: OrderedLine): number {
  return a.line.at - b.line.at || agentRank(a.line) - agentRank(b.line) || byText(a, b);
}

/** queue_log hygiene: NUL bytes and other control characters before a line's epoch are dropped. */
// eslint-disable-next-line no-control-regex
const LEADING_CONTROL = /^[\u0000-\u0008\u000b-\u001f\u007f\ufeff]+/;
export const cleanQueueLogText = (text: string): string => text.replace(LEADING_CONTROL, '');
