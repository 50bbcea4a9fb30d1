import { compareAgentLines, DEFAULT_ACW_REASONS, emptyAgentSnapshot, parseQueueLogLine, stepAgent, type AgentSnapshot, type OrderedLine } from '@floorwatch/feeds';
import type { Row } from '../../database/bulk-writer';
import type { RecordStore } from '../../database/record-store';
import { toTimestamp } from '../../database/record-sql';
import type { StoredStateEvent } from '../../database/record-types';
import type { AgentTouch } from '../../rollup/agent-time-rollup';
import type { OrgMapper } from '../org-mapper';
import { relinkAcw, type RelinkedContact } from './queue-log-sql';

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
  /** Contacts whose wrap-up changed (only acwSeconds). */
  contacts: RelinkedContact[];
  /** Contact rollup intervals that already took those changes (applyToRollups), for the day rows. */
  acwIntervals: number[];
  agentTimes: AgentTouch[];
}

/** One org agent to replay: every reference its lines were written under, from the earliest new line of any of them. */
interface AgentReplay {
  agentId: string;
  refs: string[];
  fromAt: number;
}

/**
 * Re-derives these agents' state events, each from its checkpoint before its `fromAt` to its
 * last stored line: replaces their queue_log state events and checkpoints after that checkpoint,
 * and re-links the wrap-up of their calls ending in that span. An org agent whose lines name it
 * under several aliases (`Agent/1001`, `SIP/1001`) is one timeline: the lines of all its aliases
 * go through one state machine, its checkpoints are kept under its agent id, and every dirty
 * alias of it is consumed here (returned in `consumed`, for clearDirty). Set-based: a handful of
 * statements for the whole group. Memory: the group's lines after their checkpoints; the state
 * machine itself is one AgentSnapshot per agent. applyToRollups: the wrap-up changes go into the
 * contact rollup rows in the same statement as the contacts (returned as acwIntervals).
 */
export async function rederiveAgents(tx: RecordStore, agents: readonly DirtyAgent[], mapper: OrgMapper, applyToRollups = false): Promise<AgentRederive & { consumed: DirtyAgent[] }> {
  const { replays, consumed } = await replaysOf(tx, agents, mapper);
  const ids = replays.map((r) => r.agentId);
  const cps = await tx.query<{ id: string; at: number; snapshot: AgentSnapshot | string; acw_from: number | null }>(
    `SELECT u.id, ${MS('c.at')} AS at, c.snapshot,
            CASE WHEN c.snapshot->>'state' = 'acw' THEN (SELECT ${MS('max(l.at)')} FROM queue_log_lines l
                   WHERE l.agent_ref = ANY(string_to_array(u.refs, chr(1))) AND l.at <= c.at) END AS acw_from
       FROM unnest($1::text[], $2::timestamptz[], $3::text[]) AS u(id, f, refs)
       CROSS JOIN LATERAL (SELECT at, snapshot FROM queue_log_agent_checkpoints k WHERE k.agent_ref = u.id AND k.at < u.f ORDER BY at DESC LIMIT 1) c`,
    [ids, replays.map((r) => new Date(r.fromAt)), replays.map((r) => r.refs.join('\u0001'))],
  );
  const cpOf = new Map(cps.map((c) => [c.id, { at: Number(c.at), snapshot: typeof c.snapshot === 'string' ? (JSON.parse(c.snapshot) as AgentSnapshot) : c.snapshot, acwFrom: c.acw_from === null ? null : Number(c.acw_from) }]));
  const since = (id: string): number => cpOf.get(id)?.at ?? EVER;
  const refRows = replays.flatMap((r) => r.refs.map((ref) => [ref, r.agentId] as const));
  const stored = await tx.query<{ id: string; text: string }>(
    `SELECT u.id, l.text FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS u(r, id, s) JOIN queue_log_lines l ON l.agent_ref = u.r AND l.at > u.s`,
    [refRows.map(([ref]) => ref), refRows.map(([, id]) => id), refRows.map(([, id]) => new Date(since(id)))],
  );
  const linesOf = new Map<string, OrderedLine[]>();
  for (const r of stored) {
    const line = parseQueueLogLine(r.text, NO_IGNORED);
    if (!line) continue;
    let list = linesOf.get(r.id);
    if (!list) linesOf.set(r.id, (list = []));
    list.push({ line, text: r.text });
  }
  const states: StoredStateEvent[] = [];
  const fresh: StoredStateEvent[] = [];
  const checkpoints: Row[] = [];
  const agentTimes: AgentTouch[] = [];
  const relinkFrom: Date[] = [];
  for (const a of replays) {
    const cp = cpOf.get(a.agentId);
    const lines = (linesOf.get(a.agentId) ?? []).sort(compareAgentLines);
    const own = replay(a.agentId, cp ? structuredClone(cp.snapshot) : emptyAgentSnapshot(), lines, checkpoints);
    states.push(...own);
    for (const e of own) if (e.at >= a.fromAt) fresh.push(e);
    // Calls whose wrap-up can change: ending after the checkpoint, or just before an acw open at it.
    relinkFrom.push(new Date(cp ? Math.min(cp.at, cp.acwFrom ?? cp.at) - 5000 : (lines[0]?.line.at ?? a.fromAt) - 5000));
    agentTimes.push({ agentId: a.agentId, at: Math.min(lines[0]?.line.at ?? a.fromAt, a.fromAt) });
  }
  // With no checkpoint, from just before the agent's first stored line: state events written before
  // queue_log lines were kept (a data dir from before this design) stay as they are.
  const sinceDates = ids.map((id) => new Date(cpOf.has(id) ? since(id) : Math.min(...(linesOf.get(id) ?? []).map((l) => l.line.at), Date.now()) - 1));
  await tx.query(
    `DELETE FROM agent_state_events e USING unnest($1::text[], $2::timestamptz[]) AS u(id, s) WHERE e.agent_id = u.id AND e.source = 'queue_log' AND e.at > u.s`,
    [ids, sinceDates],
  );
  await tx.query(`DELETE FROM queue_log_agent_checkpoints k USING unnest($1::text[], $2::timestamptz[]) AS u(r, s) WHERE k.agent_ref = u.r AND k.at > u.s`, [ids, sinceDates]);
  await tx.writer.write('queue_log_agent_checkpoints', ['agent_ref', 'at', 'snapshot'], checkpoints, { runner: tx.runner });
  await tx.writeStateEvents(states);
  const { contacts, intervals } = await relinkAcw(
    tx,
    `c.agent_id = ANY($1::text[]) AND c.ended_at >= (SELECT min(u.f) FROM unnest($1::text[], $2::timestamptz[]) AS u(id, f) WHERE u.id = c.agent_id)`,
    [ids, relinkFrom],
    applyToRollups,
  );
  return { states: fresh, contacts, acwIntervals: intervals, agentTimes, consumed };
}

/**
 * The org agents behind these dirty references, each with every reference its stored lines use
 * (one loose index scan of the distinct references) and the earliest new line of any dirty one,
 * other groups' dirty aliases of the same agent included (they are consumed with this group).
 */
async function replaysOf(tx: RecordStore, agents: readonly DirtyAgent[], mapper: OrgMapper): Promise<{ replays: AgentReplay[]; consumed: DirtyAgent[] }> {
  const byId = new Map<string, AgentReplay>();
  for (const a of agents) {
    const id = mapper.agent(a.agentRef).id;
    const r = byId.get(id);
    if (!r) byId.set(id, { agentId: id, refs: [a.agentRef], fromAt: a.fromAt });
    else {
      if (!r.refs.includes(a.agentRef)) r.refs.push(a.agentRef);
      r.fromAt = Math.min(r.fromAt, a.fromAt);
    }
  }
  const others: string[] = [];
  for (const ref of await storedAgentRefs(tx)) {
    const r = byId.get(mapper.agent(ref).id);
    if (r && !r.refs.includes(ref)) {
      r.refs.push(ref);
      others.push(ref);
    }
  }
  const consumed = [...agents];
  if (others.length > 0) {
    const rows = await tx.query<{ agent_ref: string; f: number }>(`SELECT agent_ref, ${MS('from_at')} AS f FROM queue_log_dirty_agents WHERE agent_ref = ANY($1::text[])`, [others]);
    for (const row of rows) {
      const d = { agentRef: row.agent_ref, fromAt: Number(row.f) };
      consumed.push(d);
      const r = byId.get(mapper.agent(d.agentRef).id) as AgentReplay;
      r.fromAt = Math.min(r.fromAt, d.fromAt);
    }
  }
  return { replays: [...byId.values()], consumed };
}

/** The distinct agent references of the stored lines: a loose index scan (one index probe per reference). */
async function storedAgentRefs(tx: RecordStore): Promise<string[]> {
  const rows = await tx.query<{ r: string | null }>(
    `WITH RECURSIVE refs(r) AS (
       (SELECT agent_ref FROM queue_log_lines WHERE agent_ref IS NOT NULL ORDER BY agent_ref LIMIT 1)
       UNION ALL
       SELECT (SELECT l.agent_ref FROM queue_log_lines l WHERE l.agent_ref > refs.r ORDER BY l.agent_ref LIMIT 1) FROM refs WHERE refs.r IS NOT NULL)
     SELECT r FROM refs WHERE r IS NOT NULL`,
  );
  return rows.map((row) => row.r as string);
}

/** One agent's lines (sorted) through its state machine; appends an hourly checkpoint row after the last instant of each hour. */
function replay(agentId: string, snap: AgentSnapshot, lines: readonly OrderedLine[], checkpoints: Row[]): StoredStateEvent[] {
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
      // Keyed by the org agent (the table's agent_ref column): one timeline for all of its aliases.
      checkpoints.push([agentId, toTimestamp(line.at), JSON.stringify(snap)]);
    }
  }
  return out;
}

/** How many stored lines of each dirty reference its re-derivation replays (those after its agent's checkpoint before fromAt). */
export async function linesToReplay(store: RecordStore, agents: readonly DirtyAgent[], mapper: OrgMapper): Promise<Map<string, number>> {
  const rows = await store.query<{ r: string; n: number }>(
    `SELECT u.r, (SELECT count(*) FROM queue_log_lines l WHERE l.agent_ref = u.r
                    AND l.at > COALESCE((SELECT max(k.at) FROM queue_log_agent_checkpoints k WHERE k.agent_ref = u.id AND k.at < u.f), '0001-01-01'::timestamptz))::int AS n
       FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS u(r, id, f)`,
    [agents.map((a) => a.agentRef), agents.map((a) => mapper.agent(a.agentRef).id), agents.map((a) => new Date(a.fromAt))],
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
