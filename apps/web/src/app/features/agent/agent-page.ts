import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { catchError, forkJoin, of } from 'rxjs';
import { API_PREFIX, type Timeline } from '@floorwatch/contracts';
import { KpiApi } from '../../core/api/kpi-api';
import { TimelineApi } from '../../core/api/timeline-api';
import { AuthService } from '../../core/auth.service';
import { buildCrumbs, scopeLabel } from '../../core/drill';
import { createLiveStore } from '../../core/live-store';
import { resolvePeriod, stepDay, todayIn } from '../../core/url-state';
import { injectViewState } from '../../core/view-state';
import { Breadcrumbs } from '../../shared/breadcrumbs';
import { Chart } from '../../shared/chart';
import { statusBarOption } from '../../shared/chart-options';
import { SummaryTiles } from '../../shared/summary-tiles';
import { summaryRow, safe } from '../../shared/kpi-helpers';
import { LoadState } from '../../shared/load-state';
import { MessagesList } from '../../shared/messages-list';
import { PeriodSelector } from '../../shared/period-selector';
import { BonusTracker } from './bonus-tracker/bonus-tracker';
import { formatTime, groupKeyLabel, sinceText, stateLabel } from '../../shared/time';
import { OrgApi, errorText } from '../../core/api/org-api';
import { SendMessageForm } from '../../shared/send-message-form';
import { ScheduleRequestForm } from './schedule-request-form';
import { TimelineLanes } from './timeline-lanes';
import { agentSummaryQuery, agentViewDefaults } from './agent-view';
import { AgentFeedbackPanel } from '../customer/agent-feedback-panel';
import { hourAdherence, outOfAdherenceOption } from './hour-adherence';
import { recurringPatterns } from '@floorwatch/kpi';
import { injectFcrFallback } from '../../shared/fcr-fallback';

/** Days looked back for habits and for the last shift (a week: "5 of 5 days"). */
const RECENT_DAYS = 7;

const TILES = ['adherencePct', 'conformancePct', 'ahtSeconds', 'handled', 'fcrPct', 'occupancyPct'] as const;

/** One agent's own performance: tiles, adherence by hour and by day, the day timeline. */
@Component({
  selector: 'app-agent-page',
  imports: [SummaryTiles, PeriodSelector, Breadcrumbs, Chart, LoadState, TimelineLanes, MessagesList, ScheduleRequestForm, BonusTracker, AgentFeedbackPanel, SendMessageForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './agent-page.html',
})
export class AgentPage {
  private readonly auth = inject(AuthService);
  private readonly kpiApi = inject(KpiApi);
  private readonly timelineApi = inject(TimelineApi);
  private readonly orgApi = inject(OrgApi);
  private readonly http = inject(HttpClient);
  protected readonly tiles = TILES;

  protected readonly view = injectViewState(() => agentViewDefaults(this.auth.me()));
  protected readonly agentId = computed(() => this.view.state().scope.replace(/^agent:/, ''));
  protected readonly isOwn = computed(() => this.auth.me()?.agentId === this.agentId());
  /** A team leader looking at one of their agents may coach them from here. */
  protected readonly mayCoach = computed(() => this.auth.me()?.roles.includes('team_leader') ?? false);
  protected readonly title = computed(() => (this.isOwn() ? 'My performance' : scopeLabel(this.view.state().scope, this.view.org())));
  protected readonly crumbs = computed(() => {
    const me = this.auth.me();
    const root = me?.roles.includes('manager') || me?.roles.includes('admin') ? 'enterprise' : me?.teamIds[0] ? `team:${me.teamIds[0]}` : this.view.state().scope;
    return this.isOwn() ? [] : buildCrumbs(this.view.state(), this.view.org(), this.view.timezone(), root);
  });

  /**
   * The agent's time zone comes with /org: asking before it has arrived asks for the UTC day and
   * then again for the site's (the first answers wasted, and computed by the server all the same).
   */
  private readonly ready = computed(() => this.view.org() !== null || this.orgApi.error() !== null);
  private readonly base = computed(() => agentSummaryQuery({ state: this.view.state(), period: this.view.period(), timezone: this.view.timezone() }));
  protected readonly summary = this.kpiApi.resource(() => (this.ready() ? this.base() : undefined));
  protected readonly fcrFallback = injectFcrFallback(this.summary, () => this.base(), this.view.timezone);
  private summaryDone = false;
  /**
   * The headline tiles first: charts, timeline and side panels ask once the summary has answered
   * (on opening only; later changes ask all at once), so the first figure does not queue behind them.
   */
  protected readonly primed = computed(() => (this.summaryDone ||= this.summary.hasValue() || this.summary.error() != null));
  private readonly after = <T,>(query: () => T): (() => T | undefined) => () => (this.primed() ? query() : undefined);
  protected readonly byHour = this.kpiApi.resource(this.after(() => ({ ...this.base(), by: 'hour' as const })));
  /** A single day shows its week by day, so there is a trend to look at. */
  protected readonly dayRange = computed(() => {
    const s = this.view.state();
    return s.period === 'day' ? resolvePeriod({ ...s, period: 'week' }, this.view.timezone()) : this.view.period();
  });
  protected readonly byDay = this.kpiApi.resource(this.after(() => ({ ...this.base(), from: this.dayRange().from, to: this.dayRange().to, by: 'day' as const })));
  protected readonly day = computed(() => this.view.state().date ?? todayIn(this.view.timezone()));
  protected readonly timeline = this.timelineApi.resource(this.after(() => ({ agent: this.agentId(), day: this.day() })));

  protected readonly live = createLiveStore(() => [this.view.state().scope]);
  protected readonly current = computed(() => this.live.state().agents[this.agentId()] ?? null);
  protected readonly exception = computed(() => this.live.state().exceptions[this.agentId()] ?? null);

  protected readonly row = computed(() => summaryRow(safe(this.summary)));
  protected readonly hours = computed(() => hourAdherence(safe(this.byHour)?.rows ?? [], (k) => groupKeyLabel('hour', k, this.view.timezone())));
  protected readonly hourOption = computed(() => outOfAdherenceOption(this.hours()));

  /** The week of timelines before the day in view: recurring late returns, and the last shift worked. */
  protected readonly recent = rxResource({
    params: () => (this.primed() ? { agent: this.agentId(), day: this.day() } : undefined),
    stream: ({ params }) =>
      forkJoin(
        Array.from({ length: RECENT_DAYS }, (_, i) => stepDay('day', params.day, -i)).map((day) =>
          this.http.get<Timeline>(`${API_PREFIX}/timeline`, { params: { agent: params.agent, day } }).pipe(catchError(() => of(null))),
        ),
      ),
  });
  private readonly recentDays = computed(() => (safe(this.recent) ?? []).filter((t): t is Timeline => t !== null));
  protected readonly patterns = computed(() => recurringPatterns(this.recentDays(), Date.now()));
  /** The viewed day has no schedule: the latest day before it that has one. */
  protected readonly lastShift = computed(() => this.recentDays().find((t) => t.day < this.day() && t.schedule.length > 0) ?? null);
  /** Set when the home opened on a day off and moved to the last shift (the banner says so). */
  protected readonly dayOff = signal<{ day: string; text: string } | null>(null);
  protected dayLabel(day: string): string {
    return groupKeyLabel('day', day, 'UTC');
  }
  protected readonly dayOption = computed(() =>
    statusBarOption(safe(this.byDay)?.rows ?? [], 'adherencePct', (k) => groupKeyLabel('day', k, this.view.timezone())),
  );

  constructor() {
    // The home on a day off: today's page would be all "—"; show the last shift instead, and say so.
    effect(() => {
      const s = this.view.state();
      const t = this.timeline.hasValue() ? this.timeline.value() : undefined;
      const last = this.lastShift();
      if (s.period !== 'day' || s.date !== null || !t || !last) return;
      // Before the shift starts today's page is as empty as a day off: the last shift, and when today's begins.
      const first = t.schedule[0];
      const notStarted = first && t.states.length === 0 && Date.parse(first.start) > Date.now();
      if (t.schedule.length > 0 && !notStarted) return;
      const lastText = `last shift ${this.dayLabel(last.day)}`;
      const text = notStarted ? `Your shift starts at ${formatTime(first.start, t.timezone)} — ${lastText}` : `Not scheduled today — ${lastText}`;
      this.dayOff.set({ day: this.day(), text });
      this.view.patch({ date: last.day });
    });
  }

  protected err(e: unknown): string {
    return errorText(e);
  }
  protected stateText(s: string): string {
    return stateLabel(s);
  }
  protected since(iso: string): string {
    return sinceText(iso);
  }
  protected pickDay(i: number): void {
    const key = safe(this.byDay)?.rows[i]?.key;
    if (key && /^\d{4}-\d{2}-\d{2}$/.test(key)) this.view.patch({ date: key });
  }
}
