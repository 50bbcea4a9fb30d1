import type { World } from '@floorwatch/simulator';
import type { DataSource } from 'typeorm';
import { ActionStore } from '../actions/action-store';

const DAY = 86_400_000;

/**
 * What the follow-up stories need beyond the feeds (issue 25): the `lead`'s coaching of the two
 * new hires as the coaching messages the activity register reads, and as the corrective actions
 * the "what we did" timeline shows with their ACW before → after (7 days each side). Written
 * with the coaching instant as their time, as if the lead had recorded them that morning.
 */
export async function plantFollowUps(world: World, db: DataSource): Promise<number> {
  const c = world.followUps.coaching;
  if (!c) return 0;
  const leader = world.org.teams.find((t) => t.id === c.teamId)?.leaderUserId ?? 'lead';
  const actions = new ActionStore(db);
  for (const agentId of c.agentIds) {
    const name = world.org.agents.find((a) => a.id === agentId)?.name ?? agentId;
    await db.query(`INSERT INTO messages (from_user, to_scope, kind, subject, body, created_at) VALUES ($1, $2, 'coaching', $3, $4, $5)`, [
      leader,
      `agent:${agentId}`,
      'Coaching: after-call work',
      `${name}: wrap-up codes and notes during the call, not after it.`,
      new Date(c.at),
    ]);
    const a = await actions.insert({
      alertId: null,
      kpi: 'acwSeconds',
      scope: `agent:${agentId}`,
      causeCode: 'coaching',
      description: `Coached ${name} on after-call work (wrap-up during the call)`,
      owner: leader,
      createdBy: leader,
      effectiveAt: new Date(c.at).toISOString(),
      dueAt: new Date(c.at + 14 * DAY).toISOString(),
    });
    await db.query(`UPDATE corrective_actions SET created_at = $2, status = 'done', closed_at = $3 WHERE id = $1`, [a.id, new Date(c.at), new Date(c.at + 7 * DAY)]);
  }
  return c.agentIds.length;
}
