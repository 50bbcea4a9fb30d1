import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { KpiApi } from '../../core/api/kpi-api';
import { Chart } from '../../shared/chart';
import { KpiTile } from '../../shared/kpi-tile';
import { safe, summaryRow } from '../../shared/kpi-helpers';
import { formatDuration, formatKpi } from '../../shared/format';
import { CustomerApi } from './customer-api';
import { SurveyTile } from './survey-tile';

const LABEL: Record<string, string> = { consistency: 'Consistency', productSat: 'Product', valueForMoney: 'Value for money', q1: 'q1 impression', q2: 'q2 information', q3: 'q3 informed staff', q4: 'q4 choice', q5: 'q5 other channels' };

/** Manager: CSAT / NPS tiles with n, what drives satisfaction (Table 2), chain gaps, HOTLINE summary. */
@Component({
  selector: 'app-customer-manager-panel',
  imports: [SurveyTile, KpiTile, Chart],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="fw-card" aria-label="Customer outcomes">
      <header class="fw-card-head"><h2>Customer outcomes</h2><span class="fw-xs fw-muted">Survey responses count where the contact they rate was handled</span></header>
      <div class="fw-tiles" style="margin-bottom: var(--fw-space-4)">
        <app-survey-tile kpi="csatTopBoxPct" label="CSAT top box" [row]="row()" [loading]="summary.isLoading()" />
        <app-survey-tile kpi="csatMean" label="CSAT mean" [row]="row()" [loading]="summary.isLoading()" />
        <app-survey-tile kpi="npsScore" label="NPS" [row]="row()" [loading]="summary.isLoading()" />
        <!-- Open now is the backlog (any month's cases); the close figures are the period's (customer.md). -->
        <app-kpi-tile kpi="hotlineOpen" label="HOTLINE open now" [value]="hs()?.openNow" [detail]="overdueDetail()" [loading]="hotline.isLoading()" />
        <app-kpi-tile kpi="closeSecondsMedian" label="HOTLINE median close" [value]="hs()?.period?.closeSecondsMedian" [detail]="closeDetail()" [note]="periodNote()" [loading]="hotline.isLoading()"
          [text]="hs() && hs()?.period?.closeSecondsMedian === null ? 'none yet' : null" />
        <app-kpi-tile kpi="closedWithin48hPct" label="Closed within 48 h" [value]="hs()?.period?.closedWithin48hPct" [note]="periodNote()" [loading]="hotline.isLoading()"
          [text]="hs() && hs()?.period?.closedWithin48hPct === null ? 'none due' : null" />
      </div>
      @if (hotlineLine(); as line) {
        <p class="fw-small" aria-label="HOTLINE summary"><strong>{{ line.now }}</strong> · {{ line.period }}</p>
      }
      <div class="fw-grid-3">
        <div>
          <h3 class="fw-small">What drives satisfaction (CSAT)</h3>
          @if (d(); as dr) {
            <div class="fw-scroll-x"><table class="fw-table fw-small" aria-label="Drivers of CSAT">
              <thead><tr><th>Rank</th><th>Driver</th><th class="fw-num">r</th><th class="fw-num">β</th><th class="fw-num">n</th></tr></thead>
              <tbody>
                @for (x of dr.drivers.slice(0, 3); track x.driver) {
                  <tr><td>{{ x.rank ?? '—' }}</td><td>{{ label(x.driver) }}</td><td class="fw-num">{{ num(x.r, 2) }}</td><td class="fw-num">{{ num(x.beta, 2) }}</td><td class="fw-num">{{ x.n }}</td></tr>
                }
              </tbody>
            </table></div>
            <p class="fw-xs fw-muted">{{ dr.modelN }} complete responses. Satisfaction by consistency band:
              @for (b of dr.bands; track b.band) { {{ b.band }} {{ num(b.outcomeMean, 0) }} (n {{ b.n }}){{ $last ? '' : ' · ' }} }
            </p>
          } @else { <p class="fw-small fw-muted">{{ drivers.isLoading() ? 'Loading…' : 'No drivers for this scope.' }}</p> }
        </div>
        <div class="fw-span-2">
          <h3 class="fw-small">Consistency gap to the best channel chain (points)</h3>
          @if (chainOption(); as opt) { <app-chart [options]="opt" summary="Consistency gap of each channel chain to the best one" /> }
          @else { <p class="fw-small fw-muted">Too few responses per chain.</p> }
        </div>
      </div>
    </section>
  `,
})
export class CustomerManagerPanel {
  private readonly kpi = inject(KpiApi);
  private readonly api = inject(CustomerApi);
  readonly scope = input.required<string>();
  readonly from = input.required<string>();
  readonly to = input.required<string>();
  /** The period's name as the page shows it ("December 2026", "Week of 30 Nov 2026"). */
  readonly periodLabel = input('This period');

  protected readonly summary = this.kpi.resource(() => ({ scope: this.scope(), from: this.from(), to: this.to() }));
  protected readonly drivers = this.api.drivers(() => ({ scope: this.scope(), from: this.from(), to: this.to() }));
  protected readonly row = computed(() => summaryRow(safe(this.summary)));
  protected readonly d = computed(() => safe(this.drivers) ?? null);
  protected readonly hotline = this.api.hotlineSummary(() => ({ scope: this.scope(), from: this.from(), to: this.to() }));
  protected readonly hs = computed(() => safe(this.hotline) ?? null);
  protected readonly overdueDetail = computed(() => {
    const s = this.hs();
    return s ? (s.overdueNow > 0 ? `${s.overdueNow} overdue (over 48 h)` : 'none overdue') : null;
  });
  protected readonly closeDetail = computed(() => {
    const p90 = this.hs()?.period.closeSecondsP90 ?? null;
    return p90 === null ? null : `p90 ${formatDuration(p90)}`;
  });
  protected readonly periodNote = computed(() => {
    const s = this.hs();
    return s ? `${this.periodLabel()}: ${s.period.hotlineCases} raised` : null;
  });
  /** "Open now 5 · 2 overdue" beside "This month: raised 12, median close 31 h, 83 % within 48 h". */
  protected readonly hotlineLine = computed(() => {
    const s = this.hs();
    if (!s) return null;
    const p = s.period;
    const close = p.closeSecondsMedian === null ? 'none closed yet' : `median close ${formatDuration(p.closeSecondsMedian)}`;
    const within = p.closedWithin48hPct === null ? 'none due for 48 h yet' : `${formatKpi('closedWithin48hPct', p.closedWithin48hPct)} within 48 h`;
    return { now: `Open now ${s.openNow} · ${s.overdueNow} overdue`, period: `${this.periodLabel()}: raised ${p.hotlineCases}, ${close}, ${within}` };
  });
  protected readonly chainOption = computed(() => {
    const groups = (this.d()?.groups ?? []).filter((g) => g.consistencyGapPts !== null).sort((a, b) => (b.consistencyGapPts ?? 0) - (a.consistencyGapPts ?? 0));
    if (!groups.length) return null;
    const worst = groups[0].key;
    return {
      grid: { left: 120, right: 24, top: 8, bottom: 24 },
      xAxis: { type: 'value', name: 'points' },
      yAxis: { type: 'category', data: groups.map((g) => g.key.replace(/>/g, ' › ')), inverse: true },
      series: [{ type: 'bar', data: groups.map((g) => ({ value: Math.round((g.consistencyGapPts ?? 0) * 10) / 10, itemStyle: { color: g.key === worst ? '#c62828' : '#5c6bc0' } })), label: { show: true, position: 'right' } }],
    };
  });

  protected label(k: string): string {
    return LABEL[k] ?? k;
  }
  protected num(v: number | null | undefined, digits: number): string {
    return v === null || v === undefined ? '—' : v.toFixed(digits);
  }
}
