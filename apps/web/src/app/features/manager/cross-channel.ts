import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { KpiApi } from '../../core/api/kpi-api';
import { errorText } from '../../core/api/org-api';
import { Chart } from '../../shared/chart';
import { groupedBarOption, statusBarOption } from '../../shared/chart-options';
import { KpiTile } from '../../shared/kpi-tile';
import { kpiTarget, kpiValue, summaryRow, safe } from '../../shared/kpi-helpers';
import { LoadState } from '../../shared/load-state';
import { channelRows } from './cross-channel-rows';
import { injectFcrRowsFallback } from '../../shared/fcr-fallback';

const ITEMS = ['consistencyIndex', 'q1Index', 'q2Index', 'q3Index', 'q4Index', 'q5Index'] as const;

/** Cross-channel consistency: perceived (surveys, enterprise only) and operational (repeats, FCR by channel). */
@Component({
  selector: 'app-cross-channel',
  imports: [Chart, LoadState, KpiTile],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="fw-card">
      <header class="fw-card-head"><h2>Cross-channel consistency</h2><span class="fw-xs fw-muted">Surveys count where the contact they rate was handled (unattributed ones at enterprise only)</span></header>
      <div class="fw-tiles" style="margin-bottom: var(--fw-space-4)">
        @for (k of tiles; track k) {
          <app-kpi-tile [kpi]="k" [value]="val(k)" [target]="tgt(k)" [loading]="(k === 'consistencyIndex' ? ent : scoped).isLoading()" />
        }
      </div>
      <div class="fw-grid-3">
        <div>
          <h3 class="fw-small">Consistency by main channel</h3>
          @if (byMain.error()) { <app-load-state kind="error" [message]="err(byMain.error())" (retry)="byMain.reload()" /> }
          @else if (!byMainRows().length) { <app-load-state [kind]="byMain.isLoading() ? 'loading' : 'empty'" message="No survey responses in this period." /> }
          @else { <app-chart [options]="mainOption()" summary="Consistency index and items q1 to q5 by main channel" /> }
        </div>
        <div>
          <h3 class="fw-small">Consistency by channel chain</h3>
          @if (byChain.error()) { <app-load-state kind="error" [message]="err(byChain.error())" (retry)="byChain.reload()" /> }
          @else if (!byChainRows().length) { <app-load-state [kind]="byChain.isLoading() ? 'loading' : 'empty'" message="No survey responses in this period." /> }
          @else { <app-chart [options]="chainOption()" summary="Consistency index by channel chain" /> }
        </div>
        <div>
          <h3 class="fw-small">First-contact resolution by channel</h3>
          @if (fcrNote(); as note) { <p class="fw-xs fw-muted" data-testid="fcr-channel-note">{{ note }}</p> }
          @if (byChannel.error()) { <app-load-state kind="error" [message]="err(byChannel.error())" (retry)="byChannel.reload()" /> }
          @else if (!byChannelRows().length) { <app-load-state [kind]="byChannel.isLoading() ? 'loading' : 'empty'" /> }
          @else if (!fcrHasValue()) { <app-load-state kind="empty" message="No data: no contact of this period or of a fully judged one before it." /> }
          @else { <app-chart [options]="fcrOption()" [summary]="'FCR by channel, coloured by status' + (fcrNote() ? ', ' + fcrNote() : '')" /> }
        </div>
      </div>
    </section>
  `,
})
export class CrossChannel {
  private readonly kpi = inject(KpiApi);
  readonly scope = input.required<string>();
  readonly from = input.required<string>();
  readonly to = input.required<string>();
  readonly tz = input('UTC');
  protected readonly tiles = ['consistencyIndex', 'crossChannelRepeatPct', 'channelFcrSpreadPts'] as const;

  private readonly q = computed(() => ({ from: this.from(), to: this.to(), tz: this.tz() }));
  protected readonly ent = this.kpi.resource(() => ({ ...this.q(), scope: 'enterprise' }));
  protected readonly scoped = this.kpi.resource(() => ({ ...this.q(), scope: this.scope() }));
  protected readonly byMain = this.kpi.resource(() => ({ ...this.q(), scope: 'enterprise', by: 'mainChannel' as const }));
  protected readonly byChain = this.kpi.resource(() => ({ ...this.q(), scope: 'enterprise', by: 'channelChain' as const }));
  protected readonly byChannel = this.kpi.resource(() => ({ ...this.q(), scope: this.scope(), by: 'channel' as const }));

  protected readonly byMainRows = computed(() => channelRows(safe(this.byMain)?.rows));
  protected readonly byChainRows = computed(() => channelRows(safe(this.byChain)?.rows));
  /** FCR waits 7 days for repeats: while the period's contacts are pending, the latest fully judged window of the same length. */
  private readonly fcrByChannel = injectFcrRowsFallback(this.byChannel, () => ({ ...this.q(), scope: this.scope(), by: 'channel' as const }), this.tz);
  protected readonly byChannelRows = computed(() => channelRows(this.fcrByChannel().rows));
  protected readonly fcrHasValue = computed(() => this.byChannelRows().some((r) => r.kpis.fcrPct !== null));
  /** "judged to 27 Nov · 1 204 pending": the pending count is the period's own. */
  protected readonly fcrNote = computed(() => {
    const note = this.fcrByChannel().note;
    if (!note) return null;
    const pending = kpiValue(summaryRow(safe(this.scoped)), 'fcrPending');
    return pending ? `${note} · ${new Intl.NumberFormat('en-GB').format(pending)} pending` : note;
  });

  protected readonly mainOption = computed(() => groupedBarOption(this.byMainRows(), ITEMS, (k) => k));
  protected readonly chainOption = computed(() => statusBarOption(this.byChainRows(), 'consistencyIndex', (k) => k.replace(/>/g, ' › ')));
  protected readonly fcrOption = computed(() => statusBarOption(this.byChannelRows(), 'fcrPct', (k) => k));

  protected val(k: string) {
    return kpiValue(summaryRow(k === 'consistencyIndex' ? safe(this.ent) : safe(this.scoped)), k);
  }
  protected tgt(k: string) {
    return kpiTarget(summaryRow(k === 'consistencyIndex' ? safe(this.ent) : safe(this.scoped)), k);
  }
  protected err(e: unknown): string {
    return errorText(e);
  }
}
