import type { AgentState } from '@floorwatch/contracts';
import { unitObject, parseTime, str } from '../fields';
import { judge, quarantine } from '../outcome';
import type { FeedParser, FeedRecord, FeedStateEvent, FeedUnit, LineOutcome } from '../types';

const PLAIN_STATES = new Set(['logged_out', 'available', 'on_contact', 'acw']);

/** `logged_out|available|on_contact|acw|aux:<reason>`; aux reasons are lower-cased as everywhere else. */
export function parseAgentState(value: string): AgentState {
  const v = value.trim();
  const lower = v.toLowerCase();
  if (PLAIN_STATES.has(lower)) return lower as AgentState;
  if (/^aux:\S/i.test(v)) return `aux:${v.slice(4).trim().toLowerCase()}`;
  return quarantine('unknown-state', `state "${value}" is not logged_out, available, on_contact, acw or aux:<reason>`);
}

export function parseNdjsonState(unit: FeedUnit): FeedStateEvent {
  const o = unitObject(unit);
  return { kind: 'state', agentRef: str(o, 'agentId'), at: parseTime(o['at'], 'at'), state: parseAgentState(str(o, 'state')) };
}

export class AgentStatesNdjsonParser implements FeedParser {
  readonly format = 'agent-states-ndjson' as const;
  push(unit: FeedUnit): LineOutcome {
    return judge(unit, () => [parseNdjsonState(unit)]);
  }
  end(): FeedRecord[] {
    return [];
  }
  exportState(): string {
    return '{}';
  }
  importState(): void {
    /* stateless */
  }
}
