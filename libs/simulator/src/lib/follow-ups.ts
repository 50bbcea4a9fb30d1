import type { ScheduleSegment } from '@floorwatch/contracts';
import type { SimAgent, SimOrg } from './org';
import { Rng } from './rng';
import type { AgentDay } from './schedule';
import { MINUTE, localTime } from './time';

/**
 * Issue 25's follow-ups of the planted stories, all placed relative to the world's "today" (the
 * local day containing endAt) so they show on whatever day the demo is first started:
 * - the `lead` coaches the two slow new hires at 07:00 local 14 days ago; their after-call work
 *   falls from then on (a coaching message and an action record are planted by the API);
 * - a 4-hour course `training:objections` 16 days ago for some voice agents of London's other
 *   teams; their talk time falls after it (the rest of each team is the control group);
 * - a forecast miss 3 days ago: every site gets 25 % more contacts than forecast all day;
 * - on the live days, 11:00–11:45 local, a burst of contacts takes each site's service level red
 *   long enough for the demo's "service level red for 10 minutes" rule to open, then to resolve.
 * A world whose history is too short for a follow-up's before window simply has none.
 */
export const FOLLOW_UPS = {
  coaching: { daysAgo: 14, localTime: '07:00', acwFactorAfter: 2.0, minHistoryDays: 22 },
  course: { name: 'training:objections', daysAgo: 16, localStart: '11:30', hours: 4, talkFactorAfter: 0.85, minHistoryDays: 30, maxPerTeam: 4 },
  forecastMiss: { daysAgo: 3, volumeFactor: 1.25, minHistoryDays: 3 },
  liveBurst: { localStart: '11:00', minutes: 45, volumeFactor: 1.8 },
} as const;

/** A handle-time change of one agent from an instant on (contacts arriving at or after it). */
export interface HandleChange {
  from: number;
  talk: number;
  acw: number;
}

export interface FollowUpFacts {
  coaching: { at: number; date: string; teamId: string; agentIds: string[]; acwFactorBefore: number; acwFactorAfter: number } | null;
  course: { name: string; date: string; start: number; end: number; paidSecondsPerAgent: number; talkFactorAfter: number; agentIds: string[]; teamIds: string[] } | null;
  /** Per site: the local day [from, to) whose arrivals run volumeFactor × the forecast. */
  forecastMiss: { date: string; volumeFactor: number; sites: { siteId: string; from: number; to: number }[] } | null;
  liveBurst: { volumeFactor: number; windows: { siteId: string; from: number; to: number }[] };
}

export interface PlantedFollowUps {
  facts: FollowUpFacts;
  /** Multiplier on a site's expected arrivals at an instant (1 outside the miss day and bursts). */
  volumeFactor: (siteId: string, at: number) => number;
}

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/**
 * Mutates the schedule (course rows) and the agents (handle changes) before states and contacts
 * are generated; returns the facts and the arrivals multiplier.
 */
export function plantFollowUps(
  seed: number,
  sim: SimOrg,
  days: AgentDay[],
  datesBySite: Map<string, string[]>,
  liveDays: number,
  story: { teamId: string; newHireIds: string[]; demoAgentId: string },
): PlantedFollowUps {
  const todayIndex = (siteId: string) => (datesBySite.get(siteId)?.length ?? 0) - 1 - liveDays;
  const historyDays = (siteId: string) => todayIndex(siteId);
  const tzOf = new Map(sim.sites.map((s) => [s.id, s.timezone]));
  const facts: FollowUpFacts = { coaching: null, course: null, forecastMiss: null, liveBurst: { volumeFactor: FOLLOW_UPS.liveBurst.volumeFactor, windows: [] } };

  const team = sim.teams.find((t) => t.id === story.teamId);
  const hires = sim.agents.filter((a) => story.newHireIds.includes(a.id));
  const c = FOLLOW_UPS.coaching;
  if (team && hires.length && historyDays(team.siteId) >= c.minHistoryDays) {
    const date = (datesBySite.get(team.siteId) as string[])[todayIndex(team.siteId) - c.daysAgo];
    const at = localTime(date, minutesOf(c.localTime), tzOf.get(team.siteId) as string);
    const before = hires[0].acwFactor;
    for (const a of hires) addChange(a, { from: at, talk: 1, acw: c.acwFactorAfter / a.acwFactor });
    facts.coaching = { at, date, teamId: team.id, agentIds: hires.map((a) => a.id).sort(), acwFactorBefore: before, acwFactorAfter: c.acwFactorAfter };
  }

  if (team) facts.course = plantCourse(seed, sim, days, datesBySite, todayIndex(team.siteId), team.siteId, story);

  const m = FOLLOW_UPS.forecastMiss;
  const missSites = sim.sites.filter((s) => historyDays(s.id) >= m.minHistoryDays);
  if (missSites.length) {
    const sites = missSites.map((s) => {
      const date = (datesBySite.get(s.id) as string[])[todayIndex(s.id) - m.daysAgo];
      return { siteId: s.id, date, from: localTime(date, 0, s.timezone), to: localTime(date, 24 * 60, s.timezone) };
    });
    facts.forecastMiss = { date: sites[0].date, volumeFactor: m.volumeFactor, sites: sites.map(({ siteId, from, to }) => ({ siteId, from, to })) };
  }

  const b = FOLLOW_UPS.liveBurst;
  for (const s of sim.sites) {
    const dates = datesBySite.get(s.id) as string[];
    for (let i = todayIndex(s.id); i < dates.length; i++) {
      const from = localTime(dates[i], minutesOf(b.localStart), s.timezone);
      facts.liveBurst.windows.push({ siteId: s.id, from, to: from + b.minutes * MINUTE });
    }
  }

  const volumeFactor = (siteId: string, at: number): number => {
    let f = 1;
    for (const w of facts.forecastMiss?.sites ?? []) if (w.siteId === siteId && at >= w.from && at < w.to) f *= m.volumeFactor;
    for (const w of facts.liveBurst.windows) if (w.siteId === siteId && at >= w.from && at < w.to) f *= b.volumeFactor;
    return f;
  };
  return { facts, volumeFactor };
}

/**
 * The course: on its day, up to `maxPerTeam` agents of each other voice team of the story's site
 * who work that day and every working day of the 30 before and 15 after without sickness or
 * vacation (so both comparison windows hold their 10 working days), half a team at most.
 */
function plantCourse(
  seed: number,
  sim: SimOrg,
  days: AgentDay[],
  datesBySite: Map<string, string[]>,
  today: number,
  siteId: string,
  story: { teamId: string; newHireIds: string[]; demoAgentId: string },
): FollowUpFacts['course'] {
  const k = FOLLOW_UPS.course;
  if (today < k.minHistoryDays) return null;
  const dates = datesBySite.get(siteId) as string[];
  const date = dates[today - k.daysAgo];
  const window = new Set(dates.slice(0, today));
  const tz = sim.sites.find((s) => s.id === siteId)?.timezone as string;
  const byAgent = new Map<string, AgentDay[]>();
  for (const d of days) if (d.agent.siteId === siteId && window.has(d.date)) (byAgent.get(d.agent.id) ?? byAgent.set(d.agent.id, []).get(d.agent.id))?.push(d);
  const teams = sim.teams.filter((t) => t.siteId === siteId && t.group === 'voice' && t.id !== story.teamId);
  const start = localTime(date, minutesOf(k.localStart), tz);
  const end = start + k.hours * 60 * MINUTE;
  const picked: SimAgent[] = [];
  for (const t of teams) {
    const members = sim.agents.filter((a) => a.teamId === t.id);
    const clean = members.filter((a) => {
      const list = byAgent.get(a.id) ?? [];
      const course = list.find((d) => d.date === date);
      if (!course || course.kind !== 'work' || course.overlay) return false;
      const first = course.segments[0]?.start ?? Infinity;
      const last = course.segments.at(-1)?.end ?? -Infinity;
      return first <= start && last >= end && list.every((d) => d.kind === 'work' || d.kind === 'off');
    });
    const n = Math.min(k.maxPerTeam, Math.floor(members.length / 2), clean.length);
    picked.push(...Rng.derive(seed, 'course', t.id).shuffle([...clean]).slice(0, n));
  }
  if (!picked.length) return null;
  for (const a of picked) {
    const day = (byAgent.get(a.id) ?? []).find((d) => d.date === date) as AgentDay;
    day.segments = insertSegment(day.segments, { agentId: a.id, start, end, activity: k.name });
    addChange(a, { from: end, talk: k.talkFactorAfter, acw: 1 });
  }
  const agentIds = picked.map((a) => a.id).sort();
  return { name: k.name, date, start, end, paidSecondsPerAgent: k.hours * 3600, talkFactorAfter: k.talkFactorAfter, agentIds, teamIds: [...new Set(picked.map((a) => a.teamId))].sort() };
}

/** The day's rows with [s.start, s.end) cut out of them and s put in its place. */
function insertSegment(segments: ScheduleSegment[], s: ScheduleSegment): ScheduleSegment[] {
  const out: ScheduleSegment[] = [];
  for (const x of segments) {
    if (x.end <= s.start || x.start >= s.end) out.push(x);
    else {
      if (x.start < s.start) out.push({ ...x, end: s.start });
      if (x.end > s.end) out.push({ ...x, start: s.end });
    }
  }
  out.push(s);
  return out.sort((a, b) => a.start - b.start);
}

function addChange(a: SimAgent, c: HandleChange): void {
  a.handleChanges = [...(a.handleChanges ?? []), c].sort((x, y) => x.from - y.from);
}

/** Talk and ACW multipliers of an agent for a contact arriving at `at` (1, 1 before any change). */
export function handleFactorsAt(a: SimAgent, at: number): { talk: number; acw: number } {
  let talk = 1;
  let acw = 1;
  for (const c of a.handleChanges ?? []) {
    if (c.from > at) break;
    talk *= c.talk;
    acw *= c.acw;
  }
  return { talk, acw };
}
