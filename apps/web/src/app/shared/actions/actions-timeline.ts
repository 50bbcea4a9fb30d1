import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { ActionApi, type ActionView } from '../../core/api/action-api';
import { DateField, formatDay } from '../date-field';
import { kpiLabel } from '../format';
import { OrgApi } from '../../core/api/org-api';
import { scopeLabel } from '../../core/drill';

const COACHING_KPIS = ['acwSeconds', 'ahtSeconds', 'handled', 'adherencePct', 'fcrPct'];

/** "▲ 280 → 340 (+60)" with its colour: green when it moved the right way, red when not, grey pending. */
export function effectText(a: Pick<ActionView, 'effect'>): { text: string; cls: string } {
  const e = a.effect;
  const f = (v: number | null) => (v === null ? '–' : Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1));
  if (e.effectStatus === 'pending') return { text: `${f(e.before)} → pending`, cls: 'fw-status-none' };
  const d = e.delta === null ? '' : ` (${e.delta > 0 ? '+' : ''}${f(e.delta)})`;
  return { text: `${f(e.before)} → ${f(e.after)}${d}`, cls: e.improved === true ? 'fw-status-green' : e.improved === false ? 'fw-status-red' : 'fw-status-none' };
}

/**
 * "What we did": the corrective actions on a scope and under it, newest first, each with its
 * measured effect (before → after, coloured by direction); with `coaching`, the team leader's
 * form that records a coaching session as an action (its effect shows once the window is over).
 */
@Component({
  selector: 'app-actions-timeline',
  imports: [FormsModule, RouterLink, DateField],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    ol { list-style: none; padding: 0; margin: 0; display: grid; gap: 8px; }
    li { display: grid; grid-template-columns: 92px 1fr auto; gap: 8px; align-items: baseline; border-left: 3px solid #c7d6ef; padding-left: 8px; }
    .when { font-size: 12px; color: #5b6675; }
    .what { font-size: 14px; }
    .meta { font-size: 12px; color: #5b6675; }
    form { display: flex; gap: 8px; flex-wrap: wrap; align-items: end; margin-bottom: 12px; }
    label { display: grid; gap: 2px; font-size: 12px; }
    .grow { flex: 1 1 220px; }
    li.empty { border-left-color: transparent; }
  `,
  template: `
    <section class="fw-card" data-testid="actions-timeline">
      <h2 class="fw-h3">What we did <a class="fw-xs" routerLink="/training" style="font-weight:400; margin-left:8px">training effectiveness →</a></h2>
      @if (coaching()) {
        <form (ngSubmit)="create()" aria-label="Record a coaching session">
          <label>Agent
            <select name="who" [(ngModel)]="who">
              <option value="" disabled>Choose…</option>
              @for (o of agentOptions(); track o.scope) { <option [value]="o.scope">{{ o.label }}</option> }
            </select>
          </label>
          <label>KPI
            <select name="kpi" [(ngModel)]="kpi">
              @for (k of kpis; track k) { <option [value]="k">{{ kpiName(k) }}</option> }
            </select>
          </label>
          <label class="grow">Coaching note <input name="desc" [(ngModel)]="description" placeholder="e.g. ACW: wrap-up codes and notes during the call" /></label>
          <label>Follow up by <app-date-field label="Follow up by" [value]="due" [min]="today" (valueChange)="due = $event" /></label>
          <button type="submit" class="fw-btn sm" [disabled]="!description || !who">Record coaching</button>
        </form>
        @if (error()) { <p class="fw-small fw-status-red">{{ error() }}</p> }
      }
      <ol>
        @for (a of rows(); track a.id) {
          <li>
            <span class="when">{{ day(a.effectiveAt) }}</span>
            <span>
              <span class="what"><span class="fw-pill">{{ a.causeCode }}</span> {{ a.description }}</span>
              <div class="meta">{{ scopeName(a.scope) }} · {{ kpiName(a.kpi) }} · {{ a.owner }} · {{ a.status }}@if (a.overdue) { · <strong class="fw-status-red">overdue</strong> }</div>
            </span>
            <span class="fw-pill" [class]="effect(a).cls" [title]="'7 days before against 7 days after'">{{ effect(a).text }}</span>
          </li>
        } @empty {
          <!-- Not "none" while the list is still on its way (it can queue behind the page's other panels). -->
          <li class="empty"><span></span><span class="meta">{{ res.error() ? 'Could not load the actions.' : res.isLoading() ? 'Loading…' : 'No actions recorded yet.' }}</span><span></span></li>
        }
      </ol>
    </section>
  `,
})
export class ActionsTimeline {
  private readonly api = inject(ActionApi);
  readonly scope = input.required<string>();
  readonly coaching = input(false);
  readonly agentOptions = input<{ scope: string; label: string }[]>([]);
  protected readonly kpis = COACHING_KPIS;
  protected who = '';
  protected kpi = 'acwSeconds';
  protected description = '';
  protected readonly today = new Date().toISOString().slice(0, 10);
  protected due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  private readonly org = inject(OrgApi).org;
  protected readonly kpiName = kpiLabel;
  protected day(iso: string): string {
    return formatDay(iso.slice(0, 10));
  }
  protected scopeName(scope: string): string {
    return scopeLabel(scope, this.org());
  }
  protected readonly error = signal<string | null>(null);
  protected readonly res = this.api.actions(() => this.scope() || undefined);
  protected readonly rows = computed(() => (this.res.hasValue() ? (this.res.value() ?? []) : []));

  protected effect(a: ActionView) {
    return effectText(a);
  }

  protected create(): void {
    this.error.set(null);
    this.api.createAction({ kpi: this.kpi, scope: this.who, causeCode: 'coaching', description: this.description, dueAt: `${this.due}T00:00:00Z` }).subscribe({
      next: () => {
        this.description = '';
        this.res.reload();
      },
      error: (e: { error?: { message?: string } }) => this.error.set(e.error?.message ?? 'could not record the coaching'),
    });
  }
}
