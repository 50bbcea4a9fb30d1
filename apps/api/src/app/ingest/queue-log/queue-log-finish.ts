import type { RecordStore } from '../../database/record-store';
import type { RollupService } from '../../rollup/rollup.service';
import type { StoredStateEvent } from '../../database/record-types';
import type { OrgMapper } from '../org-mapper';
import type { AgentTouch } from '../../rollup/agent-time-rollup';
import type { RelinkedContact } from './queue-log-sql';
import { clearDirty, dirtyAgents, linesToReplay, rederiveAgents, type DirtyAgent } from './queue-log-agents';

/**
 * Agents re-derived per transaction at most: each commits its states, wrap-up links and rollups
 * together. The line budget below bounds memory; this bounds the statements' arrays. Was 50: a
 * site's file then took several transactions, and the first one's watermark step computed the
 * agent time of the later groups' agents with their old states, to be done again by their group.
 */
const AGENTS_PER_TRANSACTION = 500;
/**
 * Stored lines one transaction replays at most (~40 MB of lines and parsed events): the bound on
 * the ingest's memory for agents. An agent with more lines after its checkpoint than this is
 * replayed alone (its own history after the checkpoint is then the bound).
 */
export const LINES_PER_TRANSACTION = 40_000;

/**
 * Re-derives every agent marked dirty (by this run or by one that was cut short) and refreshes
 * the rollups that touches. Runs at the end of each queue_log ingest, so a run's agent timelines
 * are derived once from all its lines rather than once per batch.
 */
export async function finishQueueLogAgents(
  store: RecordStore,
  mapper: OrgMapper,
  rollups: RollupService,
  deferRollups: boolean,
  onCommitted: (states: StoredStateEvent[]) => void,
  /** A batch of this run wrote contacts (their batches leave agent time and its watermark to this pass). */
  contactsWritten = false,
): Promise<number> {
  let done = 0;
  let agents = await nextGroup(store, mapper);
  if (agents.length === 0 && contactsWritten && !deferRollups) {
    // No agent to re-derive (e.g. only abandoned calls): agent time still catches up to the new contacts.
    await store.transaction((tx) => rollups.refresh(tx, { contacts: [], agentTimes: [] }, { force: true }));
  }
  while (agents.length > 0) {
    const states: StoredStateEvent[] = [];
    await store.transaction(async (tx) => {
      const { contacts, acwIntervals, agentTimes, states: fresh, consumed } = await rederiveAgents(tx, agents, mapper, !deferRollups);
      states.push(...fresh);
      const created = mapper.takeCreated();
      if (created.agents.length) await tx.upsertOrg({ agents: created.agents });
      if (deferRollups) await rollups.defer(tx, { contacts, agentTimes });
      // Only acwSeconds moved on these contacts: their deltas went into their rows with the relink, nothing re-aggregated.
      else await rollups.refresh(tx, { contacts: [], agentTimes, acwIntervals });
      await clearDirty(tx, consumed);
    });
    done += agents.length;
    // The next group is looked up before this one's states are published, so the last group's
    // publish is the run's last step: whoever records the run (feed health around a followed
    // file's ingest) stores its lines and records right as its states reach /live, not one
    // database round trip later. Published even if that look-up fails (they are committed).
    try {
      agents = await nextGroup(store, mapper);
    } finally {
      onCommitted(states.sort((a, b) => a.at - b.at || (a.seq ?? 0) - (b.seq ?? 0) || (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0)));
    }
  }
  return done;
}

/** The next dirty agents whose lines to replay fit LINES_PER_TRANSACTION (at least one agent). */
export async function nextGroup(store: RecordStore, mapper: OrgMapper, budget = LINES_PER_TRANSACTION): Promise<DirtyAgent[]> {
  const agents = await dirtyAgents(store, AGENTS_PER_TRANSACTION);
  if (agents.length <= 1) return agents;
  const counts = await linesToReplay(store, agents, mapper);
  const group: DirtyAgent[] = [];
  let lines = 0;
  for (const a of agents) {
    const n = counts.get(a.agentRef) ?? 0;
    if (group.length > 0 && lines + n > budget) break;
    group.push(a);
    lines += n;
  }
  return group;
}

/** What a batch's own agents pass did (rederiveInBatch). */
export interface InBatchAgents {
  states: StoredStateEvent[];
  /** Touches for the batch's rollup refresh: its agent time, and the wrap-up changes of stored contacts. */
  agentTimes: AgentTouch[];
  /** Contact rollup intervals that already took those changes (rollups not deferred). */
  acwIntervals: number[];
  /** The relinked contacts themselves (for a deferred batch's pending span). */
  contacts: RelinkedContact[];
}

/**
 * The agents pass inside a batch's transaction, before its calls are derived, when every agent
 * marked dirty fits one group (a time-sorted file: each agent replays from its last checkpoint,
 * about an hour of lines). The calls then link their wrap-up from the states as they are written,
 * and the batch's own refresh computes agent time once, instead of an UPDATE of every contact and
 * its rollup row by the pass at the end of the run. Returns null (nothing done) when the replay
 * would exceed one group: a call-grouped file then leaves its agents to finishQueueLogAgents, where
 * they are replayed once for the whole run. The result is the same either way (a function of the
 * stored lines): only where the work happens differs.
 */
export async function rederiveInBatch(tx: RecordStore, mapper: OrgMapper, deferRollups: boolean): Promise<InBatchAgents | null> {
  const agents = await dirtyAgents(tx, AGENTS_PER_TRANSACTION + 1);
  if (agents.length > AGENTS_PER_TRANSACTION) return null;
  if (agents.length === 0) return { states: [], agentTimes: [], acwIntervals: [], contacts: [] };
  let lines = 0;
  for (const n of (await linesToReplay(tx, agents, mapper)).values()) lines += n;
  if (lines > LINES_PER_TRANSACTION) return null;
  const { contacts, acwIntervals, agentTimes, states, consumed } = await rederiveAgents(tx, agents, mapper, !deferRollups);
  await clearDirty(tx, consumed);
  return { states, agentTimes, acwIntervals, contacts };
}
