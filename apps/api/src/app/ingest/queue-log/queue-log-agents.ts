import type { AgentState } from '@floorwatch/contracts';
import { compareAgentLines, DEFAULT_ACW_REASONS, emptyAgentSnapshot, parseQueueLogLine, stepAgent, type AgentSnapshot, type OrderedLine } from '@floorwatch/feeds';
import type { Row } from '../../database/bulk-writer';
import type { RecordStore } from '../../database/record-store';
import { toTimestamp } from '../../database/record-sql';
import type { StoredStateEvent } from '../../database/record-types';
import type { AgentTouch } from '../../rollup/agent-time-rollup';
import type { OrgMapper } from '../org-mapper';
import { relinkAcw, type ContactTouch } from './queue-log-sql';

const HOUR_MS = 3600_000;
const NO_IGNORED: ReadonlySet<string> = new Set();
const ACW_REASONS: ReadonlySet<string> = new Set(DEFAULT_ACW_REASONS.map((r) => r.toLowerCase()));

export interface AgentRederive {
  /** The derived states from the agent's earliest new line on (what the live bus has not seen). */
  states: StoredStateEvent[];
  contacts: ContactTouch[];
  agentTimes: AgentTouch[];
}

/**
 * Re-derives one agent's state events from the checkpoint before `fromAt` to the agent's last
 * stored line: replaces its queue_log state events and checkpoints after that checkpoint, and
 * re-links the wrap-up of its calls ending in that span. The agent's memory here is its own
 * lines after the checkpoint; the state machine itself is one AgentSnapshot.
 */
export async function rederiveAgent(tx: RecordStore, agentRef: string, fromAt: number, mapper: OrgMapper): Promise<AgentRederive> {
  const [cp] = await tx.query<{ at: number; snapshot: AgentSnapshot | string }>(
    `SELECT (extract(epoch from at) * 1000)::float8 AS at, snapshot FROM queue_log_agent_checkpoints
      WHERE agent_ref = $1 AND at < $2 ORDER BY at DESC LIMIT 1`,
    [agentRef, new Date(fromAt)],
  );
  const since = cp ? Number(cp.at) : Number.NEGATIVE_INFINITY;
  const snap: AgentSnapshot = cp ? (typeof cp.snapshot === 'string' ? (JSON.parse(cp.snapshot) as AgentSnapshot) : cp.snapshot) : emptyAgentSnapshot();
  const stored = await tx.query<{ text: string }>(
    cp ? 'SELECT text FROM queue_log_lines WHERE agent_ref = $1 AND at > $2' : 'SELECT text FROM queue_log_lines WHERE agent_ref = $1',
    cp ? [agentRef, new Date(since)] : [agentRef],
  );
  const lines: OrderedLine[] = [];
  for (const r of stored) {
    const line = parseQueueLogLine(r.text, NO_IGNORED);
    if (line) lines.push({ line, text: r.text });
  }
  lines.sort(compareAgentLines);
  const agentId = mapper.agent(agentRef).id;
  const states: StoredStateEvent[] = [];
  const checkpoints: Row[] = [];
  let endedNow = new Set<string>();
  let lastAt = Number.NaN;
  let seq = 0;
  for (let i = 0; i < lines.length; i++) {
    const { line } = lines[i];
    if (line.at !== lastAt) {
      endedNow = new Set();
      seq = 0;
      lastAt = line.at;
    }
    const next: AgentState | null = stepAgent(snap, line, ACW_REASONS, endedNow);
    if (next !== null) states.push({ agentId, at: line.at, state: next, source: 'queue_log', seq: seq++ });
    const following = lines[i + 1]?.line.at;
    // A checkpoint after the last instant of each hour the agent has lines in (whole instants only).
    if (following === undefined || Math.floor(following / HOUR_MS) !== Math.floor(line.at / HOUR_MS)) {
      if (following !== line.at) checkpoints.push([agentRef, toTimestamp(line.at), JSON.stringify(snap)]);
    }
  }
  // No checkpoint before: the agent's whole queue_log timeline is re-derived (year 1 stands for "ever").
  const sinceDate = cp ? new Date(since) : new Date('0001-01-01T00:00:00Z');
  await tx.query(`DELETE FROM agent_state_events WHERE agent_id = $1 AND source = 'queue_log' AND at > $2`, [agentId, sinceDate]);
  await tx.query('DELETE FROM queue_log_agent_checkpoints WHERE agent_ref = $1 AND at > $2', [agentRef, sinceDate]);
  await tx.writer.write('queue_log_agent_checkpoints', ['agent_ref', 'at', 'snapshot'], checkpoints, { runner: tx.runner });
  await tx.writeStateEvents(states);
  // Calls whose wrap-up can change: ending after the checkpoint, or just before an acw open at it.
  let endedFrom = since - 5000;
  if (cp && snap && (typeof cp.snapshot === 'string' ? JSON.parse(cp.snapshot) : cp.snapshot).state === 'acw') {
    const [last] = await tx.query<{ t: number }>(
      `SELECT (extract(epoch from max(at)) * 1000)::float8 AS t FROM agent_state_events WHERE agent_id = $1 AND at <= $2`,
      [agentId, sinceDate],
    );
    if (last?.t !== null && last?.t !== undefined) endedFrom = Number(last.t) - 5000;
  }
  const contacts = await relinkAcw(tx, cp ? 'c.agent_id = $1 AND c.ended_at >= $2' : 'c.agent_id = $1', cp ? [agentId, new Date(endedFrom)] : [agentId]);
  const firstAt = lines.length > 0 ? lines[0].line.at : fromAt;
  return { states: states.filter((e) => e.at >= fromAt), contacts, agentTimes: [{ agentId, at: Math.min(firstAt, fromAt) }] };
}

/** The agents marked dirty, earliest first. */
export async function dirtyAgents(store: RecordStore, limit: number): Promise<{ agentRef: string; fromAt: number }[]> {
  const rows = await store.query<{ agent_ref: string; f: number }>(
    'SELECT agent_ref, (extract(epoch from from_at) * 1000)::float8 AS f FROM queue_log_dirty_agents ORDER BY agent_ref LIMIT $1',
    [limit],
  );
  return rows.map((r) => ({ agentRef: r.agent_ref, fromAt: Number(r.f) }));
}

export async function clearDirty(tx: RecordStore, agents: readonly { agentRef: string; fromAt: number }[]): Promise<void> {
  await tx.query(
    `DELETE FROM queue_log_dirty_agents d USING unnest($1::text[], $2::timestamptz[]) AS u(r, f) WHERE d.agent_ref = u.r AND d.from_at = u.f`,
    [agents.map((a) => a.agentRef), agents.map((a) => new Date(a.fromAt))],
  );
}
