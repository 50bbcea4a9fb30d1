import type { AgentState } from '@floorwatch/contracts';
import { unitObject, isObject, optObj, optStr, parseTime, str, type JsonObject } from '../fields';
import { judge, quarantine } from '../outcome';
import type { FeedParser, FeedRecord, FeedUnit, LineOutcome } from '../types';

const EVENT_TYPES = new Set(['STATE_CHANGE', 'LOGIN', 'LOGOUT', 'HEART_BEAT']);

/** Agent event streams of Version 2017-10-01 carry no Type: Connect's built-in status names stand for it. */
const TYPE_BY_BUILT_IN_NAME: Record<string, string> = { available: 'ROUTABLE', offline: 'OFFLINE' };

function statusState(status: JsonObject): AgentState {
  const name = optStr(status, 'Name');
  const typeRaw = optStr(status, 'Type') ?? (name ? TYPE_BY_BUILT_IN_NAME[name.trim().toLowerCase()] ?? 'CUSTOM' : null);
  const type = (typeRaw ?? str(status, 'Type', 'CurrentAgentSnapshot.AgentStatus.Type')).toUpperCase();
  if (type === 'ROUTABLE') return 'available';
  if (type === 'OFFLINE') return 'logged_out';
  if (type === 'CUSTOM') return `aux:${str(status, 'Name', 'CurrentAgentSnapshot.AgentStatus.Name').trim().toLowerCase()}`;
  return quarantine('unknown-state', `AgentStatus.Type "${type}" is not ROUTABLE, CUSTOM or OFFLINE`);
}

/** Contacts in the snapshot override the status: a connected contact means on_contact, an ended one still listed means wrap-up. */
export function snapshotState(o: JsonObject, eventType: string): AgentState {
  if (eventType === 'LOGOUT') return 'logged_out';
  const snap = optObj(o, 'CurrentAgentSnapshot') ?? quarantine('missing-field:CurrentAgentSnapshot', 'agent event without CurrentAgentSnapshot');
  const contacts = Array.isArray(snap['Contacts']) ? snap['Contacts'].filter(isObject) : [];
  const states = contacts.map((c) => String(c['State'] ?? '').toUpperCase());
  if (states.some((s) => s === 'CONNECTED' || s === 'CONNECTED_ONHOLD')) return 'on_contact';
  if (states.includes('ENDED')) return 'acw';
  const status = optObj(snap, 'AgentStatus') ?? quarantine('missing-field:CurrentAgentSnapshot.AgentStatus', 'snapshot without AgentStatus');
  return statusState(status);
}

function agentRefOf(o: JsonObject): string {
  const config = optObj(optObj(o, 'CurrentAgentSnapshot') ?? {}, 'Configuration');
  return (config && optStr(config, 'Username')) ?? optStr(o, 'AgentARN') ?? quarantine('missing-field:AgentARN', 'no agent username or ARN');
}

/** Keeps each agent's last state so repeated snapshots (HEART_BEAT) produce no record. */
export class ConnectAgentEventsParser implements FeedParser {
  readonly format = 'connect-agent-events' as const;
  private last = new Map<string, AgentState>();

  push(unit: FeedUnit): LineOutcome {
    return judge(unit, () => {
      const o = unitObject(unit);
      const type = str(o, 'EventType').toUpperCase();
      if (!EVENT_TYPES.has(type)) quarantine('unknown-event', `EventType "${type}" is not STATE_CHANGE, LOGIN, LOGOUT or HEART_BEAT`);
      const at = parseTime(o['EventTimestamp'], 'EventTimestamp');
      const agentRef = agentRefOf(o);
      const state = snapshotState(o, type);
      if (this.last.get(agentRef) === state) return [];
      this.last.set(agentRef, state);
      return [{ kind: 'state', agentRef, at, state }];
    });
  }
  end(): FeedRecord[] {
    return [];
  }
  exportState(): string {
    return JSON.stringify({ version: 1, last: [...this.last.entries()] });
  }
  importState(json: string): void {
    const s = JSON.parse(json) as { version?: number; last?: Array<[string, AgentState]> };
    if (s.version !== 1 || !Array.isArray(s.last)) throw new Error('connect-agent-events parser state has an unknown shape (expected version 1 with last)');
    this.last = new Map(s.last);
  }
}
