import { safe } from '../../shared/kpi-helpers';
import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import type { StaffingRow } from '@floorwatch/contracts';
import { KpiApi } from '../../core/api/kpi-api';
import { errorText } from '../../core/api/org-api';
import { StaffingApi } from '../../core/api/staffing-api';
import { resolvePeriod, todayIn } from '../../core/url-state';
import { Chart } from '../../shared/chart';
import { staffingOption } from '../../shared/chart-options';
import { KpiPanel } from '../../shared/kpi-panel';
import { LoadState } from '../../shared/load-state';
import { StatusBadge } from '../../shared/status-badge';
import { formatTime } from '../../shared/time';
import { GapDecomposition } from './gap-decomposition/gap-decomposition';
import { INTERVAL_MS, causes, gapStatus, focusRow, mergeLive } from './staffing-helpers';

/** A site drilled into: the day's staffing, one interval's numbers and what the shrinkage is. */
@Component({
  selector: 'app-site-detail',
  imports: [Chart, LoadState, KpiPanel, StatusBadge, GapDecomposition],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { display: grid; gap: var(--fw-space-5); min-width: 0; }
    /* Grid items default to min-width: auto; the queue table's scroll box must be allowed to shrink. */
    :host > * { min-width: 0; }
    .pick-interval select { max-width: 100%; }
    .iv { display: grid; grid-template-columns: repeat(auto-fit, minmax(120px, 1fr)); gap: var(--fw-space-3); margin-bottom: var(--fw-space-4); }
    .iv div { background: var(--fw-surface-2); border-radius: var(--fw-radius-sm); padding: var(--fw-space-3); display: grid; gap: 2px; }
    .iv strong { font-size: var(--fw-text-xl); font-variant-numeric: tabular-nums; }
    .cause { display: grid; grid-template-columns: 110px 1fr 60px; gap: var(--fw-space-2); align-items: center; font-size: var(--fw-text-sm); }
    .cause .bar { height: 10px; background: #c4a35a; border-radius: 3px; }
  `,
  template: `
    <section class="fw-card">
      <header class="fw-card-head">
        <h2>{{ name() }} · staffing {{ dayLabel() }}</h2>
        <button type="button" class="fw-btn sm ghost" (click)="closed.emit()">✕ Close</button>
      </header>
      @if (staffing.error()) {
        <app-load-state kind="error" [message]="err(staffing.error())" (retry)="staffing.reload()" />
      } @else if (rows().length === 0) {
        <app-load-state [kind]="staffing.isLoading() ? 'loading' : 'empty'" />
      } @else {
        <app-chart [options]="option()" [height]="280" summary="Required, scheduled and actual agents per 15-minute interval; pick an interval in the list below" (picked)="pick($event)" />
        <label class="fw-field pick-interval"><span>Interval</span>
          <select class="fw-select" (change)="pickAt($any($event.target).value)">
            @for (r of rows(); track r.intervalStart) {
              <option [value]="r.intervalStart" [selected]="r.intervalStart === focus()?.intervalStart">{{ time(r.intervalStart) }}{{ isFuture(r) ? ' (plan)' : '' }}</option>
            }
          </select></label>
        @if (focus(); as r) {
          <h3 class="fw-small" style="margin: var(--fw-space-3) 0">Interval {{ time(r.intervalStart) }}–{{ endTime(r.intervalStart) }} ({{ timezone() }})</h3>
          <div class="iv">
            <div><span class="fw-xs fw-muted">Required</span><strong>{{ n(r.requiredAgents) }}</strong><span class="fw-xs">forecast</span></div>
            <div><span class="fw-xs fw-muted">Scheduled</span><strong>{{ n(r.scheduledAgents) }}</strong><span class="fw-xs">gap {{ signed(r.scheduleGap) }}</span></div>
            @if (isFuture(r)) {
              <div class="plan"><span class="fw-xs fw-muted">On hand</span><strong>Plan only</strong><span class="fw-xs">this interval has not started</span></div>
            } @else {
              <div><span class="fw-xs fw-muted">On hand</span><strong>{{ n(r.actualAgents) }}</strong>
                <span class="fw-xs">gap {{ signed(r.staffingGap) }} <app-status-badge [status]="gap(r)" /></span></div>
            }
          </div>
          <app-gap-decomposition [siteId]="siteId()" [timezone]="timezone()" [from]="today().from" [to]="today().to" [intervalStart]="r.intervalStart" />
          <h3 class="fw-small">Scheduled but not on contacts (agent-equivalents)</h3>
          @for (c of causesOf(r); track c.activity) {
            <div class="cause"><span>{{ c.activity }}</span><span class="bar" [style.width.%]="(c.agents / maxCause(r)) * 100"></span><span class="fw-num">{{ c.agents.toFixed(1) }}</span></div>
          } @empty {
            <p class="fw-small fw-muted">No scheduled non-contact activity in this interval.</p>
          }
        }
      }
    </section>
    <app-kpi-panel [title]="name() + ' by queue ' + dayLabel()" keyHeader="Queue" [rows]="queueRows()" [rowLabel]="queueName()"
      [columns]="['offered', 'serviceLevelPct', 'asaSeconds', 'abandonRatePct', 'ahtSeconds']" [loading]="byQueue.isLoading()"
      [error]="byQueue.error() ? err(byQueue.error()) : null" (retry)="byQueue.reload()" />
  `,
})
export class SiteDetail {
  private readonly staffingApi = inject(StaffingApi);
  private readonly kpiApi = inject(KpiApi);
  readonly siteId = input.required<string>();
  readonly name = input('');
  readonly timezone = input('UTC');
  readonly currentInterval = input<number | null>(null);
  readonly selectedInterval = input<number | null>(null);
  /** The day shown (YYYY-MM-DD, site-local) when no interval is picked; null = today. */
  readonly day = input<string | null>(null);
  readonly live = input<StaffingRow | null>(null);
  readonly queueName = input<(k: string) => string>((k) => k);
  readonly closed = output<void>();
  readonly interval = output<string>();

  /** The day of the picked interval (a shared link may point at yesterday's), else today. */
  protected readonly today = computed(() => {
    const at = this.selectedInterval();
    const date = at === null ? this.day() : todayIn(this.timezone(), new Date(at));
    return resolvePeriod({ period: 'day', date, from: null, to: null }, this.timezone());
  });
  protected readonly staffing = this.staffingApi.resource(() => ({ site: this.siteId(), from: this.today().from, to: this.today().to }));
  /** Queue rows with contacts; the "(none)" row (agent time without a queue) has nothing to show here. */
  protected readonly queueRows = computed(() => (safe(this.byQueue)?.rows ?? []).filter((r) => (r.kpis.offered ?? 0) > 0 || (r.kpis.handled ?? 0) > 0));
  protected readonly dayLabel = computed(() => (this.today().label === 'Today' ? 'today' : this.today().label));
  protected readonly byQueue = this.kpiApi.resource(() => ({ scope: `site:${this.siteId()}`, from: this.today().from, to: this.today().to, by: 'queue' as const }));
  /** The live row belongs to today's chart only, not to an earlier day opened from a link. */
  protected readonly rows = computed(() => {
    const live = this.live();
    const t = live ? Date.parse(live.intervalStart) : NaN;
    const inDay = t >= Date.parse(this.today().from) && t < Date.parse(this.today().to);
    return mergeLive(safe(this.staffing)?.rows ?? [], inDay ? live : null);
  });
  protected readonly focus = computed(() =>
    focusRow(this.rows(), this.selectedInterval(), this.currentInterval(), this.staffing.hasValue() && !this.staffing.isLoading()),
  );
  protected readonly option = computed(() =>
    staffingOption(this.rows(), this.timezone(), this.currentInterval(), false, this.focus() ? Date.parse(this.focus()!.intervalStart) : null),
  );

  /** An interval after the current one has a plan (required, scheduled) and nothing on hand yet. */
  protected isFuture(r: StaffingRow): boolean {
    const now = this.currentInterval();
    return now !== null && Date.parse(r.intervalStart) > now;
  }
  protected pickAt(intervalStart: string): void {
    if (intervalStart) this.interval.emit(intervalStart);
  }
  protected pick(i: number): void {
    const r = this.rows()[i];
    if (r) this.interval.emit(r.intervalStart);
  }
  protected time(iso: string): string {
    return formatTime(iso, this.timezone());
  }
  protected endTime(iso: string): string {
    return formatTime(new Date(Date.parse(iso) + INTERVAL_MS).toISOString(), this.timezone());
  }
  protected n(v: number | null): string {
    return v === null ? '—' : v.toFixed(1);
  }
  protected signed(v: number | null): string {
    return v === null ? '—' : `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(1)}`;
  }
  protected gap(r: StaffingRow) {
    return gapStatus(r);
  }
  protected causesOf(r: StaffingRow) {
    return causes(r);
  }
  protected maxCause(r: StaffingRow): number {
    return Math.max(1, ...causes(r).map((c) => c.agents));
  }
  protected err(e: unknown): string {
    return errorText(e);
  }
}
