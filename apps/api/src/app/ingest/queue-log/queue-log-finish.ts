import type { RecordStore } from '../../database/record-store';
import type { RollupService } from '../../rollup/rollup.service';
import type { StoredStateEvent } from '../../database/record-types';
import type { OrgMapper } from '../org-mapper';
import { clearDirty, dirtyAgents, linesToReplay, rederiveAgents, type DirtyAgent } from './queue-log-agents';

/** Agents re-derived per transaction at most: each commits its states, wrap-up links and rollups together. */
const AGENTS_PER_TRANSACTION = 50;
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
      const { contacts, agentTimes, states: fresh, consumed } = await rederiveAgents(tx, agents, mapper);
      states.push(...fresh);
      const created = mapper.takeCreated();
      if (created.agents.length) await tx.upsertOrg({ agents: created.agents });
      if (deferRollups) await rollups.defer(tx, { contacts, agentTimes });
      // Only acwSeconds moved on these contacts: deltas into their rows, nothing re-aggregated.
      else await rollups.refresh(tx, { contacts: [], agentTimes, acwDeltas: contacts.map((c) => ({ source: 'queue_log', naturalKey: c.naturalKey, enqueuedAt: c.enqueuedAt, delta: c.delta })) });
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
