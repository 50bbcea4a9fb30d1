import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { KpiRowWithTargets } from '@floorwatch/contracts';
import { KpiTile } from '../../shared/kpi-tile';
import { kpiTarget, kpiValue } from '../../shared/kpi-helpers';

/**
 * A survey KPI tile (customer.md minimum sample): coloured by its target only when n ≥
 * minResponses; below, the value is muted and says how few answers it rests on ("n = 12").
 */
@Component({
  selector: 'app-survey-tile',
  imports: [KpiTile],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class.fw-survey-muted]': 'muted()', style: 'display: contents' },
  styles: [':host(.fw-survey-muted) app-kpi-tile { opacity: 0.6; filter: grayscale(1); }'],
  template: `<app-kpi-tile [kpi]="kpi()" [label]="label()" [value]="value()" [target]="target()" [detail]="detail()" [loading]="loading()" />`,
})
export class SurveyTile {
  readonly kpi = input.required<string>();
  readonly row = input<KpiRowWithTargets | null>(null);
  readonly label = input<string | null>(null);
  readonly loading = input(false);

  protected readonly value = computed(() => kpiValue(this.row(), this.kpi()));
  protected readonly target = computed(() => kpiTarget(this.row(), this.kpi()));
  /**
   * n and minResponses from the KPI's target entry; a KPI without a target (csatMean) has no
   * entry, so its n is the row's count of its family (csatResponses / npsResponses) and its
   * minimum the one the API sent on another survey KPI of the row.
   */
  private readonly cell = computed((): { n?: number; minResponses?: number } | undefined => {
    const row = this.row();
    const own = row?.targets[this.kpi() as keyof KpiRowWithTargets['targets']] as { n?: number; minResponses?: number } | undefined;
    if (!row || own?.n !== undefined) return own;
    const count = /^(nps|promoter|passive|detractor)/.test(this.kpi()) ? 'npsResponses' : /^csat/.test(this.kpi()) ? 'csatResponses' : null;
    const n = count ? kpiValue(row, count) : null;
    if (n === null) return own;
    const min = Object.values(row.targets as Record<string, { minResponses?: number } | undefined>).find((t) => t?.minResponses !== undefined)?.minResponses;
    return { n, minResponses: min };
  });
  protected readonly muted = computed(() => {
    const c = this.cell();
    return c?.n !== undefined && c.minResponses !== undefined && c.n < c.minResponses;
  });
  protected readonly detail = computed(() => {
    const c = this.cell();
    if (c?.n === undefined) return null;
    return this.muted() ? `n = ${c.n} (below ${c.minResponses}: not judged)` : `n = ${c.n}`;
  });
}
