import { ActionsTimeline } from '../../shared/actions/actions-timeline';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import { forkJoin, map, of } from 'rxjs';
import type { KpiApiResult } from '@floorwatch/contracts';
import { KpiApi } from '../../core/api/kpi-api';
import { errorText } from '../../core/api/org-api';
import { AuthService } from '../../core/auth.service';
import { buildCrumbs, drillInto, scopeLabel } from '../../core/drill';
import { createLiveStore } from '../../core/live-store';
import { resolvePeriod, toQueryParams } from '../../core/url-state';
import { injectViewState } from '../../core/view-state';
import { Breadcrumbs } from '../../shared/breadcrumbs';
import { injectClock } from '../../shared/clock';
import { KpiPanel } from '../../shared/kpi-panel';
import { SummaryTiles } from '../../shared/summary-tiles';
import { summaryRow, safe } from '../../shared/kpi-helpers';
import { LiveAgents } from '../../shared/live-agents';
import { LoadState } from '../../shared/load-state';
import { PeriodSelector } from '../../shared/period-selector';
import { SendMessageForm } from '../../shared/send-message-form';
import { TargetEditor } from '../../shared/target-editor';
import { RequestsPanel } from './requests-panel';
import { TeamCasesPanel } from '../customer/team-cases-panel';
import { agentRows, offAgents, teamAverage } from './team-rows';
import { injectFcrFallback, injectFcrRowsFallback } from '../../shared/fcr-fallback';
import { MessagesList } from '../../shared/messages-list';

const TILES = ['adherencePct', 'conformancePct', 'ahtSeconds', 'handled', 'fcrPct', 'occupancyPct', 'shrinkagePct'] as const;
/** ACW beside AHT: a leader coaching new hires needs to see where their handle time goes; transfers, hang-ups and short calls (selfservice.md §4) show who passes customers on or cuts them off. */
const COLUMNS = ['adherencePct', 'conformancePct', 'ahtSeconds', 'acwSeconds', 'handled', 'fcrPct', 'occupancyPct', 'auxSeconds', 'transferRatePct', 'agentDisconnectPct', 'shortHandledPct'] as const;
/** More agents than this and the per-agent trend requests cost more than the trend is worth. */
const MAX_SPARK_AGENTS = 40;

@Component({
  selector: 'app-team-page',
  imports: [SummaryTiles, KpiPanel, PeriodSelector, Breadcrumbs, LiveAgents, LoadState, TargetEditor, SendMessageForm, RequestsPanel, ActionsTimeline, TeamCasesPanel, MessagesList],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './team-page.html',
})
export class TeamPage {
  private readonly auth = inject(AuthService);
  private readonly kpiApi = inject(KpiApi);
  private readonly router = inject(Router);
  protected readonly tiles = TILES;
  protected readonly columns = COLUMNS;
  protected readonly now = injectClock();

  protected readonly view = injectViewState(() => ({ scope: `team:${this.auth.me()?.teamIds[0] ?? 'none'}`, period: 'day', by: 'agent' }));
  protected readonly teamId = computed(() => this.view.state().scope.replace(/^team:/, ''));
  protected readonly teams = computed(() => {
    const ids = this.auth.me()?.teamIds ?? [];
    return ids.map((id) => ({ id, name: scopeLabel(`team:${id}`, this.view.org()) }));
  });
  protected readonly title = computed(() => scopeLabel(this.view.state().scope, this.view.org()));
  protected readonly crumbs = computed(() => {
    const root = this.auth.me()?.roles.some((r) => r === 'manager' || r === 'admin') ? 'enterprise' : this.view.state().scope;
    return buildCrumbs(this.view.state(), this.view.org(), this.view.timezone(), root);
  });
  protected readonly agents = computed(() => (this.view.org()?.agents ?? []).filter((a) => a.teamId === this.teamId()));
  protected readonly agentOptions = computed(() => this.agents().map((a) => ({ scope: `agent:${a.id}`, label: a.name })));
  protected readonly targetScopes = computed(() => [{ scope: `team:${this.teamId()}`, label: `${this.title()} (team)` }, ...this.agentOptions()]);

  private readonly base = computed(() => ({ scope: this.view.state().scope, from: this.view.period().from, to: this.view.period().to, tz: this.view.timezone() }));
  protected readonly summary = this.kpiApi.resource(() => this.base());
  protected readonly fcrFallback = injectFcrFallback(this.summary, () => this.base(), this.view.timezone);
  protected readonly byAgent = this.kpiApi.resource(() => ({ ...this.base(), by: 'agent' as const }));
  protected readonly row = computed(() => summaryRow(safe(this.summary)));
  private readonly byAgentFcr = injectFcrRowsFallback(this.byAgent, () => ({ ...this.base(), by: 'agent' as const }), this.view.timezone);
  protected readonly fcrNote = computed(() => ({ fcrPct: this.byAgentFcr().note }));
  protected readonly tableRows = computed(() => (safe(this.byAgent) ? agentRows(this.byAgentFcr().rows, this.agents().map((a) => a.id)) : []));
  protected readonly offKeys = computed(() => offAgents(this.tableRows()));
  /** The team-average FCR is the team's judged figure while the period's own is pending, as in the column above it. */
  protected readonly average = computed(() => {
    const row = this.row();
    const fcr = this.fcrFallback()['fcrPct'];
    const judged = row && fcr ? ({ ...row, kpis: { ...row.kpis, fcrPct: fcr.value ?? null } } as typeof row) : row;
    return teamAverage(judged, this.tableRows().length - this.offKeys().length);
  });

  /** Adherence by day per agent over the period (a single day shows its week). */
  protected readonly trend = rxResource({
    params: () => {
      const s = this.view.state();
      const p = s.period === 'day' ? resolvePeriod({ ...s, period: 'week' }, this.view.timezone()) : this.view.period();
      const ids = (safe(this.byAgent)?.rows ?? []).map((r) => r.key).slice(0, MAX_SPARK_AGENTS);
      return { ids, from: p.from, to: p.to, tz: this.view.timezone() };
    },
    stream: ({ params }) => {
      if (params.ids.length === 0) return of({} as Record<string, (number | null)[]>);
      const calls = params.ids.map((id) =>
        this.kpiApi.get({ scope: `agent:${id}`, from: params.from, to: params.to, by: 'day', tz: params.tz }).pipe(
          map((r: KpiApiResult) => [id, r.rows.map((x) => x.kpis.adherencePct)] as const),
        ),
      );
      return forkJoin(calls).pipe(map((pairs) => Object.fromEntries(pairs) as Record<string, (number | null)[]>));
    },
  });

  protected readonly live = createLiveStore(() => [this.view.state().scope]);
  protected readonly exceptionCount = computed(() => Object.keys(this.live.state().exceptions).length);

  protected readonly agentName = (key: string): string => this.view.org()?.agents.find((a) => a.id === key)?.name ?? key;

  protected err(e: unknown): string | null {
    return e ? errorText(e) : null;
  }
  protected openAgent(id: string): void {
    const d = drillInto({ ...this.view.state(), by: 'agent' }, id);
    if (d) void this.router.navigate([d.route ?? '/agent'], { queryParams: toQueryParams(d.state) });
  }
  protected pickTeam(e: Event): void {
    this.view.patch({ scope: `team:${(e.target as HTMLSelectElement).value}` });
  }
}
