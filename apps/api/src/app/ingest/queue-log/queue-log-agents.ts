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
/** "No checkpoint": the agent's whole queue_log timeline is re-derived (year 1 stands for "ever"). */
const EVER = Date.parse('0001-01-01T00:00:00Z');
const MS = (col: string): string => `(extract(epoch from ${col}) * 1000)::float8`;

export interface DirtyAgent {
  agentRef: string;
  fromAt: number;
}

export interface AgentRederive {
  /** The derived states from each agent's earliest new line on (what the live bus has not seen). */
  states: StoredStateEvent[];
  contacts: ContactTouch[];
  agentTimes: AgentTouch[];
}

/**
 * Re-derives these agents' state events, each from its checkpoint before its `fromAt` to its
 * last stored line: replaces their queue_log state events and checkpoints after that checkpoint,
 * and re-links the wrap-up of their calls ending in that span. Set-based: a handful of statements
 * for the whole group. Memory: the group's lines after their checkpoints; the state machine
 * itself is one AgentSnapshot per agent.
 */
export async function rederiveAgents(tx: RecordStore, agents: readonly DirtyAgent[], mapper: OrgMapper): Promise<AgentRederive> {
  const refs = agents.map((a) => a.agentRef);
  const cps = await tx.query<{ r: string; at: number; snapshot: AgentSnapshot | string; acw_from: number | null }>(
    `SELECT u.r, ${MS('c.at')} AS at, c.snapshot,
            CASE WHEN c.snapshot->>'state' = 'acw' THEN (SELECT ${MS('max(l.at)')} FROM queue_log_lines l WHERE l.agent_ref = u.r AND l.at <= c.at) END AS acw_from
       FROM unnest($1::text[], $2::timestamptz[]) AS u(r, f)
       CROSS JOIN LATERAL (SELECT at, snapshot FROM queue_log_agent_checkpoints k WHERE k.agent_ref = u.r AND k.at < u.f ORDER BY at DESC LIMIT 1) c`,
    [refs, agents.map((a) => new Date(a.fromAt))],
  );
  const cpOf = new Map(cps.map((c) => [c.r, { at: Number(c.at), snapshot: typeof c.snapshot === 'string' ? (JSON.parse(c.snapshot) as AgentSnapshot) : c.snapshot, acwFrom: c.acw_from === null ? null : Number(c.acw_from) }]));
  const since = (ref: string): number => cpOf.get(ref)?.at ?? EVER;
  const stored = await tx.query<{ r: string; text: string }>(
    `SELECT l.agent_ref AS r, l.text FROM unnest($1::text[], $2::timestamptz[]) AS u(r, s) JOIN queue_log_lines l ON l.agent_ref = u.r AND l.at > u.s`,
    [refs, refs.map((r) => new Date(since(r)))],
  );
  const linesOf = new Map<string, OrderedLine[]>();
  for (const r of stored) {
    const line = parseQueueLogLine(r.text, NO_IGNORED);
    if (!line) continue;
    let list = linesOf.get(r.r);
    if (!list) linesOf.set(r.r, (list = []));
    list.push({ line, text: r.text });
  }
  const states: StoredStateEvent[] = [];
  const fresh: StoredStateEvent[] = [];
  const checkpoints: Row[] = [];
  const agentTimes: AgentTouch[] = [];
  const ids: string[] = [];
  const relinkFrom: Date[] = [];
  for (const a of agents) {
    const agentId = mapper.agent(a.agentRef).id;
    const cp = cpOf.get(a.agentRef);
    const lines = (linesOf.get(a.agentRef) ?? []).sort(compareAgentLines);
    const own = replay(a.agentRef, agentId, cp ? structuredClone(cp.snapshot) : emptyAgentSnapshot(), lines, checkpoints);
    states.push(...own);
    for (const e of own) if (e.at >= a.fromAt) fresh.push(e);
    ids.push(agentId);
    // Calls whose wrap-up can change: ending after the checkpoint, or just before an acw open at it.
    relinkFrom.push(new Date(cp ? Math.min(cp.at, cp.acwFrom ?? cp.at) - 5000 : (lines[0]?.line.at ?? a.fromAt) - 5000));
    agentTimes.push({ agentId, at: Math.min(lines[0]?.line.at ?? a.fromAt, a.fromAt) });
  }
  // With no checkpoint, from just before the agent's first stored line: state events written before
  // queue_log lines were kept (a data dir from before this design) stay as they are.
  const sinceDates = refs.map((r) => new Date(cpOf.has(r) ? since(r) : Math.min(...(linesOf.get(r) ?? []).map((l) => l.line.at), Date.now()) - 1));
  await tx.query(
    `DELETE FROM agent_state_events e USING unnest($1::text[], $2::timestamptz[]) AS u(id, s) WHERE e.agent_id = u.id AND e.source = 'queue_log' AND e.at > u.s`,
    [ids, sinceDates],
  );
  await tx.query(`DELETE FROM queue_log_agent_checkpoints k USING unnest($1::text[], $2::timestamptz[]) AS u(r, s) WHERE k.agent_ref = u.r AND k.at > u.s`, [refs, sinceDates]);
  await tx.writer.write('queue_log_agent_checkpoints', ['agent_ref', 'at', 'snapshot'], checkpoints, { runner: tx.runner });
  await tx.writeStateEvents(states);
  const contacts = await relinkAcw(
    tx,
    `c.agent_id = ANY($1::text[]) AND c.ended_at >= (SELECT min(u.f) FROM unnest($1::text[], $2::timestamptz[]) AS u(id, f) WHERE u.id = c.agent_id)`,
    [ids, relinkFrom],
  );
  return { states: fresh, contacts, agentTimes };
}

/** One agent's lines (sorted) through its state machine; appends an hourly checkpoint row after the last instant of each hour. */
function replay(agentRef: string, agentId: string, snap: AgentSnapshot, lines: readonly OrderedLine[], checkpoints: Row[]): StoredStateEvent[] {
  const out: StoredStateEvent[] = [];
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
    const next = stepAgent(snap, line, ACW_REASONS, endedNow);
    if (next !== null) out.push({ agentId, at: line.at, state: next, source: 'queue_log', seq: seq++ });
    const following = lines[i + 1]?.line.at;
    // Whole instants only: a checkpoint never splits lines of one timestamp.
    if (following === undefined || (following !== line.at && Math.floor(following / HOUR_MS) !== Math.floor(line.at / HOUR_MS))) {
      checkpoints.push([agentRef, toTimestamp(line.at), JSON.stringify(snap)]);
    }
  }
  return out;
}

/** How many stored lines each agent's re-derivation replays (those after its checkpoint before fromAt). */
export async function linesToReplay(store: RecordStore, agents: readonly DirtyAgent[]): Promise<Map<string, number>> {
  const rows = await store.query<{ r: string; n: number }>(
    `SELECT u.r, (SELECT count(*) FROM queue_log_lines l WHERE l.agent_ref = u.r
                    AND l.at > COALESCE((SELECT max(k.at) FROM queue_log_agent_checkpoints k WHERE k.agent_ref = u.r AND k.at < u.f), '0001-01-01'::timestamptz))::int AS n
       FROM unnest($1::text[], $2::timestamptz[]) AS u(r, f)`,
    [agents.map((a) => a.agentRef), agents.map((a) => new Date(a.fromAt))],
  );
  return new Map(rows.map((r) => [r.r, Number(r.n)]));
}

/** The agents marked dirty, by name. */
export async function dirtyAgents(store: RecordStore, limit: number): Promise<DirtyAgent[]> {
  const rows = await store.query<{ agent_ref: string; f: number }>(
    `SELECT agent_ref, ${MS('from_at')} AS f FROM queue_log_dirty_agents ORDER BY agent_ref LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({ agentRef: r.agent_ref, fromAt: Number(r.f) }));
}

export async function clearDirty(tx: RecordStore, agents: readonly DirtyAgent[]): Promise<void> {
  await tx.query(
    `DELETE FROM queue_log_dirty_agents d USING unnest($1::text[], $2::timestamptz[]) AS u(r, f) WHERE d.agent_ref = u.r AND d.from_at = u.f`,
    [agents.map((a) => a.agentRef), agents.map((a) => new Date(a.fromAt))],
  );
}
