import type { AgentStateEvent, Contact } from '@floorwatch/contracts';
import { iso } from './line-writer';

/** contacts-ndjson line: the normalised Contact with ISO times (parsers accept ISO or epoch). */
export function contactLine(c: Contact): string {
  return JSON.stringify(contactObject(c));
}

export function contactObject(c: Contact): Record<string, unknown> {
  return {
    ...c,
    enqueuedAt: iso(c.enqueuedAt),
    answeredAt: c.answeredAt === null ? null : iso(c.answeredAt),
    endedAt: iso(c.endedAt),
  };
}

export function stateObject(e: AgentStateEvent): { agentId: string; at: string; state: string } {
  return { agentId: e.agentId, at: iso(e.at), state: e.state };
}

export function stateLine(e: AgentStateEvent): string {
  return JSON.stringify(stateObject(e));
}
