import type { StaffingRow } from '@floorwatch/contracts';
import { formatTime } from '../../shared/time';

/**
 * Why a site's card has no figures, in a contact centre's words: null while it has contacts today
 * (or while today's figures load). The org carries no opening hours, so "open" is read from the
 * day's plan: an interval with agents required or scheduled. Before the first such interval the
 * site is "Closed · opens 08:00"; after the last "Closed for the day"; in between, "No contacts
 * yet today".
 */
export function siteQuietText(contactsToday: number | null, loading: boolean, rows: readonly StaffingRow[], nowMs: number, timezone: string): string | null {
  if (loading || (contactsToday ?? 0) > 0) return null;
  const open = rows.filter((r) => (r.requiredAgents ?? 0) > 0 || (r.scheduledAgents ?? 0) > 0);
  if (open.length === 0) return 'No contacts yet today';
  const first = Date.parse(open[0].intervalStart);
  const last = Date.parse(open[open.length - 1].intervalStart) + 15 * 60_000;
  if (nowMs < first) return `Closed · opens ${formatTime(open[0].intervalStart, timezone)}`;
  if (nowMs >= last) return 'Closed for the day';
  return 'No contacts yet today';
}

/** A wait tile's figure: "…" while today's by-channel answer loads (as agents now), the value once known. */
export function waitText(formatted: string, value: number | null, loading: boolean): string {
  return value === null && loading ? '…' : formatted;
}
