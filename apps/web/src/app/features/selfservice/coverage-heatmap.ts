import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { KpiApi } from '../../core/api/kpi-api';
import { errorText } from '../../core/api/org-api';
import { Chart } from '../../shared/chart';
import { safe } from '../../shared/kpi-helpers';
import { LoadState } from '../../shared/load-state';
import { coverageGrid, coverageHeatmapOption, type CoverageMetric } from './coverage-heatmap-option';

/**
 * Manager: the coverage map of selfservice.md §4 (`--by coverage`): which reasons arrive on which
 * channels, self-service included, as volume or handling time per cell.
 */
@Component({
  selector: 'app-coverage-heatmap',
  imports: [Chart, LoadState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="fw-card" aria-label="Coverage map">
      <header class="fw-card-head">
        <h2>Coverage map: reason × channel</h2>
        <div role="group" aria-label="Colour by">
          <button type="button" class="fw-btn" [attr.aria-pressed]="metric() === 'volume'" (click)="metric.set('volume')">Volume</button>
          <button type="button" class="fw-btn" [attr.aria-pressed]="metric() === 'aht'" (click)="metric.set('aht')">AHT</button>
        </div>
      </header>
      @if (byCoverage.error()) { <app-load-state kind="error" [message]="err(byCoverage.error())" (retry)="byCoverage.reload()" /> }
      @else if (!grid().cells.length) { <app-load-state [kind]="byCoverage.isLoading() ? 'loading' : 'empty'" message="No contacts or sessions in this period." /> }
      @else {
        <app-chart [options]="option()" [height]="height()" [summary]="summary()" />
        <p class="fw-xs fw-muted">Self-service columns (IVR, chatbot) count sessions and their mean time; the others contacts handled and AHT.</p>
      }
    </section>
  `,
})
export class CoverageHeatmap {
  private readonly kpi = inject(KpiApi);
  readonly scope = input.required<string>();
  readonly from = input.required<string>();
  readonly to = input.required<string>();
  readonly tz = input('UTC');
  protected readonly metric = signal<CoverageMetric>('volume');
  protected readonly byCoverage = this.kpi.resource(() => ({ from: this.from(), to: this.to(), tz: this.tz(), scope: this.scope(), by: 'coverage' as const }));
  protected readonly grid = computed(() => coverageGrid(safe(this.byCoverage)?.rows));
  protected readonly option = computed(() => coverageHeatmapOption(this.grid(), this.metric()));
  protected readonly height = computed(() => Math.max(200, 80 + 22 * this.grid().reasons.length));
  protected readonly summary = computed(() => `Heat map of ${this.metric() === 'volume' ? 'volume' : 'handling time'} for ${this.grid().reasons.length} reasons across ${this.grid().channels.join(', ')}`);
  protected err(e: unknown): string {
    return errorText(e);
  }
}
