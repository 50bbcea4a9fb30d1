import { ChangeDetectionStrategy, Component, DOCUMENT, computed, effect, inject, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { httpResource } from '@angular/common/http';
import { API_PREFIX, type QueueWaitingResult } from '@floorwatch/contracts';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { map } from 'rxjs';
import { KpiApi } from '../../core/api/kpi-api';
import { OrgApi, type OrgSiteView } from '../../core/api/org-api';
import { StaffingApi } from '../../core/api/staffing-api';
import { createLiveStore } from '../../core/live-store';
import { liveKpisOf, refetchOnLiveKpis } from '../../core/refetch-throttle';
import { resolvePeriod } from '../../core/url-state';
import { Chart } from '../../shared/chart';
import { staffingOption } from '../../shared/chart-options';
import { injectClock } from '../../shared/clock';
import { ConnectionIndicator } from '../../shared/connection-indicator';
import { formatKpi } from '../../shared/format';
import { kpiTarget, kpiValue, summaryRow, safe } from '../../shared/kpi-helpers';
import { DayStepper } from '../../shared/day-stepper';
import { StatusBadge } from '../../shared/status-badge';
import { formatTime, sinceText, stateLabel } from '../../shared/time';
import { LIVE_WAIT_CHANNELS, WAIT_LABELS, channelAsa, channelRow, isWaitChannel } from './channel-waits';
import { gapStatus, intervalStartOf, mergeLive, rowAt } from './staffing-helpers';
import { waitingNumerals } from './queue-waiting';

/** Wall screen: one site at a time in large type, cycling; `?site=` pins one, `?cycle=` sets seconds. */
@Component({
  selector: 'app-wallboard-page',
  imports: [Chart, StatusBadge, ConnectionIndicator, RouterLink, DayStepper],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './wallboard-page.scss',
  templateUrl: './wallboard-page.html',
})
export class WallboardPage {
  private readonly orgApi = inject(OrgApi);
  private readonly kpiApi = inject(KpiApi);
  private readonly staffingApi = inject(StaffingApi);
  private readonly doc = inject(DOCUMENT);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  protected readonly clock = injectClock(5_000);
  private readonly q = toSignal(this.route.queryParamMap.pipe(map((m) => ({ site: m.get('site'), cycle: Number(m.get('cycle')) || 20, date: m.get('date') }))), {
    initialValue: { site: null, cycle: 20, date: null },
  });
  protected readonly sites = this.orgApi.sites;
  private readonly index = signal(0);
  protected readonly site = computed<OrgSiteView | null>(() => {
    const list = this.sites();
    const pinned = list.find((s) => s.id === this.q().site);
    return pinned ?? list[this.index() % Math.max(1, list.length)] ?? null;
  });
  protected readonly tz = computed(() => this.site()?.timezone ?? 'UTC');
  /** ?date= shows another day (site-local); null = today, live. */
  protected readonly day = computed(() => {
    const d = this.q().date;
    return d && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : null;
  });
  private readonly today = computed(() => resolvePeriod({ period: 'day', date: this.day(), from: null, to: null }, this.tz()));
  protected readonly summary = this.kpiApi.resource(() => {
    const s = this.site();
    return s ? { scope: `site:${s.id}`, from: this.today().from, to: this.today().to } : undefined;
  });
  protected readonly byChannel = this.kpiApi.resource(() => {
    const s = this.site();
    return s ? { scope: `site:${s.id}`, from: this.today().from, to: this.today().to, by: 'channel' as const } : undefined;
  });
  protected readonly staffing = this.staffingApi.resource(() => {
    const s = this.site();
    return s ? { site: s.id, from: this.today().from, to: this.today().to } : undefined;
  });
  protected readonly live = createLiveStore(() => this.sites().map((s) => `site:${s.id}`));
  protected readonly current = computed(() => intervalStartOf(this.clock()));
  protected readonly rows = computed(() =>
    mergeLive(safe(this.staffing)?.rows ?? [], this.site() && this.day() === null ? this.live.state().staffing[this.site()!.id]?.row : null),
  );
  protected readonly now = computed(() => rowAt(this.rows(), this.current()));
  protected readonly gap = computed(() => gapStatus(this.now()));
  protected readonly option = computed(() => staffingOption(this.rows(), this.tz(), this.current()));
  /** Agents of the site by live state, wall-size: who is talking, free, in wrap-up, away. */
  protected readonly stateCounts = computed(() => {
    const id = this.site()?.id;
    const counts = { on_contact: 0, available: 0, acw: 0, aux: 0 };
    for (const a of Object.values(this.live.state().agents)) {
      if (a.siteId !== id) continue;
      if (a.state === 'on_contact' || a.state === 'available' || a.state === 'acw') counts[a.state]++;
      else if (a.state.startsWith('aux:')) counts.aux++;
    }
    return [
      { label: 'On contact', n: counts.on_contact },
      { label: 'Available', n: counts.available },
      { label: 'Wrap-up', n: counts.acw },
      { label: 'Away (aux)', n: counts.aux },
    ];
  });
  /** Calls in queue now and the longest wait (GET /queues/waiting), polled every 10 s on today's board. */
  private readonly pollTick = computed(() => Math.floor(this.clock() / 10_000));
  protected readonly waiting = httpResource<QueueWaitingResult>(() => {
    const s = this.site();
    if (!s || this.day() !== null) return undefined;
    return { url: `${API_PREFIX}/queues/waiting`, params: { site: s.id } };
  });
  protected readonly waitingNumerals = computed(() => {
    // Keep the last figures while the next poll is under way (no flash of "…" every 10 s).
    const v = this.waiting.hasValue() ? this.waiting.value() : undefined;
    return waitingNumerals(v?.site === this.site()?.id ? v : undefined);
  });
  protected pickDay(date: string | null): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { date, site: date ? (this.site()?.id ?? null) : this.q().site }, queryParamsHandling: 'merge' });
  }
  protected readonly exceptions = computed(() => {
    const id = this.site()?.id;
    return Object.values(this.live.state().exceptions)
      .filter((x) => x.siteId === id)
      .sort((a, b) => a.since.localeCompare(b.since));
  });
  // Per live channel, not the site ASA: that mixes e-mail waits (hours) into voice/chat seconds.
  protected readonly tiles = ['serviceLevelPct', ...LIVE_WAIT_CHANNELS, 'abandonRatePct', 'adherencePct', 'shrinkagePct'] as const;
  protected readonly isFull = signal(false);

  constructor() {
    void this.orgApi.load();
    // Live figure, summary's colour: the summary is re-fetched (≤ once per 30 s) as live figures change.
    refetchOnLiveKpis(
      () => {
        const id = this.site()?.id;
        const scope = id ? `site:${id}` : null;
        return { scope, tiles: liveKpisOf(this.live.state(), scope) };
      },
      () => {
        this.summary.reload();
        this.byChannel.reload();
      },
    );
    effect(() => {
      if (this.pollTick() > 0) untracked(() => this.waiting.reload());
    });
    effect((onCleanup) => {
      const seconds = Math.max(5, this.q().cycle);
      const id = setInterval(() => this.index.update((i) => i + 1), seconds * 1000);
      onCleanup(() => clearInterval(id));
    });
  }

  protected fmt(k: string): string {
    if (isWaitChannel(k)) {
      const asa = channelAsa(safe(this.byChannel), k);
      return asa == null ? (this.byChannel.isLoading() ? '…' : 'No data') : formatKpi('asaSeconds', asa);
    }
    // The live `kpi` event's today-so-far figure, else the summary loaded when the site came up.
    const id = this.site()?.id;
    const live = liveKpisOf(this.live.state(), id ? `site:${id}` : null)?.[k];
    const v = live !== undefined ? live : kpiValue(summaryRow(safe(this.summary)), k);
    // Across the floor a dash reads as "broken"; say there is nothing to measure yet.
    return v == null ? (this.summary.isLoading() ? '…' : 'No data') : formatKpi(k, v);
  }
  protected tgt(k: string) {
    if (isWaitChannel(k)) return kpiTarget(channelRow(safe(this.byChannel), k), 'asaSeconds');
    return kpiTarget(summaryRow(safe(this.summary)), k);
  }
  protected label(k: string): string {
    if (isWaitChannel(k)) return WAIT_LABELS[k];
    return ({ serviceLevelPct: 'Service level', abandonRatePct: 'Abandoned', adherencePct: 'Adherence', shrinkagePct: 'Shrinkage' } as Record<string, string>)[k] ?? k;
  }
  protected time(): string {
    return formatTime(new Date(this.clock()).toISOString(), this.tz());
  }
  protected agentName(id: string): string {
    return this.orgApi.org()?.agents.find((a) => a.id === id)?.name ?? id;
  }
  protected stateText(s: string): string {
    return stateLabel(s);
  }
  protected since(iso: string): string {
    return sinceText(iso, this.clock());
  }
  protected n(v: number | null | undefined): string {
    return v === null || v === undefined ? '—' : v.toFixed(0);
  }
  protected async toggleFull(): Promise<void> {
    try {
      if (this.doc.fullscreenElement) await this.doc.exitFullscreen();
      else await this.doc.documentElement.requestFullscreen();
      this.isFull.set(!!this.doc.fullscreenElement);
    } catch {
      // Some kiosks refuse full screen; the board is readable either way.
    }
  }
}
