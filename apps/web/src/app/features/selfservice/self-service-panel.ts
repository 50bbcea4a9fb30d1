import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { KpiApi } from '../../core/api/kpi-api';
import { errorText } from '../../core/api/org-api';
import { Chart } from '../../shared/chart';
import { groupedBarOption, statusBarOption } from '../../shared/chart-options';
import { KpiTile } from '../../shared/kpi-tile';
import { kpiTarget, kpiValue, safe, summaryRow } from '../../shared/kpi-helpers';
import { LoadState } from '../../shared/load-state';
import { chainEffortRows } from './chain-effort-rows';
import { optOutHotSpots, SELF_SERVICE_LABELS, selfServiceRows } from './self-service-rows';

const OUTCOME_RATES = ['ivrContainmentPct', 'ivrOptOutPct', 'ivrAbandonPct', 'ivrErrorPct'] as const;

/**
 * Manager: self-service (IVR, bots) and journeys, selfservice.md §3-4. Sessions count at enterprise
 * and site scope; journeys at enterprise only; the effort rates at every scope.
 */
@Component({
  selector: 'app-self-service-panel',
  imports: [Chart, LoadState, KpiTile],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="fw-card" aria-label="Self-service and journeys">
      <header class="fw-card-head"><h2>Self-service and journeys</h2><span class="fw-xs fw-muted">Journeys count at enterprise level</span></header>
      <div class="fw-tiles" style="margin-bottom: var(--fw-space-4)">
        @for (k of tiles; track k) {
          <app-kpi-tile [kpi]="k" [label]="label(k)" [value]="val(k)" [target]="tgt(k)" [loading]="tileLoading(k)"
            [text]="k === 'customerEffort' && !journeysOpen() ? 'Hidden' : null" [detail]="k === 'customerEffort' && !journeysOpen() ? 'Show journeys below' : null" />
        }
      </div>
      <div class="fw-grid-3">
        <div>
          <h3 class="fw-small">IVR outcome by intent</h3>
          @if (byIntent.error()) { <app-load-state kind="error" [message]="err(byIntent.error())" (retry)="byIntent.reload()" /> }
          @else if (!intentRows().length) { <app-load-state [kind]="byIntent.isLoading() ? 'loading' : 'empty'" message="No self-service sessions in this period." /> }
          @else { <app-chart [options]="intentOption()" summary="Containment, opt-out, abandon and error rates by intent" /> }
        </div>
        <div>
          <h3 class="fw-small">Customer effort by channel path</h3>
          @if (scope() !== 'enterprise') { <app-load-state kind="empty" message="Journeys are counted for the whole enterprise: choose the enterprise scope." /> }
          @else if (!journeysOpen()) {
            <button type="button" class="fw-btn" (click)="journeysOpen.set(true)">Show journeys</button>
            <p class="fw-xs fw-muted">Reads every contact of the period and a week either side: asked for when needed.</p>
          }
          @else if (byChain.error()) { <app-load-state kind="error" [message]="err(byChain.error())" (retry)="byChain.reload()" /> }
          @else if (!chainRows().length) { <app-load-state [kind]="byChain.isLoading() ? 'loading' : 'empty'" message="No completed journeys in this period." /> }
          @else {
            <app-chart [options]="chainOption()" summary="Contacts per journey by derived channel path" />
            <div class="fw-scroll-x"><table class="fw-table fw-small" aria-label="Effort by channel path beside survey consistency">
              <thead><tr><th scope="col">Channel path</th><th scope="col">Journeys</th><th scope="col">Contacts per journey</th><th scope="col">Consistency (surveys, same path)</th></tr></thead>
              <tbody>
                @for (r of chainTable(); track r.chain) {
                  <tr><td>{{ chainLabel(r.chain) }}</td><td>{{ r.journeys }}</td><td>{{ r.effort === null ? '—' : r.effort.toFixed(2) }}</td><td>{{ r.consistency === null ? '—' : r.consistency.toFixed(1) }}</td></tr>
                }
              </tbody>
            </table></div>
          }
        </div>
        <div>
          <h3 class="fw-small">Transfers and agent hang-ups by channel</h3>
          @if (byChannel.error()) { <app-load-state kind="error" [message]="err(byChannel.error())" (retry)="byChannel.reload()" /> }
          @else if (!channelRows().length) { <app-load-state [kind]="byChannel.isLoading() ? 'loading' : 'empty'" /> }
          @else { <app-chart [options]="channelOption()" summary="Transfer rate, agent disconnect rate and short calls by channel" /> }
        </div>
      </div>
      <div class="fw-grid-2" style="margin-top: var(--fw-space-4)">
        <div>
          <h3 class="fw-small">Containment and effective containment by day</h3>
          @if (byDay.error()) { <app-load-state kind="error" [message]="err(byDay.error())" (retry)="byDay.reload()" /> }
          @else if (!dayRows().length) { <app-load-state [kind]="byDay.isLoading() ? 'loading' : 'empty'" message="No self-service sessions in this period." /> }
          @else { <app-chart [options]="dayOption()" summary="IVR containment and effective (true) containment per day" /> }
        </div>
        <div>
          <h3 class="fw-small">Opt-out hot spots by last node</h3>
          @if (byNode.error()) { <app-load-state kind="error" [message]="err(byNode.error())" (retry)="byNode.reload()" /> }
          @else if (!nodeRows().length) { <app-load-state [kind]="byNode.isLoading() ? 'loading' : 'empty'" message="No self-service sessions in this period." /> }
          @else { <app-chart [options]="nodeOption()" summary="IVR opt-out rate by the menu node where sessions ended, highest first" /> }
        </div>
      </div>
    </section>
  `,
})
export class SelfServicePanel {
  private readonly kpi = inject(KpiApi);
  readonly scope = input.required<string>();
  readonly from = input.required<string>();
  readonly to = input.required<string>();
  readonly tz = input('UTC');
  protected readonly tiles = ['ivrOffered', 'ivrContainmentPct', 'effectiveContainmentPct', 'ivrOptOutPct', 'timeToHumanSeconds', 'idFailurePct', 'selfServiceSharePct', 'customerEffort', 'transferRatePct', 'agentDisconnectPct', 'shortHandledPct'] as const;

  private readonly q = computed(() => ({ from: this.from(), to: this.to(), tz: this.tz() }));
  protected readonly scoped = this.kpi.resource(() => ({ ...this.q(), scope: this.scope() }));
  protected readonly byIntent = this.kpi.resource(() => ({ ...this.q(), scope: this.scope(), by: 'intent' as const }));
  /** Journeys are read from raw contacts (window ± a week): only once the manager asks for them, not on every page open. */
  protected readonly journeysOpen = signal(false);
  protected readonly byChain = this.kpi.resource(() => (this.scope() === 'enterprise' && this.journeysOpen() ? { ...this.q(), scope: 'enterprise', by: 'derivedChain' as const } : undefined));
  /** Survey-declared chains (kpis.md channelChain): their consistency sits beside the derived chain of the same label. */
  protected readonly bySurveyChain = this.kpi.resource(() => (this.scope() === 'enterprise' && this.journeysOpen() ? { ...this.q(), scope: 'enterprise', by: 'channelChain' as const } : undefined));
  protected readonly byChannel = this.kpi.resource(() => ({ ...this.q(), scope: this.scope(), by: 'channel' as const }));
  protected readonly byDay = this.kpi.resource(() => (this.scope() === 'enterprise' || this.scope().startsWith('site:') ? { ...this.q(), scope: this.scope(), by: 'day' as const } : undefined));
  protected readonly byNode = this.kpi.resource(() => (this.scope() === 'enterprise' || this.scope().startsWith('site:') ? { ...this.q(), scope: this.scope(), by: 'lastNode' as const } : undefined));
  protected readonly dayRows = computed(() => selfServiceRows(safe(this.byDay)?.rows, 'ivrOffered'));
  protected readonly nodeRows = computed(() => optOutHotSpots(safe(this.byNode)?.rows));
  protected readonly dayOption = computed(() => groupedBarOption(this.dayRows(), ['ivrContainmentPct', 'effectiveContainmentPct'], (k) => k));
  protected readonly nodeOption = computed(() => statusBarOption(this.nodeRows(), 'ivrOptOutPct', (k) => k));

  protected readonly intentRows = computed(() => selfServiceRows(safe(this.byIntent)?.rows, 'ivrOffered'));
  protected readonly chainRows = computed(() => selfServiceRows(safe(this.byChain)?.rows, 'journeys'));
  protected readonly chainTable = computed(() => chainEffortRows(safe(this.byChain)?.rows, safe(this.bySurveyChain)?.rows));
  protected readonly chainLabel = (k: string): string => k.replace(/>/g, ' › ');
  protected readonly channelRows = computed(() => selfServiceRows(safe(this.byChannel)?.rows, 'handled'));

  protected readonly intentOption = computed(() => groupedBarOption(this.intentRows(), OUTCOME_RATES, (k) => k));
  protected readonly chainOption = computed(() => statusBarOption(this.chainRows(), 'customerEffort', (k) => k.replace(/>/g, ' › ')));
  protected readonly channelOption = computed(() => groupedBarOption(this.channelRows(), ['transferRatePct', 'agentDisconnectPct', 'shortHandledPct'], (k) => k));

  protected label(k: string): string {
    return SELF_SERVICE_LABELS[k] ?? k;
  }
  /** Contacts per journey over every channel path (journeys are read by that grouping, enterprise only). */
  private readonly effort = computed(() => {
    let journeys = 0;
    let touches = 0;
    for (const r of safe(this.byChain)?.rows ?? []) {
      journeys += r.kpis.journeys ?? 0;
      touches += r.kpis.journeyContacts ?? 0;
    }
    return journeys === 0 ? null : touches / journeys;
  });
  private row() {
    return summaryRow(safe(this.scoped));
  }
  protected val(k: string) {
    return k === 'customerEffort' ? this.effort() : kpiValue(this.row(), k);
  }
  protected tgt(k: string) {
    return kpiTarget(this.row(), k);
  }
  /** "…" while the figure is on its way, so a slow read never flashes "No data". */
  protected tileLoading(k: string): boolean {
    return k === 'customerEffort' ? this.journeysOpen() && this.byChain.isLoading() : this.scoped.isLoading();
  }
  protected err(e: unknown): string {
    return errorText(e);
  }
}
