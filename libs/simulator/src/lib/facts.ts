import { SCENARIOS, type ScenarioFacts } from './scenarios';
import type { AgentDay } from './schedule';
import type { PlantedHooks, World } from './world';
import { MINUTE, localTime } from './time';

/** The scenario figures as they came out of this world's records. */
export function computeFacts(world: World, days: AgentDay[], hooks: PlantedHooks, datesBySite: Map<string, string[]>): ScenarioFacts {
  const facts: ScenarioFacts = {
    lateFromLunch: null,
    teamUnderTarget: null,
    ahtTvCampaign: { queueIds: world.org.queues.filter((q) => q.id.endsWith(`-${SCENARIOS.ahtTvCampaign.reason}`)).map((q) => q.id) },
    staffingTraining: null,
  };
  if (hooks.lateLunchAgentId) {
    const delays: { date: string; seconds: number }[] = [];
    for (const d of days) {
      if (d.agent.id !== hooks.lateLunchAgentId || d.lateFromLunchSeconds === null) continue;
      const lunch = d.segments.find((s) => s.activity === 'lunch');
      if (lunch && lunch.end + d.lateFromLunchSeconds * 1000 < world.endAt) delays.push({ date: d.date, seconds: d.lateFromLunchSeconds });
    }
    facts.lateFromLunch = { agentId: hooks.lateLunchAgentId, username: 'agent', delaysSeconds: delays };
  }
  const team = world.sim.teams.find((t) => t.id === hooks.demoTeamId);
  const dates = team ? datesBySite.get(team.siteId) : undefined;
  const tz = world.sim.sites.find((s) => s.id === team?.siteId)?.timezone;
  if (team && dates && tz && hooks.newHireIds.length) {
    const fullDays = dates.filter((d) => localTime(d, 0, tz) + 24 * 60 * MINUTE <= world.endAt);
    if (fullDays.length) {
      const from = localTime(fullDays[0], 0, tz);
      const to = localTime(fullDays[fullDays.length - 1], 24 * 60, tz);
      let handled = 0;
      for (const c of world.contacts) if (c.teamId === team.id && c.outcome === 'handled' && c.endedAt >= from && c.endedAt < to) handled++;
      const perDay = Math.round(handled / fullDays.length / 0.93);
      facts.teamUnderTarget = {
        teamId: team.id,
        leaderUsername: 'lead',
        newHireAgentIds: hooks.newHireIds,
        from,
        to,
        days: fullDays.length,
        handledActual: handled,
        handledTargetForPeriod: Math.round(handled / 0.93),
        handledTargetPerDay: perDay,
        target: { kpi: 'handled', scope: `team:${team.id}`, value: perDay, direction: 'higher', amberBand: null },
      };
    }
  }
  const s = hooks.staffing;
  if (s) {
    facts.staffingTraining = {
      siteId: s.siteId,
      dates: s.dates,
      intervalStarts: s.intervals.map((i) => i.start),
      requiredAgents: SCENARIOS.staffingTraining.requiredAgents,
      scheduledAgents: s.openAgentIds.size + s.trainingAgentIds.size,
      actualAgents: s.openAgentIds.size,
      openAgentIds: [...s.openAgentIds, ...s.trainingAgentIds].sort(),
      trainingAgentIds: [...s.trainingAgentIds].sort(),
    };
  }
  return facts;
}
