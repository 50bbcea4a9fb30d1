import type { Scope } from '@floorwatch/contracts';
import type { DataSource } from 'typeorm';
import type { IndexedOrg } from '../org/org-lookup';

/**
 * Days in [from, to) on which the scope had scheduled contact work (an `open` segment starting
 * that site-local day): a calls-handled target per day is a target per working day, so a
 * month view of a weekday team is not measured against its weekends. Null when the scope has
 * no schedule in the window (or is a queue, which has no agents): callers fall back to
 * calendar days.
 */
export async function workingDays(db: DataSource, org: IndexedOrg, scope: Scope, from: number, to: number, asOf: number = to): Promise<number | null> {
  const agents = agentsOf(org, scope);
  if (agents === null || agents.length === 0) return null;
  const tz = scope.kind === 'enterprise' ? 'UTC' : org.timezoneOfSite(siteOf(org, scope) ?? '');
  // Each working day counts the share of its scheduled open time already past at asOf: a week
  // viewed on Wednesday at 11:00 is Monday + Tuesday + the part of Wednesday gone, not 7 days
  // (nor 5); a finished window (asOf ≥ to) counts every working day whole, as before.
  const rows: { days: string | number | null; any: string | number }[] = await db.query(
    `SELECT sum(elapsed / total) AS days, count(*) AS any FROM (
       SELECT sum(extract(epoch FROM end_at - start_at)) AS total,
              sum(greatest(0, extract(epoch FROM least(end_at, $5::timestamptz) - start_at))) AS elapsed
         FROM schedule_segments
        WHERE agent_id = ANY($2) AND activity = 'open' AND start_at >= $3 AND start_at < $4 AND end_at > start_at
        GROUP BY (start_at AT TIME ZONE $1)::date) d`,
    [tz, agents, new Date(from).toISOString(), new Date(to).toISOString(), new Date(Math.min(asOf, to)).toISOString()],
  );
  if (Number(rows[0]?.any ?? 0) === 0) return null;
  return Number(rows[0]?.days ?? 0);
}

function agentsOf(org: IndexedOrg, scope: Scope): string[] | null {
  const all = org.org.agents;
  switch (scope.kind) {
    case 'enterprise':
      return all.map((a) => a.id);
    case 'site':
      return all.filter((a) => a.siteId === scope.id).map((a) => a.id);
    case 'team':
      return all.filter((a) => a.teamId === scope.id).map((a) => a.id);
    case 'agent':
      return [scope.id];
    case 'queue':
      return null;
  }
}

function siteOf(org: IndexedOrg, scope: Scope): string | undefined {
  switch (scope.kind) {
    case 'site':
      return scope.id;
    case 'team':
      return org.siteOfTeam(scope.id);
    case 'agent':
      return org.siteOfAgent(scope.id);
    default:
      return undefined;
  }
}
