import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { KpiRowWithTargets } from '@floorwatch/contracts';
import { errorText } from '../core/api/org-api';
import { ahtParts, kpiTarget, kpiValue } from './kpi-helpers';
import { KpiTile, type TileTarget } from './kpi-tile';

export interface TileOverride {
  value: number | null;
  target: TileTarget | null;
  note: string;
  /** Shown instead of a number ("n/a" where the KPI does not apply). */
  text?: string;
}
import { LoadState } from './load-state';

/**
 * The row of headline tiles every role page opens with: one tile per KPI of the summary row,
 * AHT with its talk/hold/ACW parts, or the error panel with a retry when the summary failed.
 */
@Component({
  selector: 'app-summary-tiles',
  imports: [KpiTile, LoadState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (error()) {
      <app-load-state kind="error" [message]="errorMessage()" (retry)="retry.emit()" />
    } @else {
      <section class="fw-tiles" [attr.aria-label]="label()">
        @for (k of tiles(); track k) {
          <app-kpi-tile [kpi]="k" [value]="value(k)" [target]="target(k)" [detail]="detail(k)" [note]="overrides()[k]?.note ?? null" [text]="overrides()[k]?.text ?? null" [loading]="loading()" />
        }
      </section>
    }
  `,
})
export class SummaryTiles {
  readonly tiles = input.required<readonly string[]>();
  readonly row = input<KpiRowWithTargets | null>(null);
  readonly loading = input(false);
  readonly error = input<unknown>(null);
  readonly label = input('Key figures');
  /** A figure taken from elsewhere than the row (FCR of the latest judged window), with its note. */
  readonly overrides = input<Record<string, TileOverride | null | undefined>>({});
  readonly retry = output<void>();

  protected value(k: string): number | null {
    const o = this.overrides()[k];
    return o ? o.value : kpiValue(this.row(), k);
  }
  protected target(k: string) {
    const o = this.overrides()[k];
    return o ? o.target : kpiTarget(this.row(), k);
  }
  protected detail(k: string): string | null {
    return k === 'ahtSeconds' ? ahtParts(this.row()) : null;
  }
  protected errorMessage(): string {
    return errorText(this.error());
  }
}
