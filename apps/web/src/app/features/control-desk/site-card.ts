import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import type { StaffingRow } from '@floorwatch/contracts';
import { KpiApi } from '../../core/api/kpi-api';
import { refetchOnLiveKpis } from '../../core/refetch-throttle';
import { StaffingApi } from '../../core/api/staffing-api';
import { resolvePeriod } from '../../core/url-state';
import { Chart } from '../../shared/chart';
import { staffingOption } from '../../shared/chart-options';
import { formatKpi } from '../../shared/format';
import { kpiTarget, kpiValue, summaryRow, safe } from '../../shared/kpi-helpers';
import { LoadState } from '../../shared/load-state';
import { StatusBadge } from '../../shared/status-badge';
import { formatTime } from '../../shared/time';
import { LIVE_WAIT_CHANNELS, WAIT_LABELS, channelAsa, channelRow, isWaitChannel } from './channel-waits';
import { agentCountText, gapStatus, mergeLive, rowAt } from './staffing-helpers';
import { IvrNow } from '../selfservice/ivr-now';
import { siteQuietText, waitText } from './site-quiet';

/** One site on the control desk: today's staffing curve, service level, waiting, shrinkage. */
@Component({
  selector: 'app-site-card',
  imports: [Chart, LoadState, StatusBadge, IvrNow],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './site-card.scss',
  template: `
    <article class="fw-card" [class.selected]="selected()">
      <header class="fw-card-head">
        <button type="button" class="name" (click)="open.emit(siteId())">{{ name() }} <span aria-hidden="true">›</span></button>
        <span class="fw-xs fw-muted">{{ clock() }} {{ timezone() }}</span>
      </header>
      @if (quiet(); as q) {
        <p class="quiet fw-small fw-muted" role="status">{{ q }}</p>
      }
      <div class="stats">
        @for (k of stats; track k) {
          <div class="stat">
            <span class="lbl">{{ label(k) }}</span>
            <span class="val fw-num">{{ fmt(k) }}</span>
            <app-status-badge [status]="tgt(k)?.status ?? 'none'" [iconOnly]="true" />
          </div>
        }
        <div class="stat">
          <span class="lbl">Agents now</span>
          <span class="val fw-num">{{ count(now()?.actualAgents) }}<small> / {{ count(now()?.requiredAgents) }} req.</small></span>
          <app-status-badge [status]="gap()" [iconOnly]="true" />
        </div>
        <app-ivr-now [siteId]="siteId()" />
      </div>
      @if (staffing.error()) {
        <app-load-state kind="error" message="Staffing could not be loaded." (retry)="staffing.reload()" />
      } @else if (rows().length === 0) {
        <app-load-state [kind]="staffing.isLoading() ? 'loading' : 'empty'" message="No staffing data today." />
      } @else {
        <app-chart [options]="option()" [height]="140" summary="Required, scheduled and actual agents today" (picked)="pickInterval($event)" />
      }
    </article>
  `,
})
export class SiteCard {
  private readonly staffingApi = inject(StaffingApi);
  private readonly kpiApi = inject(KpiApi);
  readonly siteId = input.required<string>();
  readonly name = input('');
  readonly timezone = input('UTC');
  readonly currentInterval = input<number | null>(null);
  readonly clockMs = input(Date.now());
  readonly live = input<StaffingRow | null>(null);
  readonly selected = input(false);
  /** Today-so-far figures from the live `kpi` event; they win over the REST summary loaded at open. */
  readonly liveKpis = input<Readonly<Record<string, number | null | undefined>> | null>(null);
  readonly open = output<string>();
  readonly interval = output<{ siteId: string; at: string }>();
  // Site-level ASA is left out: it mixes e-mail waits (hours) into the live queues' seconds.
  protected readonly stats = ['serviceLevelPct', ...LIVE_WAIT_CHANNELS, 'abandonRatePct', 'shrinkagePct'] as const;

  private readonly today = computed(() => resolvePeriod({ period: 'day', date: null, from: null, to: null }, this.timezone(), new Date(this.clockMs())));
  protected readonly staffing = this.staffingApi.resource(() => ({ site: this.siteId(), from: this.today().from, to: this.today().to }));
  protected readonly summary = this.kpiApi.resource(() => ({ scope: `site:${this.siteId()}`, from: this.today().from, to: this.today().to }));
  protected readonly byChannel = this.kpiApi.resource(() => ({ scope: `site:${this.siteId()}`, from: this.today().from, to: this.today().to, by: 'channel' }));
  protected readonly rows = computed(() => mergeLive(safe(this.staffing)?.rows ?? [], this.live()));
  protected readonly now = computed(() => rowAt(this.rows(), this.currentInterval()));
  protected readonly gap = computed(() => gapStatus(this.now()));
  protected readonly option = computed(() => staffingOption(this.rows(), this.timezone(), this.currentInterval(), true));
  /** "Closed · opens 08:00" (Manila at 00:21) rather than a card of dashes with no reason given. */
  protected readonly quiet = computed(() => {
    const live = this.liveKpis()?.['offered'];
    const offered = live !== undefined && live !== null ? live : kpiValue(summaryRow(safe(this.summary)), 'offered');
    return siteQuietText(offered, this.summary.isLoading() || this.staffing.isLoading(), this.rows(), this.clockMs(), this.timezone());
  });
  protected readonly clock = computed(() => formatTime(new Date(this.clockMs()).toISOString(), this.timezone()));

  constructor() {
    // The figure is the live one; its colour is the summary's, re-fetched (≤ once per 30 s) as
    // live figures change so the status catches up without the client judging targets itself.
    refetchOnLiveKpis(
      () => ({ scope: this.siteId(), tiles: this.liveKpis() ?? undefined }),
      () => {
        this.summary.reload();
        this.byChannel.reload();
      },
    );
  }

  protected label(k: string): string {
    if (isWaitChannel(k)) return WAIT_LABELS[k];
    return ({ serviceLevelPct: 'Service level', abandonRatePct: 'Abandoned', shrinkagePct: 'Shrinkage' } as Record<string, string>)[k] ?? k;
  }
  protected fmt(k: string): string {
    if (isWaitChannel(k)) {
      const v = channelAsa(safe(this.byChannel), k);
      return waitText(formatKpi('asaSeconds', v), v, this.byChannel.isLoading());
    }
    const live = this.liveKpis()?.[k];
    return formatKpi(k, live !== undefined ? live : kpiValue(summaryRow(safe(this.summary)), k));
  }
  protected tgt(k: string) {
    if (isWaitChannel(k)) return kpiTarget(channelRow(safe(this.byChannel), k), 'asaSeconds');
    return kpiTarget(summaryRow(safe(this.summary)), k);
  }
  protected pickInterval(i: number): void {
    const r = this.rows()[i];
    if (r) this.interval.emit({ siteId: this.siteId(), at: r.intervalStart });
  }
  protected count(v: number | null | undefined): string {
    return agentCountText(v, this.staffing.isLoading());
  }
}
