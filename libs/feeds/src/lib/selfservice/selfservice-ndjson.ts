import { SESSION_CHANNELS, SESSION_OUTCOMES, type SessionChannel, type SessionOutcome } from '@floorwatch/contracts';
import { isNullText, optStr, parseTime, str, unitObject, type JsonObject } from '../fields';
import { judge, quarantine } from '../outcome';
import type { FeedParser, FeedRecord, FeedSession, FeedUnit, LineOutcome } from '../types';

function optTime(o: JsonObject, key: string): number | null {
  const v = o[key];
  return v === undefined || v === null || v === '' || (typeof v === 'string' && isNullText(v)) ? null : parseTime(v, key);
}

function optBool(o: JsonObject, key: string): boolean | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
  return quarantine(`bad-boolean:${key}`, `${key} is ${JSON.stringify(v)}, expected true or false`);
}

function oneOf<T extends string>(values: readonly T[], raw: string, code: string, field: string): T {
  const v = raw.trim().toLowerCase();
  if (!(values as readonly string[]).includes(v)) quarantine(code, `${field} "${raw}" is not one of ${values.join(', ')}`);
  return v as T;
}

/**
 * selfservice.md §2 `selfservice-ndjson`: one session per JSON value. A later copy of a
 * sessionId is an update; its version is updatedAt, else endedAt (an open session is lowest).
 */
export function parseSessionUnit(unit: FeedUnit): FeedSession {
  const o = unitObject(unit);
  const sessionId = str(o, 'sessionId');
  const startedAt = parseTime(o['startedAt'], 'startedAt');
  const channel: SessionChannel = oneOf(SESSION_CHANNELS, str(o, 'channel'), 'unknown-channel', 'channel');
  const endedAt = optTime(o, 'endedAt');
  const outcomeRaw = optStr(o, 'outcome');
  const outcome: SessionOutcome | null = outcomeRaw === null ? null : oneOf(SESSION_OUTCOMES, outcomeRaw, 'unknown-outcome', 'outcome');
  if (endedAt !== null && endedAt < startedAt) quarantine('negative-duration', 'endedAt is before startedAt');
  if (endedAt !== null && outcome === null) quarantine('closed-without-outcome', 'a session with endedAt needs an outcome');
  const updatedAt = optTime(o, 'updatedAt');
  return {
    kind: 'session',
    sessionId,
    customerRef: optStr(o, 'customerKey'),
    channel,
    entryPoint: optStr(o, 'entryPoint') ?? 'unknown',
    startedAt,
    endedAt,
    // An open session has no outcome yet, whatever a flow wrote early.
    outcome: endedAt === null ? null : outcome,
    intent: optStr(o, 'intent'),
    lastNode: optStr(o, 'lastNode'),
    idAttempted: optBool(o, 'idAttempted'),
    idPassed: optBool(o, 'idPassed'),
    transferredContactId: optStr(o, 'transferredContactId'),
    version: updatedAt ?? endedAt,
    line: unit.lineNumber,
    linkable: false,
  };
}

export class SelfServiceNdjsonParser implements FeedParser {
  readonly format = 'selfservice-ndjson' as const;
  push(unit: FeedUnit): LineOutcome {
    return judge(unit, () => [parseSessionUnit(unit)]);
  }
  end(): FeedRecord[] {
    return [];
  }
  exportState(): string {
    return '{}';
  }
  importState(): void {
    /* stateless: latest-wins is applied by the store */
  }
}
