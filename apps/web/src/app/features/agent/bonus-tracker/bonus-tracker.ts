import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { ActionApi, type BonusView } from '../../../core/api/action-api';

const STATUS: Record<BonusView['bonusStatus'], { label: string; cls: string }> = {
  secured: { label: 'Secured', cls: 'fw-status-green' },
  onTrack: { label: 'On track', cls: 'fw-status-green' },
  atRisk: { label: 'At risk', cls: 'fw-status-amber' },
  unreachable: { label: 'Out of reach', cls: 'fw-status-red' },
  met: { label: 'Met', cls: 'fw-status-green' },
  missed: { label: 'Missed', cls: 'fw-status-red' },
};

/** "98 % needed for the rest of the quarter": the agent's adherence bonus tracker (spec/action.md). */
@Component({
  selector: 'app-bonus-tracker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .row { display: flex; align-items: baseline; gap: var(--fw-space-4, 16px); flex-wrap: wrap; }
    .big { font-size: 28px; font-weight: 700; }
    .bar { position: relative; height: 10px; background: #e8edf4; border-radius: 5px; margin-top: 8px; }
    .fill { position: absolute; inset: 0 auto 0 0; border-radius: 5px; background: #5b8bd6; }
    .mark { position: absolute; top: -4px; width: 2px; height: 18px; background: #1c2533; }
  `,
  template: `
    @if (res.value(); as b) {
      <section class="fw-card" data-testid="bonus-tracker">
        <h2 class="fw-h3">Adherence bonus · {{ period(b) }}</h2>
        <div class="row">
          <span class="fw-pill" [class]="status(b).cls">{{ status(b).label }}</span>
          <span><span class="big">{{ pct(b.periodToDate) }}</span> so far (target {{ b.target }} %)</span>
          @if (b.requiredRestPct !== null) {
            <span>
              @if (b.requiredRestPct <= 0) { Bonus secured whatever the rest of the period brings. }
              @else if (b.requiredRestPct > 100) { {{ pct(b.requiredRestPct) }} would be needed: out of reach this period. }
              @else { <strong>{{ pct(b.requiredRestPct) }}</strong> needed for the rest of the {{ kind(b) }}. }
            </span>
          }
        </div>
        <div class="bar" aria-hidden="true">
          <div class="fill" [style.width.%]="clamp(b.periodToDate)"></div>
          <div class="mark" [style.left.%]="clamp(b.target)"></div>
        </div>
      </section>
    }
  `,
})
export class BonusTracker {
  private readonly api = inject(ActionApi);
  readonly agentId = input.required<string>();
  readonly timezone = input('UTC');
  protected readonly res = this.api.bonus(() => this.agentId() || undefined);
  protected readonly statusOf = computed(() => this.res.value()?.bonusStatus);

  protected status(b: BonusView) {
    return STATUS[b.bonusStatus];
  }
  protected pct(v: number | null): string {
    return v === null ? '–' : `${v.toFixed(1)} %`;
  }
  protected clamp(v: number | null): number {
    return Math.max(0, Math.min(100, v ?? 0));
  }
  protected kind(b: BonusView): string {
    const months = (Date.parse(b.periodEnd) - Date.parse(b.periodStart)) / (30 * 86_400_000);
    return months > 2 ? 'quarter' : 'month';
  }
  protected period(b: BonusView): string {
    // Site-local dates: the quarter starts at local midnight, not UTC's.
    const day = new Intl.DateTimeFormat('en-GB', { timeZone: this.timezone(), day: 'numeric', month: 'short', year: 'numeric' });
    return `${day.format(new Date(b.periodStart))} – ${day.format(new Date(Date.parse(b.periodEnd) - 1))}`;
  }
}
