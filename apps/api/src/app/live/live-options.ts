/** Tunables of the live pipeline; LIVE_OPTIONS overrides them (tests use a tiny RTA threshold). */
export interface LiveOptions {
  /** RTA exception after this long out of adherence (spec default 120 s). */
  rtaThresholdSeconds: number;
  /**
   * The timer that finds threshold crossings and flushes due kpi/staffing pushes. A due push
   * waits for the next tick, so this adds up to its length to their latency (50 ms: at 5 000
   * agents / 500 clients the p99 of event in → delta fell from 984 to 920 ms against 100 ms).
   */
  tickMs: number;
  /**
   * At most one kpi push per scope and one staffing push per site in this time. Under steady load
   * a change waits up to this long (it arrived just after a push), so it is set below the 1 s
   * "coalesced once a second" cadence by the compute + network budget: that keeps the p99 of
   * event in → delta under 1 s (performance.md) while still sending about one delta a second.
   */
  coalesceMs: number;
  /** A scope's kpi tiles are recomputed at least this often even without events (adherence drifts with time). */
  kpiRefreshMs: number;
  /** A connection with more packets than this waiting to be written is disconnected (slow client). */
  maxBufferedPackets: number;
  /** kpi/staffing pushes skip a connection with more packets than this waiting (it sees a seq gap). */
  skipCoalescedAbovePackets: number;
  /** Every socket's user is re-checked against the store this often (revoked / changed users lose access). */
  recheckMs: number;
  /** A socket may be in at most this many scope rooms at once. */
  maxRoomsPerSocket: number;
  /** The clock; tests shift it onto the seeded day. */
  now: () => number;
}

export const LIVE_OPTIONS = Symbol('LIVE_OPTIONS');

export function liveOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): LiveOptions {
  return {
    rtaThresholdSeconds: positive(env, 'RTA_THRESHOLD_SECONDS', 120),
    tickMs: 50,
    coalesceMs: positive(env, 'LIVE_COALESCE_MS', 900),
    kpiRefreshMs: positive(env, 'LIVE_KPI_REFRESH_MS', 10_000),
    maxBufferedPackets: positive(env, 'LIVE_MAX_BUFFERED_PACKETS', 1000),
    skipCoalescedAbovePackets: 32,
    recheckMs: positive(env, 'LIVE_RECHECK_MS', 2000),
    maxRoomsPerSocket: positive(env, 'LIVE_MAX_ROOMS_PER_SOCKET', 50),
    now: Date.now,
  };
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return n;
}
