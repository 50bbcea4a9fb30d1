import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { map } from 'rxjs';
import { OrgApi } from '../../core/api/org-api';
import { createLiveStore } from '../../core/live-store';
import { injectClock } from '../../shared/clock';
import { LiveAgents } from '../../shared/live-agents';
import { LoadState } from '../../shared/load-state';
import { DayStepper } from '../../shared/day-stepper';
import { SendMessageForm } from '../../shared/send-message-form';
import { SiteCard } from './site-card';
import { FeedStrip } from './feed-strip';
import { SiteDetail } from './site-detail';
import { intervalStartOf } from './staffing-helpers';
import { MessagesList } from '../../shared/messages-list';

/** Every site at once, live; drill to a site (?site=) and an interval (?interval=). */
@Component({
  selector: 'app-desk-page',
  imports: [SiteCard, SiteDetail, LiveAgents, LoadState, SendMessageForm, RouterLink, FeedStrip, DayStepper, MessagesList],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './desk-page.html',
})
export class DeskPage {
  private readonly orgApi = inject(OrgApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly org = this.orgApi.org;
  protected readonly orgError = this.orgApi.error;
  protected readonly clock = injectClock(10_000);
  protected readonly current = computed(() => intervalStartOf(this.clock()));
  private readonly q = toSignal(this.route.queryParamMap.pipe(map((m) => ({ site: m.get('site'), interval: m.get('interval'), date: m.get('date') }))), {
    initialValue: { site: null, interval: null, date: null },
  });
  protected readonly sites = this.orgApi.sites;
  protected readonly selected = computed(() => this.sites().find((s) => s.id === this.q().site) ?? null);
  protected readonly selectedInterval = computed(() => {
    const i = this.q().interval;
    const ms = i ? Date.parse(i) : NaN;
    return Number.isFinite(ms) ? ms : null;
  });
  protected readonly live = createLiveStore(() => this.sites().map((s) => `site:${s.id}`));
  protected readonly exceptionCount = computed(() => Object.keys(this.live.state().exceptions).length);
  protected readonly recipients = computed(() => this.sites().map((s) => ({ scope: `site:${s.id}`, label: s.name })));
  protected readonly queueName = (k: string): string => this.org()?.queues.find((q) => q.id === k)?.name ?? k;
  protected readonly deskTz = computed(() => this.selected()?.timezone ?? this.sites()[0]?.timezone ?? 'UTC');

  constructor() {
    void this.orgApi.load();
  }

  /** The day the site detail shows (?date=, site-local); null = today. */
  protected readonly day = computed(() => {
    const d = this.q().date;
    return d && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : null;
  });

  protected openSite(site: string | null, interval: string | null = null): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { site, interval, date: site ? this.day() : null } });
  }
  /** A new day drops the picked interval (it belonged to the other day). */
  protected pickDay(date: string | null): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { site: this.q().site ?? this.sites()[0]?.id ?? null, interval: null, date } });
  }
  protected liveRow(siteId: string) {
    return this.live.state().staffing[siteId]?.row ?? null;
  }
  protected liveKpis(siteId: string): Record<string, number | null | undefined> | null {
    return (this.live.state().kpis[`site:${siteId}`] as Record<string, number | null | undefined> | undefined) ?? null;
  }
  protected openAgent(id: string): void {
    void this.router.navigate(['/agent'], { queryParams: { scope: `agent:${id}`, period: 'day' } });
  }
}
