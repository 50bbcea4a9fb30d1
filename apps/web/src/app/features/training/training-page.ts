import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { API_PREFIX, type ActivityDid as Did, type ActivityEffectResult } from '@floorwatch/contracts';
import { AuthService } from '../../core/auth.service';
import { OrgApi } from '../../core/api/org-api';
import { DateField } from '../../shared/date-field';

const KPIS: { key: string; label: string; better: 'lower' | 'higher' }[] = [
  { key: 'ahtSeconds', label: 'AHT (s)', better: 'lower' },
  { key: 'adherencePct', label: 'Adherence (%)', better: 'higher' },
  { key: 'handledPerDay', label: 'Handled / day', better: 'higher' },
  { key: 'fcrPct', label: 'FCR (%)', better: 'higher' },
];

/** Training effectiveness for managers (spec/action.md): by course, DiD per KPI against a control group, payback. */
@Component({
  selector: 'app-training-page',
  imports: [FormsModule, DateField],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    table { width: 100%; border-collapse: collapse; font-size: 14px; }
    th, td { padding: 6px 8px; border-bottom: 1px solid #e3e8ef; text-align: right; }
    th:first-child, td:first-child { text-align: left; }
    .good { color: #1a7f43; font-weight: 600; }
    .bad { color: #b42318; font-weight: 600; }
    .sub { display: block; font-size: 11px; color: #5b6675; font-weight: 400; }
    .controls { display: flex; gap: 12px; align-items: end; flex-wrap: wrap; margin-bottom: 12px; }
    label { display: grid; gap: 2px; font-size: 12px; }
  `,
  template: `
    <div class="fw-page">
      <h1 class="fw-h1">Training &amp; coaching effectiveness</h1>
      <p class="fw-muted">Each course against team mates without it over the same {{ days() }} working days before and after: difference-in-differences, cost and payback.</p>
      <section class="fw-card">
        <div class="controls">
          <label>Scope
            <select name="scope" data-testid="training-scope" [ngModel]="scope()" (ngModelChange)="scope.set($event)">
              @for (o of scopes(); track o.value) { <option [value]="o.value">{{ o.label }}</option> }
            </select>
          </label>
          <label>Courses starting from <app-date-field label="Courses starting from" [value]="from()" [max]="to()" (valueChange)="from.set($event)" /></label>
          <label>to <app-date-field label="Courses starting to" [value]="to()" [min]="from()" (valueChange)="to.set($event)" /></label>
          <label>By <select name="by" [ngModel]="by()" (ngModelChange)="by.set($event)"><option value="name">course</option><option value="agent">agent</option></select></label>
          <label>Working days before / after
            <select name="days" data-testid="training-days" [ngModel]="days()" (ngModelChange)="days.set(+$event)">
              @for (d of dayChoices; track d) { <option [ngValue]="d">{{ d }}</option> }
            </select>
          </label>
        </div>
        @if (res.error()) {
          <p class="fw-status-red">Could not load: {{ errorText() }}</p>
        } @else if (res.isLoading()) {
          <p class="fw-muted">Loading…</p>
        } @else {
          @if (unmeasured() > 0) {
            <p class="fw-small fw-muted" data-testid="training-unmeasured">
              {{ unmeasured() }} of {{ rows().length }} {{ by() === 'name' ? 'courses' : 'agents' }} have no difference-in-differences yet (No data):
              the after window must be over ({{ days() }} working days after the end), an agent needs {{ days() }} working days before the start,
              a side 30 contacts, and a team mate without the activity is the control. Fewer working days measure a shorter history.
            </p>
          }
          <table data-testid="training-effect">
            <thead><tr><th>{{ by() === 'name' ? 'Course' : 'Agent' }}</th><th>Agents</th><th>Control</th><th>Paid h</th><th>Cost</th>
              @for (k of kpis; track k.key) { <th>{{ k.label }}<span class="sub">DiD</span></th> }
              <th>Benefit / day</th><th>Payback</th></tr></thead>
            <tbody>
              @for (r of rows(); track r.key) {
                <tr>
                  <td>{{ r.key }} @if (r.pending) { <span class="sub">after window not complete</span> }</td>
                  <td>{{ r.agents }}</td><td>{{ r.controlAgents }}</td><td>{{ (r.paidSeconds / 3600).toFixed(1) }}</td><td>{{ r.trainingCost.toFixed(0) }}</td>
                  @for (k of kpis; track k.key) {
                    <td [class]="cls(r.kpis[k.key], k.better)">
                      @if (r.kpis[k.key]?.did == null) { <span class="fw-muted">No data</span> } @else { {{ signed(r.kpis[k.key]?.did ?? null) }} }
                      @if (r.kpis[k.key]?.before != null && r.kpis[k.key]?.after != null) {
                        <span class="sub">{{ n(r.kpis[k.key]?.before ?? null) }} → {{ n(r.kpis[k.key]?.after ?? null) }}</span>
                      }</td>
                  }
                  <td>@if (r.dailyBenefit === null) { <span class="fw-muted">No data</span> } @else { {{ r.dailyBenefit.toFixed(0) }} }</td>
                  <td>@if (r.paybackDays === null) { <span class="fw-muted">No data</span> } @else { {{ r.paybackDays.toFixed(1) }} d }</td>
                </tr>
              } @empty {
                <tr><td [attr.colspan]="7 + kpis.length" class="fw-muted">No training or coaching starts in this period.</td></tr>
              }
            </tbody>
          </table>
        }
      </section>
    </div>
  `,
})
export class TrainingPage {
  private readonly auth = inject(AuthService);
  private readonly orgApi = inject(OrgApi);
  protected readonly kpis = KPIS;
  protected readonly days = signal(10);
  protected readonly dayChoices = [1, 2, 3, 5, 10, 15, 20];
  protected readonly scope = signal(this.defaultScope());
  protected readonly from = signal(new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10));
  protected readonly to = signal(new Date(Date.now() + 86_400_000).toISOString().slice(0, 10));
  protected readonly by = signal<'name' | 'agent'>('name');
  protected readonly res = httpResource<ActivityEffectResult>(() => ({
    url: `${API_PREFIX}/activity-effect`,
    params: { scope: this.scope(), from: this.from(), to: this.to(), by: this.by(), days: String(this.days()) },
  }));
  protected readonly rows = computed(() => (this.res.hasValue() ? (this.res.value()?.rows ?? []) : []));
  /** Rows without a single DiD (pending, or too little history, contacts or control): the reasons are told above the table. */
  protected readonly unmeasured = computed(() => this.rows().filter((r) => Object.values(r.kpis).every((d) => d?.did === null || d?.did === undefined)).length);
  protected readonly errorText = computed(() => (this.res.error() as { error?: { message?: string } } | undefined)?.error?.message ?? 'error');

  constructor() {
    void this.orgApi.load();
  }

  /** What the user may read: the enterprise (all sites), then each site and team of their org view. */
  protected readonly scopes = computed(() => {
    const me = this.auth.me();
    const everything = !!me && (me.siteIds.includes('*') || me.roles.some((r) => r === 'admin' || r === 'control_desk'));
    const out = everything ? [{ value: 'enterprise', label: 'Whole enterprise' }] : [];
    if (everything || me?.roles.includes('manager')) for (const s of this.orgApi.sites()) out.push({ value: `site:${s.id}`, label: s.name });
    for (const t of this.orgApi.org()?.teams ?? []) out.push({ value: `team:${t.id}`, label: `· ${t.name}` });
    if (!out.some((o) => o.value === this.scope())) out.unshift({ value: this.scope(), label: this.scope() });
    return out;
  });

  private defaultScope(): string {
    const me = this.auth.me();
    if (me?.roles.includes('team_leader') && me.teamIds[0] && me.teamIds[0] !== '*') return `team:${me.teamIds[0]}`;
    // A manager of every site ('*') sees the enterprise first, a manager of one site that site.
    if (me?.roles.includes('manager') && me.siteIds.length === 1 && me.siteIds[0] !== '*') return `site:${me.siteIds[0]}`;
    return 'enterprise';
  }
  protected n(v: number | null): string {
    return v === null ? '–' : Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1);
  }
  protected signed(v: number | null): string {
    return v === null ? '–' : `${v > 0 ? '+' : ''}${this.n(v)}`;
  }
  protected cls(d: Did | undefined, better: 'lower' | 'higher'): string {
    if (!d || d.did === null || d.did === 0) return '';
    return (better === 'lower' ? d.did < 0 : d.did > 0) ? 'good' : 'bad';
  }
}
