import { DEFAULT_KPI_CONFIG, type KpiConfig } from '@floorwatch/kpi';
import type { RecordStore } from '../database/record-store';
import { refreshAgentTime, refreshAgentTimeRanges, touchedAgentRanges, type AgentTouch } from './agent-time-rollup';
import { refreshContactIntervals } from './contact-rollup';
import { refreshDaily } from './daily-refresh';
import { refreshRepeats } from './fcr-repeats';
import { refreshSiteContactIntervals } from './site-contact-rollup';
import { refreshSurveyDays, utcDays } from './survey-rollup';
import { deferTouches, rebuildPending, type RebuildReport } from './rollup-rebuild';
import { floorInterval } from './rollup-time';
import { applyAcwDeltas, type AcwDelta } from './acw-delta';

/** settings key: agent-time rollups are complete for every interval before this (epoch ms). */
export const AGENT_TIME_THROUGH_KEY = 'rollup.agentTimeThrough';

/** What one ingest batch wrote, reduced to what the rollups need. */
export interface RollupTouches {
  contacts: readonly { enqueuedAt: number; endedAt: number; customerKey: string | null }[];
  /** Agent id and the earliest time a state event or schedule segment of theirs changed. */
  agentTimes: readonly AgentTouch[];
  /** Response times of the batch's survey responses (their UTC days are re-aggregated). */
  surveys?: readonly { respondedAt: number }[];
  /** Stored contacts whose wrap-up alone changed (queue_log's ACW link): applied as deltas, no re-aggregation. */
  acwDeltas?: readonly AcwDelta[];
  /** Contact rollup intervals whose rows already took acw deltas (queue_log relink, acw-delta.ts updateAcwWithDeltas). */
  acwIntervals?: readonly number[];
  /** Self-service sessions written (bulk mode records their starts; the per-batch path refreshes them in session-rollup.ts). */
  sessions?: readonly { startedAt: number }[];
}

export interface RefreshOptions {
  /**
   * false: leave agent time and its watermark to a later refresh of the same run (queue_log
   * batches: their agents' states are derived at the end of the run, whose refresh computes the
   * span once instead of once with the old states and again with the new). Default true.
   */
  agentTime?: boolean;
  /** Run the agent-time part even with nothing touched (the end of a queue_log run that re-derived no agent). */
  force?: boolean;
}

/**
 * Keeps the 15-minute rollups in step with the raw tables, inside the ingest's transaction:
 * - surveys: the UTC day rows of the batch's responses are re-aggregated;
 * - contacts: the first repeat of every FCR subject the batch can affect is recomputed (deltas into
 *   its rollup row), then the intervals of each written contact's enqueuedAt and endedAt are
 *   re-aggregated, and those intervals and the ones a repeat changed are re-summed per site;
 * - agent time is complete up to a watermark W = the interval start of the latest event ingested
 *   (the open last state of an agent has no end before that). A batch recomputes its touched
 *   agents from their earliest change up to the new W, and when W advances, every agent over
 *   [old W, new W). A late event therefore re-computes only its agent's intervals.
 */
export class RollupService {
  constructor(private readonly config: KpiConfig = DEFAULT_KPI_CONFIG) {}

  static async agentTimeThrough(store: RecordStore): Promise<number | null> {
    return store.getSetting<number>(AGENT_TIME_THROUGH_KEY);
  }

  async refresh(tx: RecordStore, touches: RollupTouches, options: RefreshOptions = {}): Promise<void> {
    if (touches.surveys?.length) {
      const times = touches.surveys.map((s) => s.respondedAt);
      await refreshSurveyDays(tx, utcDays(times), times);
    }
    const acwIntervals = [...(touches.acwIntervals ?? []), ...(touches.acwDeltas?.length ? await applyAcwDeltas(tx, touches.acwDeltas) : [])];
    // A survey-only batch touches nothing else (surveys have no agent time and no contact interval).
    if (touches.contacts.length === 0 && touches.agentTimes.length === 0 && acwIntervals.length === 0 && !options.force) return;
    // First repeats before the interval refresh: the refresh re-aggregates the stored repeats,
    // and a delta added to an interval that is then re-aggregated is simply overwritten.
    const repeated = await refreshRepeats(tx, touches.contacts);
    const intervals = new Set<number>();
    for (const c of touches.contacts) {
      intervals.add(floorInterval(c.enqueuedAt));
      intervals.add(floorInterval(c.endedAt));
    }
    await refreshContactIntervals(tx, [...intervals], this.config);
    await refreshSiteContactIntervals(tx, [...intervals, ...repeated]);
    for (const t of acwIntervals) intervals.add(t);
    if (options.agentTime === false) {
      await refreshDaily(tx, { contactIntervals: intervals, repeatIntervals: repeated, agentTimes: [] }, AGENT_TIME_THROUGH_KEY);
      return;
    }

    const latest = await tx.latestEventTime();
    const previous = await RollupService.agentTimeThrough(tx);
    if (latest === null) return;
    const through = Math.max(previous ?? Number.NEGATIVE_INFINITY, floorInterval(latest));
    const start = previous ?? Math.min(through, ...(await this.firstEventTimes(tx)));
    // The org (every agent: ~12 ms at 5 000) only when agent time is recomputed, not for the
    // live feed's usual batch, whose events all lie at or after the watermark.
    const ranges = await touchedAgentRanges(tx, touches.agentTimes, Math.min(start, through));
    if (through > start || ranges.length > 0) {
      const org = await tx.loadOrg();
      if (through > start) await refreshAgentTime(tx, org, org.agents.map((a) => a.id), start, through, this.config);
      // Touched agents below the old watermark: only the span their new events can change, all in one pass.
      await refreshAgentTimeRanges(tx, org, ranges, this.config);
    }
    if (through !== previous) await tx.setSetting(AGENT_TIME_THROUGH_KEY, through);
    await refreshDaily(tx, { contactIntervals: intervals, repeatIntervals: repeated, agentTimes: touches.agentTimes }, AGENT_TIME_THROUGH_KEY);
  }

  /**
   * Bulk mode (ingest with deferRollups): instead of refreshing, records the span the batch
   * touched; rebuild() later brings every rollup up to date in a few set-based passes.
   */
  async defer(tx: RecordStore, touches: RollupTouches): Promise<void> {
    await deferTouches(tx, touches);
  }

  /** Rebuilds the rollups over everything deferred since the last rebuild (a no-op when nothing is). */
  async rebuild(tx: RecordStore, onProgress?: (step: string, done: number, total: number) => void): Promise<RebuildReport> {
    return rebuildPending(tx, {
      config: this.config,
      watermarkKey: AGENT_TIME_THROUGH_KEY,
      firstEventTime: async (store) => (await this.firstEventTimes(store))[0] ?? null,
      onProgress,
    });
  }

  /** Earliest schedule or state time, for the very first refresh. */
  private async firstEventTimes(tx: RecordStore): Promise<number[]> {
    const rows = await tx.query<{ t: number | null }>(
      `SELECT (extract(epoch from LEAST((SELECT min(at) FROM agent_state_events), (SELECT min(start_at) FROM schedule_segments))) * 1000)::float8 AS t`,
    );
    const t = rows[0]?.t;
    return t === null || t === undefined ? [] : [floorInterval(t)];
  }
}
