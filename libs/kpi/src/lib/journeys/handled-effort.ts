import { directionOf, type Contact } from '@floorwatch/contracts';

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
export function addHandledEffort(t: HandledEffortComponents, c: Contact, shortCallSeconds = 20): void {
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
