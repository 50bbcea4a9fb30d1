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
  private readonly cell = computed(() => this.row()?.targets[this.kpi() as keyof KpiRowWithTargets['targets']]);
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
