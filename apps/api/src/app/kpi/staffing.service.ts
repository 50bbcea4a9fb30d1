import { Injectable } from '@nestjs/common';
import type { StaffingResult } from '@floorwatch/contracts';
import { computeStaffing, DEFAULT_KPI_CONFIG, targetStatus } from '@floorwatch/kpi';
import { RecordStore } from '../database/record-store';
import type { IndexedOrg } from '../org/org-lookup';
import { TargetsService } from '../targets/targets.service';

/** Required vs scheduled vs actual agents per 15-minute interval of one site (`fw staffing`). */
@Injectable()
export class StaffingService {
  constructor(
    private readonly store: RecordStore,
    private readonly targets: TargetsService,
  ) {}

  async staffing(siteId: string, from: number, to: number, org: IndexedOrg, asOfGiven?: number): Promise<StaffingResult> {
    const agentIds = org.org.agents.filter((a) => a.siteId === siteId).map((a) => a.id);
    const asOf = asOfGiven ?? (await this.store.latestEventTime()) ?? to;
    const [forecasts, schedule, stateEvents] = await Promise.all([
      this.store.loadForecasts(siteId, from, to),
      agentIds.length ? this.store.loadScheduleSegments(agentIds, from, to) : [],
      agentIds.length ? this.store.loadStateEvents(agentIds, from, to) : [],
    ]);
    const rows = computeStaffing({
      forecasts,
      schedule,
      stateEvents,
      siteAgentIds: agentIds,
      queues: org.org.queues.filter((q) => q.siteId === siteId),
      from,
      to,
      asOf,
      // The interval holding "now" (the latest event) is live: it shows who is productive now,
      // not the part of the interval that has elapsed divided by 900 s (kpis.md, actualAgents).
      liveNow: asOf >= from && asOf < to ? asOf : undefined,
      config: DEFAULT_KPI_CONFIG,
    });
    // The desk's staffingGap target (site, else enterprise) colours each interval's gap.
    const [target] = await this.targets.resolve({ kind: 'site', id: siteId }, org, 'staffingGap');
    const coloured = target ? rows.map((r) => ({ ...r, staffingGapStatus: targetStatus(r.staffingGap, target) })) : rows;
    return { site: siteId, from: new Date(from).toISOString(), to: new Date(to).toISOString(), rows: coloured };
  }
}
