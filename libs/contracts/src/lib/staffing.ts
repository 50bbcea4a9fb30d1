export interface StaffingRow {
  intervalStart: string;
  requiredAgents: number | null;
  scheduledAgents: number;
  actualAgents: number;
  staffingGap: number | null;
  scheduleGap: number | null;
  /** Scheduled agent-equivalents per non-open activity (what accounts for the gap). */
  shrinkageByActivity?: Record<string, number>;
  /** Target status of `staffingGap` (target kpi `staffingGap`), so the desk colours it like any KPI. */
  staffingGapStatus?: import('./targets').TargetStatus;
  /** selfservice.md §5: self-service sessions of the site transferred in the interval (by endedAt). */
  ivrTransfers?: number;
}

export interface StaffingResult {
  site: string;
  from: string;
  to: string;
  rows: StaffingRow[];
}
