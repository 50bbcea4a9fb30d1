import { Injectable } from '@nestjs/common';
import { bonusTracker, bucketAt, ruleFor, type BonusStatus } from '@floorwatch/kpi';
import { TZDate } from '@date-fns/tz';
import { RecordStore } from '../database/record-store';
import { KpiQueryService } from '../kpi/kpi-query.service';
import type { IndexedOrg } from '../org/org-lookup';
import { TargetsService } from '../targets/targets.service';

export type BonusPeriod = 'quarter' | 'month';

export interface BonusResult {
  agent: string;
  periodStart: string;
  periodEnd: string;
  asOf: string;
  target: number;
  periodToDate: number | null;
  requiredRestPct: number | null;
  bonusStatus: BonusStatus;
}

/** Site-local quarter (or month) holding t: [start, end). */
export function bonusPeriod(t: number, tz: string, period: BonusPeriod): { start: number; end: number } {
  const day = bucketAt(t, 'day', tz);
  const d = new TZDate(day.start, tz);
  const m0 = period === 'quarter' ? Math.floor(d.getMonth() / 3) * 3 : d.getMonth();
  const len = period === 'quarter' ? 3 : 1;
  return { start: new TZDate(d.getFullYear(), m0, 1, tz).getTime(), end: new TZDate(d.getFullYear(), m0 + len, 1, tz).getTime() };
}

/** The agent's bonus tracker (spec/action.md "Bonus tracker"). */
@Injectable()
export class BonusService {
  constructor(
    private readonly store: RecordStore,
    private readonly kpis: KpiQueryService,
    private readonly targets: TargetsService,
  ) {}

  async tracker(agentId: string, org: IndexedOrg, period: BonusPeriod, asOfGiven?: number): Promise<BonusResult> {
    const asOf = asOfGiven ?? (await this.store.latestEventTime()) ?? Date.now();
    const tz = org.timezoneOfSite(org.siteOfAgent(agentId) ?? 'unassigned');
    const p = bonusPeriod(asOf, tz, period);
    const scope = { kind: 'agent' as const, id: agentId };
    const [target] = await this.targets.resolve(scope, org, 'adherencePct');
    let sd = 0;
    let ad = 0;
    if (asOf > p.start) {
      const r = await this.kpis.query({ scope, from: p.start, to: asOf, asOf });
      sd = r.rows[0]?.kpis.scheduledSeconds ?? 0;
      ad = r.rows[0]?.kpis.inAdherenceSeconds ?? 0;
    }
    let sr = 0;
    for (const s of await this.store.loadScheduleSegments([agentId], asOf, p.end)) {
      if (!ruleFor(this.kpis.config, s.activity).countsInAdherence) continue;
      sr += Math.max(0, Math.min(s.end, p.end) - Math.max(s.start, asOf)) / 1000;
    }
    const t = target?.value ?? 90;
    const r = bonusTracker({ target: t, scheduledSoFar: sd, inAdherenceSoFar: ad, scheduledRest: sr });
    return { agent: agentId, periodStart: new Date(p.start).toISOString(), periodEnd: new Date(p.end).toISOString(), asOf: new Date(asOf).toISOString(), target: t, ...r };
  }
}
