import { TZDate } from '@date-fns/tz';
import type { Me } from '@floorwatch/contracts';
import { SCENARIOS, type World } from '@floorwatch/simulator';
import type { UsersService } from '../auth/users.service';
import type { KpiQueryService } from '../kpi/kpi-query.service';
import type { OrgService } from '../org/org.service';
import type { TargetsService } from '../targets/targets.service';
import { setTargetSchema } from '../targets/targets.dto';

const SEEDER: Me = { username: 'demo-seed', roles: ['admin'], agentId: null, teamIds: [], siteIds: [] };

/**
 * What the planted stories need beyond the feeds: the team's handled target (set through the
 * targets service, so it is audited like a team leader's change), and the `agent` and `lead`
 * users pointed at the scenario agent and team rather than at the first agent of the org.
 */
export async function plantScenarioSetup(world: World, users: UsersService, targets: TargetsService, orgs: OrgService, kpis: KpiQueryService): Promise<void> {
  await users.ensureDemoUsers();
  for (const u of world.users) {
    if (u.username !== 'agent' && u.username !== 'lead') continue;
    await users.updateUser(u.username, { agentId: u.agentId, teamIds: u.teamIds, siteIds: u.siteIds });
  }
  const team = world.scenarios.teamUnderTarget;
  if (team) {
    // Handled is a count, so its target is per working day (targets.service scales it to the
    // window's working days). Weekday volumes differ: a target from one day (or the average day)
    // leaves busier days green or amber — at a Monday 07:00 "yesterday" is a quiet Sunday and the
    // history read 0.965, amber. The story must show on any day it is looked at, so the target is
    // the team's busiest day of the history / 0.93: that day is 7 % under, every other day more,
    // and so is any window of them (sum handled ≤ days × max ≤ days × 0.93 × target): red.
    const tz = world.org.sites.find((s) => s.id === world.org.teams.find((x) => x.id === team.teamId)?.siteId)?.timezone ?? 'UTC';
    // Per day, in the site's time: each day's handled against the days it owed (count-target-due:
    // its scheduled agent-hours against a normal day's). The best day sets the value at 7 % under,
    // rounded up, so every day and every window of them reads ≤ 0.93: red at any instant.
    const org = await orgs.refresh();
    const scope = { kind: 'team', id: team.teamId } as const;
    const r = await kpis.query({ scope, from: team.from, to: team.to, by: 'day', tz });
    const due = await targets.dueDaysPerRow(`team:${team.teamId}`, scope, r, org, tz);
    const best = Math.max(0, ...r.rows.map((row, i) => ((due[i] ?? 0) > 0 ? (row.kpis.handled ?? 0) / due[i] : 0)));
    const value = Math.ceil(best / (1 - SCENARIOS.teamUnderTarget.shortfallPct / 100));
    await targets.set(SEEDER, setTargetSchema.parse({ kpi: 'handled', scope: `team:${team.teamId}`, value, direction: 'higher' }), org);
  }
}

/** Local midnight of the day before the local midnight `ms` (23, 24 or 25 hours earlier). */
export function previousLocalMidnight(ms: number, tz: string): number {
  const d = new TZDate(ms - 12 * 3_600_000, tz);
  return new TZDate(d.getFullYear(), d.getMonth(), d.getDate(), tz).getTime();
}

/** The start-up banner: who to log in as and what each one shows. */
export function demoBanner(world: World | null, url: string): string {
  const agentName = world?.org.agents.find((a) => a.id === SCENARIOS.lateFromLunch.agentId)?.name ?? SCENARIOS.lateFromLunch.agentId;
  const hires = SCENARIOS.teamUnderTarget.newHireAgentIds.join(' and ');
  const st = SCENARIOS.staffingTraining;
  const rows: [string, string][] = [
    ['agent', `${agentName} (${SCENARIOS.lateFromLunch.agentId}): back from lunch ~5 min late every day, adherence dips at hour 13 → ${url}/agent`],
    ['lead', `team ${SCENARIOS.teamUnderTarget.teamId}: ${SCENARIOS.teamUnderTarget.shortfallPct}% or more under its calls-handled target every working day; new hires ${hires} have 2–3× ACW → ${url}/team`],
    ['manager', `enterprise AHT red; by reason → ${SCENARIOS.ahtTvCampaign.reason} is the one over ${SCENARIOS.ahtTvCampaign.ahtTargetSeconds} s → ${url}/manager`],
    ['desk', `Chicago ${st.localTime} local: ${st.requiredAgents} required / ${st.scheduledAgents} scheduled / ${st.actualAgents} on hand (${st.trainingAgents} in training) → ${url}/desk`],
    ['admin', `users, org, feeds, quarantine → ${url}/admin`],
  ];
  const width = Math.max(...rows.map(([u]) => u.length));
  return [`Demo users (password "floorwatch", demo only):`, ...rows.map(([u, text]) => `  ${u.padEnd(width)}  ${text}`)].join('\n');
}
