import { ActionsTimeline } from '../../shared/actions/actions-timeline';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { forkJoin } from 'rxjs';
import { Router } from '@angular/router';
import { isScopeError, parseScope, UNASSIGNED_SITE_ID, type GroupBy, type KpiRowWithTargets } from '@floorwatch/contracts';
import { KpiApi } from '../../core/api/kpi-api';
import { errorText } from '../../core/api/org-api';
import { AuthService } from '../../core/auth.service';
import { createLiveStore } from '../../core/live-store';
import { liveKpisOf, refetchOnLiveKpis } from '../../core/refetch-throttle';
import { BY_LABELS, DEFAULT_BY, buildCrumbs, drillInto, scopeLabel } from '../../core/drill';
import { toQueryParams } from '../../core/url-state';
import { injectViewState } from '../../core/view-state';
import { Breadcrumbs } from '../../shared/breadcrumbs';
import { KpiPanel } from '../../shared/kpi-panel';
import { SummaryTiles } from '../../shared/summary-tiles';
import { summaryRow, safe } from '../../shared/kpi-helpers';
import { PeriodSelector } from '../../shared/period-selector';
import { TargetEditor } from '../../shared/target-editor';
import { groupKeyLabel } from '../../shared/time';
import { CrossChannel } from './cross-channel';
import { CustomerManagerPanel } from '../customer/customer-manager-panel';
import { SelfServicePanel } from '../selfservice/self-service-panel';
import { CoverageHeatmap } from '../selfservice/coverage-heatmap';
import { injectFcrFallback, injectFcrRowsFallback, mergeJudgedFcr } from '../../shared/fcr-fallback';
import { MessagesList } from '../../shared/messages-list';
import { reasonLabel, reasonSiteRows } from './reason-sites';
import { groupedQuery } from './site-clock';

const TILES = ['serviceLevelPct', 'abandonRatePct', 'ahtSeconds', 'adherencePct', 'shrinkagePct', 'occupancyPct', 'fcrPct', 'handled'] as const;
const WORKFORCE = ['adherencePct', 'conformancePct', 'shrinkagePct', 'occupancyPct'] as const;
const CONTACTS = ['offered', 'handled', 'serviceLevelPct', 'abandonRatePct', 'ahtSeconds', 'asaSeconds', 'fcrPct'] as const;
const SIDEWAYS: GroupBy[] = ['reason', 'queue', 'channel', 'day', 'hour'];

/** Manager: enterprise or site KPIs with every drill-down, and cross-channel consistency. */
@Component({
  selector: 'app-manager-page',
  imports: [SummaryTiles, KpiPanel, PeriodSelector, Breadcrumbs, TargetEditor, CrossChannel, ActionsTimeline, CustomerManagerPanel, SelfServicePanel, CoverageHeatmap, MessagesList],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './manager-page.html',
})
export class ManagerPage {
  private readonly auth = inject(AuthService);
  private readonly kpiApi = inject(KpiApi);
  private readonly router = inject(Router);
  protected readonly tiles = TILES;

  /** A site manager starts at their site; an enterprise manager at the enterprise. */
  protected readonly root = computed(() => {
    const me = this.auth.me();
    // '*' is explicit enterprise reach (a manager without sites reads nothing).
    if (!me || me.roles.includes('admin') || me.siteIds.includes('*') || me.siteIds.length !== 1) return 'enterprise';
    return `site:${me.siteIds[0]}`;
  });
  protected readonly view = injectViewState(() => {
    const root = this.root();
    const p = parseScope(root);
    return { scope: root, period: 'week', by: isScopeError(p) ? 'site' : DEFAULT_BY[p.kind] };
  });
  protected readonly kind = computed(() => {
    const p = parseScope(this.view.state().scope);
    return isScopeError(p) ? 'enterprise' : p.kind;
  });
  protected readonly title = computed(() => scopeLabel(this.view.state().scope, this.view.org()));
  protected readonly crumbs = computed(() => buildCrumbs(this.view.state(), this.view.org(), this.view.timezone(), this.root()));
  protected readonly groupings = computed(() => {
    const down = this.kind() === 'agent' ? [] : [DEFAULT_BY[this.kind()]];
    return [...new Set([...down, ...SIDEWAYS])].filter((b) => !(this.kind() === 'queue' && b === 'queue'));
  });
  protected readonly columns = computed(() => {
    const by = this.view.state().by;
    if (by === 'reason' || by === 'queue' || by === 'channel') return CONTACTS;
    if (by === 'hour' || by === 'day') return [...WORKFORCE, 'serviceLevelPct', 'ahtSeconds', 'handled'];
    // selfservice.md screens: transfer rate and agent hang-ups in the site / team tables.
    return [...WORKFORCE, 'serviceLevelPct', 'ahtSeconds', 'handled', 'fcrPct', 'transferRatePct', 'agentDisconnectPct'];
  });

  private readonly base = computed(() => ({ scope: this.view.state().scope, from: this.view.period().from, to: this.view.period().to, tz: this.view.timezone() }));
  protected readonly summary = this.kpiApi.resource(() => this.base());
  protected readonly fcrFallback = injectFcrFallback(this.summary, () => this.base(), this.view.timezone);
  /**
   * Sites span time zones at enterprise scope: hours and days go without a tz so the API buckets
   * each site's contacts and time in that site's own clock ("13:00" is 13:00 in London, Manila and
   * Chicago alike; "Fri 4 Dec" is each site's own Friday), never the UTC hour or day that mixes
   * three sites' mornings and evenings. The period's UTC-midnight ends name its days, which the
   * API reads as each site's local days (kpi/site-local-days.ts), so a day row restricted to one
   * site is that site's own day row one click down.
   */
  protected readonly mixedZones = computed(() => new Set((this.view.org()?.sites ?? []).map((s) => s.timezone)).size > 1 && this.kind() === 'enterprise');
  protected readonly grouped = this.kpiApi.resource(() => {
    const by = this.view.state().by;
    if (!by) return undefined;
    return groupedQuery(this.base(), by, this.mixedZones());
  });
  /** Abandons belong to queues: below queue level (team, agent) the rate is "n/a", not a green 0 %. */
  protected readonly tileOverrides = computed(() => {
    const fcr = this.fcrFallback();
    const k = this.kind();
    if (k !== 'team' && k !== 'agent') return fcr;
    return { ...fcr, abandonRatePct: { value: null, target: null, note: 'abandons belong to queues', text: 'n/a' } };
  });
  protected readonly row = computed(() => summaryRow(safe(this.summary)));
  /**
   * The live room for the scope in view (the server has no queue rooms: a queue follows its
   * site). Live tiles are today-so-far while the page shows any period, so their values are not
   * pasted onto the tiles: a kpi delta only triggers a re-fetch of the summary (≤ once per 30 s,
   * and only when the period reaches now), so value and target colour always come together.
   */
  protected readonly liveScope = computed(() => {
    const scope = this.view.state().scope;
    const p = parseScope(scope);
    if (isScopeError(p) || p.kind !== 'queue') return scope;
    const site = this.view.org()?.queues.find((q) => q.id === p.id)?.siteId;
    return site ? `site:${site}` : null;
  });
  protected readonly live = createLiveStore(() => {
    const s = this.liveScope();
    return s ? [s] : [];
  });

  constructor() {
    refetchOnLiveKpis(
      () => ({ scope: this.liveScope(), tiles: liveKpisOf(this.live.state(), this.liveScope()) }),
      () => {
        const { from, to } = this.view.period();
        const now = Date.now();
        if (Date.parse(from) <= now && now < Date.parse(to)) this.summary.reload();
      },
    );
  }
  /**
   * By reason the API also returns aux reasons (aux:break…: time, no contacts); in a table of
   * contact KPIs they are rows of dashes, so rows with nothing in any shown column are left out.
   */
  private readonly groupedFcr = injectFcrRowsFallback(this.grouped, () => {
    const by = this.view.state().by;
    return by ? groupedQuery(this.base(), by, this.mixedZones()) : undefined;
  }, this.view.timezone);
  protected readonly fcrNote = computed(() => ({ fcrPct: this.groupedFcr().note }));
  protected readonly groupedRows = computed(() => {
    const cols = this.columns();
    return this.groupedFcr().rows.filter((r) => cols.some((c) => (r.kpis as Record<string, number | null>)[c] !== null && (r.kpis as Record<string, number | null>)[c] !== 0));
  });
  /** Enterprise by reason: a call type spans the sites, so each row opens onto its sites' figures. */
  private readonly breakdownSites = computed(() => (this.view.org()?.sites ?? []).filter((s) => s.id !== UNASSIGNED_SITE_ID));
  protected readonly reasonExpandable = computed(() => this.view.state().by === 'reason' && this.kind() === 'enterprise' && this.breakdownSites().length > 1);
  /**
   * Each site's by-reason answer for the period, and (when the FCR column falls back) for the
   * judged window, asked for separately and merged here: the judged window arrives after the rows,
   * and neither answer waits on the other.
   */
  private readonly periodKey = computed(() => `${this.base().from}|${this.base().to}`);
  private readonly judgedKey = computed(() => {
    const w = this.groupedFcr().window;
    return w ? `${w.from}|${w.to}` : null;
  });
  private readonly siteAnswers = signal<{ forKey: string; rows: Record<string, readonly KpiRowWithTargets[]> } | null>(null);
  private readonly siteJudged = signal<{ forKey: string; rows: Record<string, readonly KpiRowWithTargets[]> } | null>(null);
  private readonly expanded = signal(false);
  protected readonly reasonSubRows = computed(() => {
    const own = this.siteAnswers();
    if (!own || own.forKey !== this.periodKey()) return null;
    const jk = this.judgedKey();
    const judged = this.siteJudged();
    const j = jk && judged?.forKey === jk ? judged.rows : null;
    const sites = this.breakdownSites().map((s) => ({ siteId: s.id, siteName: s.name, rows: j ? mergeJudgedFcr(own.rows[s.id] ?? [], j[s.id] ?? []) : (own.rows[s.id] ?? []) }));
    return reasonSiteRows(sites, this.columns());
  });
  /** After the first expand, the period's and the judged window's site answers follow their keys. */
  private readonly askSites = effect(() => {
    if (!this.expanded() || !this.reasonExpandable()) return;
    const pk = this.periodKey();
    const jk = this.judgedKey();
    untracked(() => {
      if (this.siteAnswers()?.forKey !== pk) this.askEachSite(pk, this.base(), this.siteAnswers);
      const w = this.groupedFcr().window;
      if (jk && w && this.siteJudged()?.forKey !== jk) this.askEachSite(jk, w, this.siteJudged);
    });
  });
  private readonly asked = new Set<string>();
  private askEachSite(forKey: string, win: { from: string; to: string }, into: typeof this.siteAnswers): void {
    const tag = `${into === this.siteAnswers ? 'p' : 'j'}|${forKey}`;
    if (this.asked.has(tag)) return;
    this.asked.add(tag);
    const sites = this.breakdownSites();
    forkJoin(sites.map((s) => this.kpiApi.get({ scope: `site:${s.id}`, from: win.from, to: win.to, by: 'reason' }))).subscribe({
      next: (results) => into.set({ forKey, rows: Object.fromEntries(sites.map((s, i) => [s.id, results[i].rows])) }),
      error: () => into.set({ forKey, rows: {} }),
    });
  }
  /** One by-reason answer per site, asked for on the first expand of the period (not on every page open). */
  protected loadReasonSites(): void {
    this.expanded.set(true);
  }
  protected readonly drillable = computed(() => {
    const by = this.view.state().by;
    return by === 'site' || by === 'team' || by === 'agent' || by === 'queue' || by === 'day';
  });
  protected readonly rowLabel = computed(() => {
    const by = this.view.state().by;
    const org = this.view.org();
    const tz = this.view.timezone();
    return (key: string): string => {
      if (by === 'site' || by === 'team' || by === 'agent' || by === 'queue') return scopeLabel(`${by}:${key}`, org);
      // A reason is keyed across sites (a queue_log queue's id without its site prefix); a queue
      // id is left only for a queue outside the site pattern (unassigned): show its name then.
      if (by === 'reason') return org?.queues.find((q) => q.id === key)?.name ?? reasonLabel(key);
      return groupKeyLabel(by, key, tz);
    };
  });
  protected readonly panelTitle = computed(() => {
    const by = this.view.state().by;
    const zone = this.mixedZones() && by === 'hour' ? " (each site's local time)" : this.mixedZones() && by === 'day' ? " (each site's local day)" : '';
    return by ? `${this.title()} ${BY_LABELS[by]}${zone}` : this.title();
  });
  protected readonly targetScopes = computed(() => {
    const org = this.view.org();
    const me = this.auth.me();
    const siteIds = me?.roles.includes('admin') || me?.siteIds.includes('*') ? (org?.sites ?? []).map((s) => s.id) : (me?.siteIds ?? []);
    const sites = siteIds.map((id) => ({ scope: `site:${id}`, label: `Site · ${scopeLabel(`site:${id}`, org)}` }));
    const queues = (org?.queues ?? []).filter((q) => siteIds.includes(q.siteId)).map((q) => ({ scope: `queue:${q.id}`, label: `Queue · ${q.name}` }));
    const ent = this.root() === 'enterprise' ? [{ scope: 'enterprise', label: 'Enterprise' }] : [];
    const current = this.view.state().scope;
    const all = [...ent, ...sites, ...queues];
    // The scope in view first, so "set a target here" is one click.
    return [...all.filter((o) => o.scope === current), ...all.filter((o) => o.scope !== current)];
  });

  protected byLabel(b: GroupBy): string {
    return BY_LABELS[b].replace(/^by /, '');
  }
  protected err(e: unknown): string | null {
    return e ? errorText(e) : null;
  }
  protected drill(key: string): void {
    const d = drillInto(this.view.state(), key);
    if (!d) return;
    if (d.route) void this.router.navigate([d.route], { queryParams: toQueryParams(d.state) });
    else this.view.go(d.state);
  }
}
