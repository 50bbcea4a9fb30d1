import type { StaffingRow, TargetStatus } from '@floorwatch/contracts';

export const INTERVAL_MS = 15 * 60_000;

export function intervalStartOf(ms: number): number {
  return Math.floor(ms / INTERVAL_MS) * INTERVAL_MS;
}

/** The REST rows with the live push for the current interval laid over them. */
export function mergeLive(rows: readonly StaffingRow[], live: StaffingRow | null | undefined): StaffingRow[] {
  if (!live) return [...rows];
  const at = Date.parse(live.intervalStart);
  const i = rows.findIndex((r) => Date.parse(r.intervalStart) === at);
  if (i < 0) return [...rows, live].sort((a, b) => Date.parse(a.intervalStart) - Date.parse(b.intervalStart));
  const out = [...rows];
  // A live row may not know the forecast (requiredAgents null): keep the stored figures then.
  const known = Object.fromEntries(Object.entries(live).filter(([, v]) => v !== null && v !== undefined)) as Partial<StaffingRow>;
  const merged: StaffingRow = { ...rows[i], ...known };
  if (merged.requiredAgents !== null) merged.staffingGap = merged.actualAgents - merged.requiredAgents;
  out[i] = merged;
  return out;
}

export function rowAt(rows: readonly StaffingRow[], at: number | null): StaffingRow | null {
  if (at === null) return null;
  return rows.find((r) => Date.parse(r.intervalStart) === at) ?? null;
}

/**
 * The interval a site detail shows: the one a link or click picked, else the current one, else
 * the day's last. A picked interval is never stood in for by another while the day's rows are
 * still loading (only the live row is known then): the panel waits rather than show the wrong
 * interval under the picked one's link.
 */
export function focusRow(rows: readonly StaffingRow[], picked: number | null, current: number | null, loaded: boolean): StaffingRow | null {
  if (picked !== null) return rowAt(rows, picked) ?? (loaded ? (rows.at(-1) ?? null) : null);
  return rowAt(rows, current) ?? rows.at(-1) ?? null;
}

/** Shrinkage causes, biggest first ("training 8.0 agents"). */
export function causes(row: StaffingRow | null): { activity: string; agents: number }[] {
  if (!row?.shrinkageByActivity) return [];
  return Object.entries(row.shrinkageByActivity)
    .map(([activity, agents]) => ({ activity, agents }))
    .filter((c) => c.agents > 0)
    .sort((a, b) => b.agents - a.agents);
}

/**
 * Staffing-gap status: the API's `staffingGapStatus` when it sends one. Until it does, the desk's
 * rule of thumb: short by more than 5 % of required (at least one agent) is red, short at all amber.
 */
export function gapStatus(row: StaffingRow | null): TargetStatus {
  if (!row) return 'none';
  if (row.staffingGapStatus) return row.staffingGapStatus;
  const gap = row.staffingGap;
  const required = row.requiredAgents;
  if (gap === null || required === null) return 'none';
  if (gap >= 0) return 'green';
  return -gap > Math.max(1, required * 0.05) ? 'red' : 'amber';
}

/**
 * "92", or "…" while the day's staffing (which holds the forecast) is still loading: the live row
 * alone has no required agents, and "105 / — req." read as "no forecast" on a busy server.
 */
export function agentCountText(v: number | null | undefined, loading: boolean): string {
  if (typeof v === 'number' && Number.isFinite(v)) return v.toFixed(0);
  return loading ? '…' : '—';
}
