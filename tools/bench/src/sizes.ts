/** What each bench size generates. `small` runs in CI (~2-3 min on 2 cores); `full` by hand. */
export interface BenchSize {
  name: 'tiny' | 'small' | 'full';
  /** World for ingest and KPI queries (simulator agents x history days). */
  agents: number;
  days: number;
  /** Timed HTTP requests per KPI query. */
  requests: number;
  adherenceAgents: number;
  liveAgents: number;
  liveClients: number;
  liveSeconds: number;
  /** Page loads per page and cache state for the first-render figures. */
  renderLoads: number;
  /**
   * Full-size world for the KPI query figures on PostgreSQL (performance.md: 5 000 agents,
   * 90 days), written straight to the store by full-load.ts; null = the simulated world above.
   */
  loaded: { agents: number; days: number } | null;
}

export const SIZES: Record<BenchSize['name'], BenchSize> = {
  tiny: { name: 'tiny', agents: 30, days: 2, requests: 5, adherenceAgents: 200, liveAgents: 50, liveClients: 5, liveSeconds: 4, renderLoads: 3, loaded: null },
  small: { name: 'small', agents: 300, days: 3, requests: 10, adherenceAgents: 5000, liveAgents: 500, liveClients: 50, liveSeconds: 15, renderLoads: 10, loaded: null },
  full: { name: 'full', agents: 1000, days: 30, requests: 100, adherenceAgents: 5000, liveAgents: 5000, liveClients: 500, liveSeconds: 60, renderLoads: 20, loaded: { agents: 5000, days: 90 } },
};

export interface BenchFigure {
  name: string;
  /** The data the figure was measured on, in words. */
  size: string;
  value: number | null;
  unit: string;
  /** Extra figures (p95, ratios, raw rates) and notes. */
  details?: Record<string, number | string | boolean | null>;
  skipped?: string;
}

export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const i = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[i];
}

export function round(v: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
