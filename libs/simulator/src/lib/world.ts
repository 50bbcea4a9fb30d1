import type { AgentStateEvent, Channel, Contact, ForecastInterval, Org, ScheduleSegment, SurveyResponse } from '@floorwatch/contracts';
import { buildCurves, drawArrivals, type GroupCurve } from './arrivals';
import { assignCustomers } from './customers';
import { buildForecast, type ForecastOverride } from './forecast';
import { buildOrg, buildUsers, toContractOrg, type SimOrg, type SimUser } from './org';
import { planDay, type PlanInterval } from './plan';
import { route, type Routed } from './queue-sim';
import { buildSchedule, scheduleRows, type ScheduleScenarioHooks } from './schedule';
import { SCENARIOS, type ScenarioFacts } from './scenarios';
import { agentEvents } from './states';
import { drawSurveys } from './surveys';
import { buildContacts } from './contacts';
import { computeFacts } from './facts';
import { plantFollowUps, type FollowUpFacts } from './follow-ups';
import { DAY, INTERVAL, localDays, localTime } from './time';
import { Rng } from './rng';
import { buildSelfService, type DemoSelfService } from './selfservice/sessions';
import { scaledReasons, type WorldOptions } from './config';

export interface World {
  seed: number;
  /** First local midnight of the history (earliest site) and the instant the world runs to. */
  startAt: number;
  endAt: number;
  /** End of the simulated period; the live stream has events up to here. */
  horizon: number;
  org: Org;
  sim: SimOrg;
  users: SimUser[];
  /** Published schedule: history, today and the live days. */
  schedule: ScheduleSegment[];
  forecasts: ForecastInterval[];
  /** Up to endAt (exclusive), sorted by time then agent. */
  stateEvents: AgentStateEvent[];
  /** Ended before endAt, sorted by enqueuedAt. customerKey is the raw identifier (ingest hashes it). */
  contacts: Contact[];
  surveys: SurveyResponse[];
  scenarios: ScenarioFacts;
  /** Issue 25's follow-ups of the stories (coaching, course, forecast miss, live bursts). */
  followUps: FollowUpFacts;
  /** selfservice.md demo: entry points, sessions and the contact stories they rely on (null in a slimmed world). */
  selfService: DemoSelfService | null;
  /** What happens from endAt to horizon, for the live stream. */
  future: { stateEvents: AgentStateEvent[]; contacts: Contact[] };
}

export function generateWorld(options: WorldOptions): World {
  const { seed, days, endAt } = options;
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  if (!Number.isInteger(days) || days < 0) throw new Error(`days must be a whole number >= 0, got ${days}`);
  if (!Number.isFinite(endAt)) throw new Error(`endAt must be epoch ms, got ${endAt}`);
  const liveDays = options.liveDays ?? 1;
  const reasons = scaledReasons(options.handleScale);
  const sim = buildOrg(seed, options.agents ?? 300, options.sites);
  const datesBySite = new Map(sim.sites.map((s) => [s.id, localDays(endAt, days, liveDays, s.timezone)]));
  const hooks = plantScenarios(seed, sim, datesBySite, liveDays);
  const agentDays = buildSchedule(seed, sim, datesBySite, hooks);
  const followUps = plantFollowUps(seed, sim, agentDays, datesBySite, liveDays, { teamId: hooks.demoTeamId, newHireIds: hooks.newHireIds, demoAgentId: hooks.demoAgentId });

  const plans = new Map<string, PlanInterval[]>();
  for (const d of agentDays) {
    const list = plans.get(d.agent.id) ?? [];
    for (const p of planDay(seed, d)) list.push(p);
    plans.set(d.agent.id, list);
  }

  const startAt = Math.min(...sim.sites.map((s) => localTime((datesBySite.get(s.id) as string[])[0], 0, s.timezone)));
  const horizon = Math.max(...sim.sites.map((s) => localTime((datesBySite.get(s.id) as string[]).at(-1) as string, 0, s.timezone) + DAY));
  const origin = Math.floor(startAt / INTERVAL) * INTERVAL;
  const intervals = Math.ceil((horizon - origin) / INTERVAL);

  const curves: GroupCurve[] = [];
  const routed: Routed[] = [];
  const routedSite: string[] = [];
  for (const site of sim.sites) {
    const dates = datesBySite.get(site.id) as string[];
    const siteFrom = localTime(dates[0], 0, site.timezone);
    const siteTo = localTime(dates[dates.length - 1], 24 * 60, site.timezone);
    for (const curve of buildCurves(site, agentDays, origin, intervals, siteFrom, siteTo, reasons)) {
      curves.push(curve);
      const agents = sim.agents.filter((a) => a.siteId === site.id && a.group === curve.group);
      for (const r of route(drawArrivals(seed, curve, (at) => followUps.volumeFactor(site.id, at)), agents, plans, horizon)) {
        routed.push(r);
        routedSite.push(site.id);
      }
    }
  }
  const order = routed.map((_, i) => i).sort((a, b) => routed[a].arrival.at - routed[b].arrival.at || a - b);
  const sorted = order.map((i) => routed[i]);
  const sortedSite = order.map((i) => routedSite[i]);
  const channels = [...new Set(sorted.map((r) => r.arrival.reason.channel))] as Channel[];
  const { customer, prevChannel } = assignCustomers(seed, sorted, channels);
  const built = buildContacts(seed, sim, sorted, sortedSite, customer, prevChannel);
  const selfService = buildSelfService(seed, sim, built.contacts, endAt);

  const handledByAgent = new Map<string, Routed[]>();
  for (const r of sorted) {
    if (!r.agent) continue;
    const list = handledByAgent.get(r.agent.id);
    if (list) list.push(r);
    else handledByAgent.set(r.agent.id, [r]);
  }
  const allEvents: AgentStateEvent[] = [];
  for (const a of sim.agents) {
    const handled = (handledByAgent.get(a.id) ?? []).sort((x, y) => (x.answeredAt as number) - (y.answeredAt as number));
    for (const e of agentEvents(a.id, plans.get(a.id) ?? [], handled)) allEvents.push(e);
  }
  allEvents.sort((a, b) => a.at - b.at || (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0));
  const cutAt = lowerBound(allEvents, endAt);

  const contacts = built.contacts.filter((c) => c.endedAt < endAt);
  const futureContacts = built.contacts.filter((c) => c.endedAt >= endAt).sort((a, b) => a.endedAt - b.endedAt);
  const overrides: ForecastOverride[] = (hooks.staffing?.intervals ?? []).map((s) => ({ siteId: s.siteId, intervalStart: s.start, requiredAgents: SCENARIOS.staffingTraining.requiredAgents }));
  const forecasts = buildForecast(curves, startAt, horizon, overrides);
  const surveys = drawSurveys(seed, contacts.filter((c) => c.outcome === 'handled'), built.prevChannel, endAt, hooks.newHireIds);

  const org = { ...toContractOrg(sim), entryPoints: selfService.entryPoints };
  const world: World = {
    seed,
    startAt,
    endAt,
    horizon,
    org,
    sim,
    users: buildUsers(sim, hooks.demoAgentId, hooks.demoTeamId),
    schedule: scheduleRows(agentDays),
    forecasts,
    stateEvents: allEvents.slice(0, cutAt),
    contacts,
    surveys,
    selfService,
    scenarios: { lateFromLunch: null, teamUnderTarget: null, ahtTvCampaign: { queueIds: [] }, staffingTraining: null },
    followUps: followUps.facts,
    future: { stateEvents: allEvents.slice(cutAt), contacts: futureContacts },
  };
  world.scenarios = computeFacts(world, agentDays, hooks, datesBySite);
  return world;
}

export interface PlantedHooks extends ScheduleScenarioHooks {
  demoAgentId: string;
  demoTeamId: string;
  newHireIds: string[];
  staffing: (NonNullable<ScheduleScenarioHooks['staffing']> & { intervals: { siteId: string; start: number }[] }) | null;
}

/** Marks the scenario agents (demo agent, new hires, Chicago trainees) on the org before scheduling. */
function plantScenarios(seed: number, sim: SimOrg, datesBySite: Map<string, string[]>, liveDays: number): PlantedHooks {
  const lon = sim.teams.find((t) => t.siteId === 'lon' && t.group === 'voice');
  const team = lon ?? sim.teams[0];
  team.leaderUserId = SCENARIOS.teamUnderTarget.leaderUsername;
  const members = sim.agents.filter((a) => a.teamId === team.id);
  const demo = sim.agents.find((a) => a.id === SCENARIOS.lateFromLunch.agentId && a.teamId === team.id) ?? members[Math.min(2, members.length - 1)];
  demo.tenureMonths = 30;
  demo.speed = 1;
  demo.drift = 0.05;
  let newHires: typeof members = [];
  if (lon) {
    const wanted = SCENARIOS.teamUnderTarget.newHireAgentIds as readonly string[];
    newHires = members.filter((a) => wanted.includes(a.id));
    if (newHires.length < 2) newHires = members.filter((a) => a !== demo).slice(-2);
    for (const a of newHires) {
      a.tenureMonths = 1;
      a.speed = 1.15;
      a.acwFactor = SCENARIOS.teamUnderTarget.acwFactor;
    }
  }
  let staffing: PlantedHooks['staffing'] = null;
  const chi = sim.sites.find((s) => s.id === SCENARIOS.staffingTraining.siteId);
  const chiAgents = sim.agents.filter((a) => a.siteId === chi?.id);
  const need = SCENARIOS.staffingTraining.scheduledAgents;
  if (chi && chiAgents.length >= need + 5) {
    const dates = datesBySite.get(chi.id) as string[];
    const today = dates.length - 1 - liveDays;
    const picked = dates.filter((_, i) => i === today || i === today - 1);
    const [h, m] = SCENARIOS.staffingTraining.localTime.split(':').map(Number);
    const shuffled = Rng.derive(seed, 'staffing').shuffle([...chiAgents]);
    const open = shuffled.slice(0, SCENARIOS.staffingTraining.scheduledAgents);
    // The trainees are among the 105 open agents: their training row overlays their open row.
    const training = open.slice(0, SCENARIOS.staffingTraining.trainingAgents);
    staffing = {
      siteId: chi.id,
      dates: picked,
      startMinute: h * 60 + m,
      openAgentIds: new Set(open.slice(training.length).map((a) => a.id)),
      trainingAgentIds: new Set(training.map((a) => a.id)),
      intervals: picked.map((d) => ({ siteId: chi.id, start: localTime(d, h * 60 + m, chi.timezone) })),
    };
  }
  return { lateLunchAgentId: lon ? demo.id : null, demoAgentId: demo.id, demoTeamId: team.id, newHireIds: newHires.map((a) => a.id), staffing };
}

function lowerBound(events: AgentStateEvent[], at: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid].at < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
