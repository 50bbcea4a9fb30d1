import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import type { HotlineCase } from '@floorwatch/contracts';
import { KpiApi } from '../../core/api/kpi-api';
import { errorText } from '../../core/api/org-api';
import { safe } from '../../shared/kpi-helpers';
import { CustomerApi } from './customer-api';

const CAUSES = ['agent', 'process', 'product', 'policy', 'system', 'expectation', 'no-fault'];

/** Team leader: CSAT / NPS per agent (n shown; muted below the minimum) and the team's open HOTLINE cases with their next step. */
@Component({
  selector: 'app-team-cases-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: ['.muted { opacity: 0.55 }', '.case { border-top: 1px solid var(--fw-border, #ddd); padding: 8px 0 }', '.overdue { color: #c62828; font-weight: 600 }'],
  template: `
    <div class="fw-grid-2">
      <section class="fw-card" aria-label="Customer satisfaction per agent">
        <header class="fw-card-head"><h2>Customer satisfaction per agent</h2><span class="fw-xs fw-muted">muted: fewer than {{ minN() }} answers</span></header>
        <!-- A phone is narrower than the five columns: the table scrolls, not the page. -->
        <div class="fw-scroll-x"><table class="fw-table fw-small">
          <thead><tr><th>Agent</th><th class="fw-num">CSAT mean</th><th class="fw-num">Top box</th><th class="fw-num">NPS</th><th class="fw-num">n</th></tr></thead>
          <tbody>
            @for (r of agents(); track r.key) {
              <tr [class.muted]="r.n < minN()">
                <td>{{ name()(r.key) }}</td>
                @if (r.n === 0) { <td colspan="3" class="fw-muted">no survey answers</td> }
                @else { <td class="fw-num">{{ fmt(r.csat) }}</td><td class="fw-num">{{ fmt(r.top) }}</td><td class="fw-num">{{ fmt(r.nps) }}</td> }
                <td class="fw-num">n = {{ r.n }}</td>
              </tr>
            }
          </tbody>
        </table></div>
      </section>
      <section class="fw-card" aria-label="Open HOTLINE cases">
        <header class="fw-card-head"><h2>HOTLINE cases</h2><span class="fw-xs fw-muted">{{ open().length }} not closed</span></header>
        @if (message()) { <p class="fw-error-text">{{ message() }}</p> }
        @for (c of open(); track c.id) {
          <div class="case">
            <div class="fw-small"><strong>{{ c.state }}</strong> · {{ name()(c.attribution?.agentId ?? '') || 'unattributed' }} · csat {{ c.csat ?? 'no answer' }}, nps {{ c.nps ?? 'no answer' }}
              @if (overdue(c)) { · <span class="overdue">overdue (48 h)</span> }</div>
            <div class="fw-small">“{{ c.comment ?? c.rules.join(', ') }}”</div>
            <div>
              @switch (c.state) {
                @case ('open') { <button type="button" class="fw-button" (click)="step(c, { to: 'acknowledged' })">Acknowledge</button> }
                @case ('acknowledged') { <button type="button" class="fw-button" (click)="step(c, { to: 'actioned', action: 'Called the customer back' })">Mark acted upon</button> }
                @case ('actioned') {
                  <select class="fw-select" aria-label="Cause" #cause>@for (k of causes; track k) { <option [value]="k">{{ k }}</option> }</select>
                  <button type="button" class="fw-button" (click)="step(c, { to: 'closed', causeCode: cause.value, resolution: 'Resolved with the customer' })">Close</button>
                }
              }
            </div>
          </div>
        } @empty { <p class="fw-small fw-muted">No open cases.</p> }
      </section>
    </div>
  `,
})
export class TeamCasesPanel {
  private readonly kpi = inject(KpiApi);
  private readonly api = inject(CustomerApi);
  readonly teamId = input.required<string>();
  readonly from = input.required<string>();
  readonly to = input.required<string>();
  readonly agentName = input<(id: string) => string>((id) => id);
  protected readonly causes = CAUSES;
  protected readonly message = signal<string | null>(null);

  protected readonly byAgent = this.kpi.resource(() => ({ scope: `team:${this.teamId()}`, by: 'agent' as const, from: this.from(), to: this.to() }));
  protected readonly cases = this.api.cases(() => ({ scope: `team:${this.teamId()}` }));
  protected readonly name = computed(() => this.agentName());
  protected readonly minN = computed(() => safe(this.byAgent)?.rows.find((r) => r.targets.csatTopBoxPct?.minResponses)?.targets.csatTopBoxPct?.minResponses ?? 30);
  protected readonly agents = computed(() =>
    (safe(this.byAgent)?.rows ?? [])
      .filter((r) => r.key !== '(none)')
      .map((r) => ({ key: r.key, csat: r.kpis.csatMean, top: r.kpis.csatTopBoxPct, nps: r.kpis.npsScore, n: r.kpis.csatResponses ?? 0 }))
      .sort((a, b) => (a.csat ?? 101) - (b.csat ?? 101)),
  );
  protected readonly open = computed(() => (safe(this.cases) ?? []).filter((c) => c.state !== 'closed'));

  protected overdue(c: HotlineCase): boolean {
    return Date.parse(c.raisedAt) + 172_800_000 <= Date.now();
  }
  /** An agent with CSAT answers but no NPS answer (the surveys ask them apart) has "No data" there, not "—". */
  protected fmt(v: number | null | undefined): string {
    return v === null || v === undefined ? 'No data' : v.toFixed(0);
  }
  protected step(c: HotlineCase, body: { to: string; action?: string; causeCode?: string; resolution?: string }): void {
    this.api.transition(c.id, body).subscribe({
      next: () => {
        this.message.set(null);
        this.cases.reload();
      },
      error: (e: unknown) => this.message.set(errorText(e)),
    });
  }
}
