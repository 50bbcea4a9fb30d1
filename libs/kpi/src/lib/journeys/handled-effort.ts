import { directionOf, type Contact } from '@floorwatch/contracts';

/** shortHandledPct's bound (selfservice.md §4 `shortCallSeconds`, default 20): the rollups count with it. */
export const DEFAULT_SHORT_CALL_SECONDS = 20;

/** selfservice.md §4, per handled segment by endedAt, every scope. */
export interface HandledEffortComponents {
  handled: number;
  transferred: number;
  short: number;
  voiceEndedKnown: number;
  voiceEndedAgent: number;
}
export const emptyHandledEffort = (): HandledEffortComponents => ({ handled: 0, transferred: 0, short: 0, voiceEndedKnown: 0, voiceEndedAgent: 0 });

export interface HandledEffortValues {
  transferRatePct: number | null;
  agentDisconnectPct: number | null;
  shortHandledPct: number | null;
}

/** Adds one answered segment (the caller checks it ended in the window). */
export function addHandledEffort(t: HandledEffortComponents, c: Contact, shortCallSeconds = DEFAULT_SHORT_CALL_SECONDS): void {
  t.handled++;
  if (c.outcome === 'transferred') t.transferred++;
  if (c.talkSeconds < shortCallSeconds) t.short++;
  // A transfer is ended by the hand-over and an outbound call by whoever the agent called: neither says who hung up on whom.
  if (c.channel === 'voice' && c.outcome !== 'transferred' && directionOf(c) !== 'outbound' && c.endedBy) {
    t.voiceEndedKnown++;
    if (c.endedBy === 'agent') t.voiceEndedAgent++;
  }
}

export function finaliseHandledEffort(t: HandledEffortComponents): HandledEffortValues {
  const pct = (n: number, d: number): number | null => (d === 0 ? null : (100 * n) / d);
  return {
    transferRatePct: pct(t.transferred, t.handled),
    agentDisconnectPct: pct(t.voiceEndedAgent, t.voiceEndedKnown),
    shortHandledPct: pct(t.short, t.handled),
  };
}

export interface HandledEffortQuery {
  from: number;
  to: number;
  /** The contact grouping of kpis.md; null key = the contact has none (not counted). */
  keyOf: (c: Contact) => string | null;
  shortCallSeconds?: number;
}

/** Per group key: the three KPIs over answered segments ending in [from, to). */
export function computeHandledEffort(contacts: readonly Contact[], q: HandledEffortQuery): Map<string, HandledEffortValues> {
  const rows = new Map<string, HandledEffortComponents>();
  for (const c of contacts) {
    if (c.agentId === null || c.answeredAt === null || c.endedAt < q.from || c.endedAt >= q.to) continue;
    const k = q.keyOf(c);
    if (k === null) continue;
    let t = rows.get(k);
    if (!t) rows.set(k, (t = emptyHandledEffort()));
    addHandledEffort(t, c, q.shortCallSeconds);
  }
  return new Map([...rows].map(([k, t]) => [k, finaliseHandledEffort(t)]));
}
