import { ALL_SITES } from '../../auth/permissions';
import type { SurveyAttribution } from '@floorwatch/contracts';
import type { RecordStore } from '../../database/record-store';

/**
 * customer.md routing: the attributed agent's team leader; no agent or no leader → the attributed
 * site's managers; unattributed → the enterprise managers (reach '*'). Usernames.
 */
export async function assigneesFor(tx: Pick<RecordStore, 'query'>, a: SurveyAttribution | null): Promise<string[]> {
  if (a?.agentId && a.teamId) {
    const [team] = await tx.query<{ leader: string | null }>('SELECT leader_user_id AS leader FROM teams WHERE id = $1', [a.teamId]);
    if (team?.leader) return [team.leader];
  }
  if (a?.siteId) {
    const site = await tx.query<{ username: string }>(`SELECT username FROM users WHERE 'manager' = ANY(roles) AND $1 = ANY(site_ids) ORDER BY username`, [a.siteId]);
    if (site.length) return site.map((u) => u.username);
  }
  const ent = await tx.query<{ username: string }>(`SELECT username FROM users WHERE 'manager' = ANY(roles) AND $1 = ANY(site_ids) ORDER BY username`, [ALL_SITES]);
  return ent.map((u) => u.username);
}
