import type { ScheduleSegment } from '@floorwatch/contracts';
import type { SiteDef } from './config';
import type { SimAgent, SimOrg } from './org';
import { Rng } from './rng';
import { MINUTE, localTime, weekday } from './time';

export type DayKind = 'work' | 'off' | 'vacation' | 'sick';

/** One agent's scheduled day: what the plan of states is built from. */
export interface AgentDay {
  agent: SimAgent;
  date: string;
  kind: DayKind;
  /** Non-overlapping, sorted; empty on days off. */
  segments: ScheduleSegment[];
  /** Scenario 4: mandatory training booked on top of the open shift (see scenarios.ts). */
  overlay: ScheduleSegment | null;
  /** Scenario 4: an interval in which the agent's state is pinned (productive, training or away). */
  pinned: { start: number; end: number; mode: 'productive' | 'training' | 'away' } | null;
  /** Scenario 1: the demo agent's lunch-return delay in seconds. */
  lateFromLunchSeconds: number | null;
}

export interface ScheduleScenarioHooks {
  lateLunchAgentId: string | null;
  /** Chicago staffing scenario: site, local dates, interval start (local minutes), chosen agents. */
  staffing: { siteId: string; dates: string[]; startMinute: number; openAgentIds: Set<string>; trainingAgentIds: Set<string> } | null;
}

interface Block {
  from: number;
  to: number;
  activity: string;
}

/** Builds every agent's day for the given local dates of their site. */
export function buildSchedule(seed: number, org: SimOrg, datesBySite: Map<string, string[]>, hooks: ScheduleScenarioHooks): AgentDay[] {
  const out: AgentDay[] = [];
  const teamIndex = new Map(org.teams.map((t, i) => [t.id, i]));
  for (const agent of org.agents) {
    const site = org.sites.find((s) => s.id === agent.siteId) as SiteDef;
    const dates = datesBySite.get(site.id) ?? [];
    const rng = Rng.derive(seed, 'schedule', agent.id);
    const longLunch = rng.chance(0.4);
    const isDemo = agent.id === hooks.lateLunchAgentId;
    const vacationStart = rng.chance(0.35) ? rng.int(0, Math.max(0, dates.length - 1)) : -1;
    const vacationLen = rng.int(3, 5);
    dates.forEach((date, di) => {
      const wd = weekday(date);
      const staffing = hooks.staffing && hooks.staffing.siteId === site.id && hooks.staffing.dates.includes(date) ? hooks.staffing : null;
      const pinnedOpen = staffing?.openAgentIds.has(agent.id) ?? false;
      const pinnedTraining = staffing?.trainingAgentIds.has(agent.id) ?? false;
      const chosen = pinnedOpen || pinnedTraining;
      let off = isDemo ? wd === 0 || wd === 6 : wd === agent.firstDayOff || wd === (agent.firstDayOff + 1) % 7;
      if (chosen) off = false;
      const day: AgentDay = { agent, date, kind: 'work', segments: [], overlay: null, pinned: null, lateFromLunchSeconds: null };
      if (off) {
        day.kind = 'off';
        out.push(day);
        return;
      }
      let start = isDemo ? 8 * 60 : Math.min(Math.max(agent.shiftStart, site.openHour * 60 - 60), site.closeHour * 60 - (longLunch ? 540 : 510));
      const pinStart = staffing?.startMinute ?? 0;
      if (chosen && start > pinStart - 60) start = pinStart - 60 - 30 * rng.int(0, 4);
      if (staffing && !chosen && start < pinStart + 45) start = pinStart + 45;
      const length = isDemo ? 510 : longLunch ? 540 : 510;
      const lunch = isDemo ? 30 : longLunch ? 60 : 30;
      const blocks: Block[] = [];
      let b1 = isDemo ? 135 : 120 + rng.int(-1, 1) * 15;
      if (chosen) b1 = avoid(start, b1, 15, pinStart - 15, pinStart + 30);
      blocks.push({ from: b1, to: b1 + 15, activity: 'break' });
      let l = isDemo ? 270 : 240 + rng.int(-1, 1) * 15;
      if (chosen) l = avoid(start, l, lunch, pinStart - 15, pinStart + 30);
      blocks.push({ from: l, to: l + lunch, activity: 'lunch' });
      const b2 = isDemo ? 420 : length - 120 + rng.int(-1, 0) * 15;
      blocks.push({ from: b2, to: b2 + 15, activity: 'break' });
      if (!chosen) {
        if (wd === ((teamIndex.get(agent.teamId) ?? 0) % 5) + 1) blocks.push({ from: 165, to: 195, activity: 'meeting' });
        else if (rng.chance(0.05)) blocks.push({ from: 60, to: 90, activity: 'coaching' });
        if (!isDemo && rng.chance(0.04)) blocks.push({ from: l + lunch + 15, to: l + lunch + 75, activity: 'training' });
      }
      const shiftFrom = localTime(date, start, site.timezone);
      const shiftTo = shiftFrom + length * MINUTE;
      const onVacation = vacationStart >= 0 && di >= vacationStart && di < vacationStart + vacationLen;
      if (!isDemo && !chosen && (onVacation || rng.chance(0.025))) {
        day.kind = onVacation ? 'vacation' : 'sick';
        day.segments.push({ agentId: agent.id, start: shiftFrom, end: shiftTo, activity: day.kind });
        out.push(day);
        return;
      }
      blocks.sort((a, b) => a.from - b.from);
      let cursor = 0;
      for (const b of blocks) {
        if (b.from > cursor) day.segments.push(seg(agent.id, shiftFrom, cursor, b.from, 'open'));
        day.segments.push(seg(agent.id, shiftFrom, b.from, b.to, b.activity));
        cursor = b.to;
      }
      if (cursor < length) day.segments.push(seg(agent.id, shiftFrom, cursor, length, 'open'));
      if (isDemo) day.lateFromLunchSeconds = Math.round(rng.uniform(240, 360));
      if (staffing) {
        const ps = localTime(date, pinStart, site.timezone);
        const pe = ps + 15 * MINUTE;
        day.pinned = { start: ps, end: pe, mode: pinnedTraining ? 'training' : pinnedOpen ? 'productive' : 'away' };
        if (pinnedTraining) day.overlay = { agentId: agent.id, start: ps, end: pe, activity: 'training' };
      }
      out.push(day);
    });
  }
  return out;
}

/** Moves a block out of [lo, hi) (minutes since shift start vs local minutes) so a pinned interval stays clean. */
function avoid(shiftStart: number, from: number, len: number, lo: number, hi: number): number {
  const abs = shiftStart + from;
  return abs + len > lo && abs < hi ? hi - shiftStart : from;
}

function seg(agentId: string, shiftFrom: number, from: number, to: number, activity: string): ScheduleSegment {
  return { agentId, start: shiftFrom + from * MINUTE, end: shiftFrom + to * MINUTE, activity };
}

/** Every schedule row in WFM export order (agent, then time), the scenario-4 overlays included. */
export function scheduleRows(days: AgentDay[]): ScheduleSegment[] {
  const rows: ScheduleSegment[] = [];
  for (const d of days) {
    for (const s of d.segments) {
      rows.push(s);
      if (d.overlay && d.overlay.start >= s.start && d.overlay.start < s.end) rows.push(d.overlay);
    }
  }
  return rows;
}
