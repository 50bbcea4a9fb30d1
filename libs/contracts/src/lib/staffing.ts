export interface StaffingRow {
  intervalStart: string;
  requiredAgents: number | null;
  scheduledAgents: number;
  actualAgents: number;
  staffingGap: number | null;
  scheduleGap: number | null;
  /** Scheduled agent-equivalents per non-open activity (what accounts for the gap). */
  shrinkageByActivity?: Record<string, number>;
}

export interface StaffingResult {
  site: string;
  from: string;
  to: string;
  rows: StaffingRow[];
}
