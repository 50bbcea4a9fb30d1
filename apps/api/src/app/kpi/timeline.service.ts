import { Injectable } from '@nestjs/common';
import type { Timeline } from '@floorwatch/contracts';
import { buildTimeline, DEFAULT_KPI_CONFIG } from '@floorwatch/kpi';
import { TZDate } from '@date-fns/tz';
import { RecordStore } from '../database/record-store';
import type { IndexedOrg } from '../org/org-lookup';

const iso = (t: number): string => new Date(t).toISOString();

/** [start, end) of a calendar day in a time zone (23 or 25 hours on daylight-saving days). */
export function localDayRange(day: string, timezone: string): { from: number; to: number } {
  const [y, m, d] = day.split('-').map(Number);
  return { from: new TZDate(y, m - 1, d, timezone).getTime(), to: new TZDate(y, m - 1, d + 1, timezone).getTime() };
}

/** One agent's day: schedule against actual states, in the agent's site time zone. */
@Injectable()
export class TimelineService {
  constructor(private readonly store: RecordStore) {}

  async timeline(agentId: string, day: string, org: IndexedOrg, asOfGiven?: number): Promise<Timeline> {
    const siteId = org.siteOfAgent(agentId);
    const timezone = siteId ? org.timezoneOfSite(siteId) : 'UTC';
    const { from, to } = localDayRange(day, timezone);
    const asOf = asOfGiven ?? (await this.store.latestEventTime()) ?? to;
    const [schedule, events] = await Promise.all([
      this.store.loadScheduleSegments([agentId], from, to),
      this.store.loadStateEvents([agentId], from, to),
    ]);
    const t = buildTimeline(schedule, events, from, to, asOf, DEFAULT_KPI_CONFIG);
    return {
      agentId,
      day,
      timezone,
      schedule: t.schedule.map((s) => ({ start: iso(s.start), end: iso(s.end), activity: s.activity })),
      states: t.states.map((s) => ({ start: iso(s.start), end: iso(s.end), state: s.state })),
      outOfAdherence: t.outOfAdherence.map((s) => ({ start: iso(s.start), end: iso(s.end), activity: s.activity, state: s.state })),
      adherencePct: t.adherencePct,
    };
  }
}
