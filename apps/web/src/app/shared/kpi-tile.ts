import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { TargetCell, TargetDirection } from '@floorwatch/contracts';
import { formatKpi, formatTarget, kpiLabel, targetBasis } from './format';
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
      <span class="value fw-num">{{ shown() }}</span>
      @if (detail()) {
        <span class="detail fw-num">{{ detail() }}</span>
      }
      @if (note()) {
        <span class="note fw-xs fw-muted">{{ note() }}</span>
      }
      <span class="foot">
        @if (hasTarget() || badgeText()) {
          <app-status-badge [status]="target()?.status ?? 'none'" [text]="badgeText()" />
        }
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
  /** While the figure is being fetched: "…" rather than "No data". */
  readonly loading = input(false);
  /** Where the figure comes from when it is not the period's own, e.g. "judged to 28 Nov · 412 pending". */
  readonly note = input<string | null>(null);
  /** Shown instead of the value where the KPI does not apply ("n/a"). */
  readonly text = input<string | null>(null);
  readonly drill = output<string>();

  protected readonly name = computed(() => kpiLabel(this.kpi()));
  protected readonly shown = computed(() => this.text() ?? (this.value() == null ? (this.loading() ? '…' : 'No data') : formatKpi(this.kpi(), this.value())));
  /** A target with no value to judge is "No data", not "No target". */
  /** A set target with a value the API left unjudged (a survey below its minimum sample) is "Not judged", not "No target" beside "Target ≥ 80 %". */
  protected readonly badgeText = computed(() => {
    const t = this.target();
    if (t?.value == null || this.loading()) return null;
    if (this.value() == null) return 'No data';
    return statusInfo(t.status).status === 'none' ? 'Not judged' : null;
  });
  /** Without a target the badge would only repeat the line beside it ("No target" · "No target set"): one line says it. */
  protected readonly hasTarget = computed(() => this.target()?.value != null);
  protected readonly statusClass = computed(() => statusInfo(this.target()?.status).cssClass);
  protected readonly targetText = computed(() => {
    const t = this.target();
    if (!t || t.value === null) return 'No target set';
    const v = this.value();
    // An inherited target says where it is set: an agent's handled target is its share of the team's.
    const from = inheritedFrom(t.from);
    // A per-day count is judged against the target due so far: "390 / 419, −7 %".
    if (targetBasis(this.kpi()) && v != null && t.value > 0) {
      const pct = Math.round((100 * (v - t.value)) / t.value);
      return `${formatKpi(this.kpi(), v)} / ${formatKpi(this.kpi(), t.value)} due, ${pct < 0 ? '−' : '+'}${Math.abs(pct)} %${from}`;
    }
    return `${formatTarget(this.kpi(), t.value, t.direction)}${from}`;
  });
  protected readonly ariaLabel = computed(
    () => `${this.label() ?? this.name()}: ${this.shown()}, ${statusInfo(this.target()?.status).label}, ${this.targetText()}`,
  );
}

/** " · from team" for a target set on a wider scope (`team:lon-t01`), "" for the row's own or a default. */
export function inheritedFrom(scope: string | undefined): string {
  if (!scope) return '';
  const kind = scope === 'enterprise' ? 'enterprise' : scope.split(':')[0];
  return ` · from ${kind}`;
}
