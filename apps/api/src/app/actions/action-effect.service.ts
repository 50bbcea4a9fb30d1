import { Injectable } from '@nestjs/common';
import { KPI_NAMES, TARGET_KPIS, type KpiName, type Scope, type TargetKpi } from '@floorwatch/contracts';
import { actionEffect, effectWindows, type ActionEffect, type EffectWindows } from '@floorwatch/kpi';
import { KpiQueryService } from '../kpi/kpi-query.service';
import { StaffingService } from '../kpi/staffing.service';
import type { IndexedOrg } from '../org/org-lookup';
import { TargetsService } from '../targets/targets.service';

const isKpi = (k: string): k is KpiName => (KPI_NAMES as readonly string[]).includes(k);

/** The measured effect of an action: its KPI over [a − L, a) and [a, a + L) (spec/action.md "Effect"). */
@Injectable()
export class ActionEffectService {
  constructor(
    private readonly kpis: KpiQueryService,
    private readonly staffing: StaffingService,
    private readonly targets: TargetsService,
  ) {}

  async effect(
    a: { kpi: string; scope: Scope; effectiveAt: number; breachDirection?: 'below' | 'above' | null },
    asOf: number,
    org: IndexedOrg,
    effectSeconds?: number,
  ): Promise<ActionEffect & { windows: { before: { from: string; to: string }; after: { from: string; to: string } } }> {
    const w = effectWindows(a.effectiveAt, effectSeconds);
    const before = await this.value(a.kpi, a.scope, w.before, asOf, org);
    const complete = asOf >= w.after.to;
    const after = complete ? await this.value(a.kpi, a.scope, w.after, asOf, org) : null;
    const fcrPendingAfter = complete && a.kpi === 'fcrPct' ? await this.fcrPending(a.scope, w, asOf) : 0;
    const [target] = (TARGET_KPIS as readonly string[]).includes(a.kpi) ? await this.targets.resolve(a.scope, org, a.kpi as TargetKpi) : [];
    const e = actionEffect({ before, after, windows: w, asOf, direction: target?.direction ?? null, breachDirection: a.breachDirection ?? null, fcrPendingAfter });
    const iso = (x: { from: number; to: number }) => ({ from: new Date(x.from).toISOString(), to: new Date(x.to).toISOString() });
    return { ...e, windows: { before: iso(w.before), after: iso(w.after) } };
  }

  private async value(kpi: string, scope: Scope, win: { from: number; to: number }, asOf: number, org: IndexedOrg): Promise<number | null> {
    if (kpi === 'staffingGap') {
      if (scope.kind !== 'site') return null;
      const r = await this.staffing.staffing(scope.id, win.from, win.to, org, Math.min(asOf, win.to));
      const gaps = r.rows.map((x) => x.staffingGap).filter((g): g is number => g !== null);
      return gaps.length ? gaps.reduce((s, g) => s + g, 0) / gaps.length : null;
    }
    if (!isKpi(kpi)) return null;
    const r = await this.kpis.query({ scope, from: win.from, to: win.to, asOf });
    return r.rows[0]?.kpis[kpi] ?? null;
  }

  private async fcrPending(scope: Scope, w: EffectWindows, asOf: number): Promise<number> {
    const r = await this.kpis.query({ scope, from: w.after.from, to: w.after.to, asOf });
    return r.rows[0]?.kpis.fcrPending ?? 0;
  }
}
