import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { TargetCell, TargetDirection } from '@floorwatch/contracts';
import { formatKpi, formatTarget, kpiLabel } from './format';
import { statusInfo } from './status';
import { StatusBadge } from './status-badge';

export interface TileTarget extends TargetCell {
  direction?: TargetDirection;
}

/** One KPI: big value, status (colour + icon + word), the target it is judged against. */
@Component({
  selector: 'app-kpi-tile',
  imports: [StatusBadge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './kpi-tile.scss',
  host: { '[class]': 'statusClass()' },
  template: `
    <button type="button" class="tile" [class.drillable]="drillable()" [disabled]="!drillable()" (click)="drill.emit(kpi())"
      [attr.aria-label]="ariaLabel()" [attr.aria-busy]="loading() ? true : null">
      <span class="label">{{ label() ?? name() }}</span>
      <span class="value fw-num">{{ text() }}</span>
      @if (detail()) {
        <span class="detail fw-num">{{ detail() }}</span>
      }
      <span class="foot">
        <app-status-badge [status]="target()?.status ?? 'none'" />
        <span class="target fw-num">{{ targetText() }}</span>
      </span>
    </button>
  `,
})
export class KpiTile {
  readonly kpi = input.required<string>();
  readonly value = input<number | null | undefined>(null);
  readonly target = input<TileTarget | null | undefined>(null);
  readonly label = input<string | null>(null);
  /** A second line, e.g. AHT's talk / hold / ACW parts. */
  readonly detail = input<string | null>(null);
  readonly drillable = input(false);
  /** While the figure is being fetched: "…" rather than "—", which means "no data". */
  readonly loading = input(false);
  readonly drill = output<string>();

  protected readonly name = computed(() => kpiLabel(this.kpi()));
  protected readonly text = computed(() => (this.loading() && this.value() == null ? '…' : formatKpi(this.kpi(), this.value())));
  protected readonly statusClass = computed(() => statusInfo(this.target()?.status).cssClass);
  protected readonly targetText = computed(() => {
    const t = this.target();
    return t && t.value !== null ? formatTarget(this.kpi(), t.value, t.direction) : 'No target set';
  });
  protected readonly ariaLabel = computed(
    () => `${this.label() ?? this.name()}: ${this.text()}, ${statusInfo(this.target()?.status).label}, ${this.targetText()}`,
  );
}
