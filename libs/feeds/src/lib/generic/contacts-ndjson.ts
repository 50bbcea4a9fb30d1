import { CHANNELS, DIRECTIONS, OUTCOMES, type Channel, type ContactOutcome, type Direction } from '@floorwatch/contracts';
import { unitObject, isNullText, duration, optNum, optStr, parseTime, str, type JsonObject } from '../fields';
import { judge, quarantine } from '../outcome';
import type { FeedContact, FeedParser, FeedRecord, FeedUnit, LineOutcome } from '../types';

function secs(o: JsonObject, key: string): number {
  return duration(optNum(o, key) ?? 0, key);
}

function optTime(o: JsonObject, key: string): number | null {
  const v = o[key];
  return v === undefined || v === null || v === '' || (typeof v === 'string' && isNullText(v)) ? null : parseTime(v, key);
}

/** selfservice.md §1: optional `direction` (default inbound). */
function directionField(o: JsonObject): Direction {
  const v = optStr(o, 'direction');
  if (v === null) return 'inbound';
  const d = v.trim().toLowerCase();
  if (!(DIRECTIONS as readonly string[]).includes(d)) quarantine('unknown-direction', `direction "${v}" is not one of ${DIRECTIONS.join(', ')}`);
  return d as Direction;
}

/** Optional boolean field (`queued` default true, `exitedByKey` default false): a JSON boolean, or the text true/false. */
function boolField(o: JsonObject, key: string, absent: boolean): boolean {
  const v = o[key];
  if (v === undefined || v === null) return absent;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
  return quarantine(`bad-boolean:${key}`, `${key} is ${JSON.stringify(v)}, expected true or false`);
}

/** The normalised Contact with agentId/queueId as references and the raw customerKey. */
export function parseNdjsonContact(unit: FeedUnit): FeedContact {
  const o = unitObject(unit);
  const contactId = str(o, 'contactId');
  const segmentId = optStr(o, 'segmentId') ?? '1';
  const channel = str(o, 'channel').toLowerCase();
  if (!(CHANNELS as readonly string[]).includes(channel)) quarantine('unknown-channel', `channel "${channel}" is not one of ${CHANNELS.join(', ')}`);
  const outcome = str(o, 'outcome').toLowerCase();
  if (!(OUTCOMES as readonly string[]).includes(outcome)) quarantine('unknown-outcome', `outcome "${outcome}" is not one of ${OUTCOMES.join(', ')}`);
  const enqueuedAt = parseTime(o['enqueuedAt'], 'enqueuedAt');
  const endedAt = parseTime(o['endedAt'], 'endedAt');
  const answeredAt = optTime(o, 'answeredAt');
  if (endedAt < enqueuedAt) quarantine('negative-duration', 'endedAt is before enqueuedAt');
  return {
    kind: 'contact',
    naturalKey: `nd:${contactId}:${segmentId}`,
    lastUpdatedAt: optTime(o, 'lastUpdatedAt'),
    contactId,
    segmentId,
    channel: channel as Channel,
    queueRef: str(o, 'queueId'),
    reason: optStr(o, 'reason'),
    agentRef: optStr(o, 'agentId'),
    customerRef: optStr(o, 'customerKey'),
    enqueuedAt,
    answeredAt,
    endedAt,
    waitSeconds: secs(o, 'waitSeconds'),
    talkSeconds: secs(o, 'talkSeconds'),
    holdSeconds: secs(o, 'holdSeconds'),
    acwSeconds: secs(o, 'acwSeconds'),
    outcome: outcome as ContactOutcome,
    transferredTo: optStr(o, 'transferredTo'),
    direction: directionField(o),
    queued: boolField(o, 'queued', true),
    exitedByKey: boolField(o, 'exitedByKey', false),
  };
}

export class ContactsNdjsonParser implements FeedParser {
  readonly format = 'contacts-ndjson' as const;
  push(unit: FeedUnit): LineOutcome {
    return judge(unit, () => [parseNdjsonContact(unit)]);
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
