import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { KpiApi } from '../../core/api/kpi-api';
import { safe, summaryRow } from '../../shared/kpi-helpers';
import { CustomerApi } from './customer-api';
import { SurveyTile } from './survey-tile';

/** Agent: own CSAT / NPS (muted with "n = …" below the minimum) and own customers' comments, newest first. */
@Component({
  selector: 'app-agent-feedback-panel',
  imports: [SurveyTile],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="fw-card" aria-label="My customers">
      <header class="fw-card-head"><h2>My customers</h2><span class="fw-xs fw-muted">Surveys about contacts you handled</span></header>
      <div class="fw-tiles" style="margin-bottom: var(--fw-space-4)">
        <app-survey-tile kpi="csatMean" label="My CSAT" [row]="row()" [loading]="summary.isLoading()" />
        <app-survey-tile kpi="csatTopBoxPct" label="My CSAT top box" [row]="row()" [loading]="summary.isLoading()" />
        <app-survey-tile kpi="npsScore" label="My NPS" [row]="row()" [loading]="summary.isLoading()" />
      </div>
      <ul class="fw-small" style="list-style: none; padding: 0; margin: 0">
        @for (f of comments(); track $index) {
          <li style="padding: 6px 0; border-top: 1px solid var(--fw-border, #ddd)">
            <span class="fw-muted">{{ f.respondedAt.slice(0, 16).replace('T', ' ') }} · {{ f.channel ?? 'channel unknown' }} · @if (f.csat === null || f.csat === undefined) { no CSAT answer } @else { csat {{ f.csat }}/{{ f.scale.max }} }@if (f.caseState) { · case {{ f.caseState }} }</span><br />“{{ f.comment }}”
          </li>
        } @empty { <li class="fw-muted">No comments from your customers in this period.</li> }
      </ul>
    </section>
  `,
})
export class AgentFeedbackPanel {
  private readonly kpi = inject(KpiApi);
  private readonly api = inject(CustomerApi);
  readonly agentId = input.required<string>();
  readonly from = input.required<string>();
  readonly to = input.required<string>();

  protected readonly summary = this.kpi.resource(() => ({ scope: `agent:${this.agentId()}`, from: this.from(), to: this.to() }));
  protected readonly feedback = this.api.feedback(() => ({ scope: `agent:${this.agentId()}`, from: this.from(), to: this.to() }));
  protected readonly row = computed(() => summaryRow(safe(this.summary)));
  protected readonly comments = computed(() => (safe(this.feedback) ?? []).filter((f) => f.comment));
}
