import type { RecordStore } from '../database/record-store';
import {
  AGENT_SITES_SQL,
  DAILY_AGENT_DAYS_SQL,
  DAILY_CONTACT_DAYS_SQL,
  DELETE_AGENT_DAYS_SQL,
  DELETE_CONTACT_DAYS_SQL,
  INSERT_AGENT_DAYS_SQL,
  INSERT_CONTACT_DAYS_SQL,
} from './daily-rollup-sql';
import { FCR_ROLLUP_WINDOW_SECONDS } from './fcr-repeat-sql';
import { floorInterval } from './rollup-time';

/** settings key: what the daily rollups reflect (DailyState). */
export const DAILY_STATE_KEY = 'rollup.daily';

export interface DailyState {
  /** Agent-time watermark W at the last daily refresh: every day ending at or before it is stored. */
  through: number;
  /** Fingerprint of the agent → site mapping the agent-time day rows were built with. */
  agentSites: string;
}

/** Repeat counters (not-repeated, cross-channel) are stored for days ending at or before this. */
export const fcrFinalThrough = (through: number): number => through - FCR_ROLLUP_WINDOW_SECONDS * 1000;

export interface DailyChanges {
  /** Instants in the 15-minute contact intervals that were re-aggregated. */
  contactIntervals: Iterable<number>;
  /** Intervals whose FCR repeat counters took a delta (refreshRepeats' return). */
  repeatIntervals: Iterable<number>;
  /** State/schedule changes: agent time may have changed from the earliest `at` on. */
  agentTimes: Iterable<{ at: number }>;
}

export interface DailyReport {
  contactDays: number;
  agentDays: number;
}

/**
 * Brings the daily rollups in step with the 15-minute ones, inside the same transaction. Only
 * complete days (ending at or before the agent-time watermark W) are stored, so in steady state
 * a batch costs two small statements; a day is re-aggregated from its 15-minute rows (all sites
 * of the zone) when it completes, when a late contact or state touches it, and — for the repeat
 * counters, which a contact up to 7 days later can still change — when it becomes FCR-final
 * (end ≤ W − 7 d; before that they are stored as 0 and the reader reads those days' 15-minute
 * rows where it needs them). Agent time is rebuilt for every day when the agent → site mapping
 * changed.
 */
export async function refreshDaily(tx: RecordStore, changes: DailyChanges, watermarkKey: string): Promise<DailyReport> {
  const report: DailyReport = { contactDays: 0, agentDays: 0 };
  const through = await tx.getSetting<number>(watermarkKey);
  if (through === null) return report;
  const state = await tx.getSetting<DailyState>(DAILY_STATE_KEY);
  if (state && nothingToDo(state, through, changes)) return report;
  const agentSites = (await tx.query<{ h: string }>(AGENT_SITES_SQL))[0].h;
  const first = state ? null : await firstInterval(tx);
  const previous = state?.through ?? first ?? through;

  const contactIntervals = [...new Set([...changes.contactIntervals].map(floorInterval))].map((t) => new Date(t));
  const repeatIntervals = [...new Set([...changes.repeatIntervals].map(floorInterval))].map((t) => new Date(t));
  const contactDays = await tx.query<{ zone: string; day: string }>(DAILY_CONTACT_DAYS_SQL, [
    contactIntervals, repeatIntervals, new Date(previous), new Date(fcrFinalThrough(previous)), new Date(through), new Date(fcrFinalThrough(through)),
  ]);
  if (contactDays.length) {
    const days = [contactDays.map((d) => d.zone), contactDays.map((d) => d.day)];
    await tx.query(DELETE_CONTACT_DAYS_SQL, days);
    await tx.query(INSERT_CONTACT_DAYS_SQL, [...days, new Date(fcrFinalThrough(through))]);
  }

  // Agent time changed over [agentFrom, W) for the batch's agents and [previous W, W) for all.
  const agentsMoved = state !== null && state.agentSites !== agentSites;
  let agentFrom = agentsMoved ? (await firstInterval(tx)) ?? previous : previous;
  for (const { at } of changes.agentTimes) agentFrom = Math.min(agentFrom, floorInterval(at));
  const agentDays = agentFrom < through ? await tx.query<{ zone: string; day: string }>(DAILY_AGENT_DAYS_SQL, [new Date(agentFrom), new Date(through)]) : [];
  if (agentDays.length) {
    const days = [agentDays.map((d) => d.zone), agentDays.map((d) => d.day)];
    await tx.query(DELETE_AGENT_DAYS_SQL, days);
    await tx.query(INSERT_AGENT_DAYS_SQL, days);
  }
  if (!state || state.through !== through || state.agentSites !== agentSites) {
    await tx.setSetting(DAILY_STATE_KEY, { through, agentSites } satisfies DailyState);
  }
  report.contactDays = contactDays.length;
  report.agentDays = agentDays.length;
  return report;
}

/**
 * The live feed's usual batch: W did not move and nothing below it changed, so no day can have
 * (contact intervals, repeats and agent time all at or after W, days stored only up to W). The
 * agent → site fingerprint is then not re-hashed either (a few ms over every agent, each batch):
 * a moved agent is picked up by the next batch that has work, and until then the reader, which
 * compares the fingerprint with the org's, reads agent time from the 15-minute rows.
 */
function nothingToDo(state: DailyState, through: number, changes: DailyChanges): boolean {
  if (state.through !== through) return false;
  for (const _ of changes.contactIntervals) return false;
  for (const _ of changes.repeatIntervals) return false;
  for (const { at } of changes.agentTimes) if (floorInterval(at) < through) return false;
  return true;
}

/** Earliest 15-minute row of either rollup (the first daily refresh of a database starts there). */
async function firstInterval(tx: RecordStore): Promise<number | null> {
  const rows = await tx.query<{ t: number | null }>(
    `SELECT (extract(epoch from LEAST((SELECT min(interval_start) FROM rollup_contacts_15m), (SELECT min(interval_start) FROM rollup_agent_time_15m))) * 1000)::float8 AS t`,
  );
  return rows[0]?.t ?? null;
}
