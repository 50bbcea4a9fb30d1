import { safe } from '../../shared/kpi-helpers';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import type { OrgView, ScheduleChangeRequest } from '@floorwatch/contracts';
import { ScheduleRequestsApi } from '../../core/api/schedule-requests-api';
import { errorText } from '../../core/api/org-api';
import { LoadState } from '../../shared/load-state';
import { StatusBadge } from '../../shared/status-badge';

/** Pending schedule-change requests of the team, to approve or decline. */
@Component({
  selector: 'app-requests-panel',
  imports: [LoadState, StatusBadge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `li { display: flex; gap: var(--fw-space-3); align-items: center; flex-wrap: wrap; } .what { flex: 1; min-width: 200px; }`,
  template: `
    @if (res.error()) {
      <app-load-state kind="error" [message]="err(res.error())" (retry)="res.reload()" />
    } @else if (pending().length === 0 && decided().length === 0) {
      <app-load-state kind="empty" message="No schedule-change requests." />
    } @else {
      <ul class="fw-list">
        @for (r of pending(); track r.id) {
          <li>
            <app-status-badge status="amber" text="Pending" />
            <span class="what"><strong>{{ name(r.agentId) }}</strong> · {{ r.day }}@if (r.activity) { · {{ r.activity }} }@if (r.shiftMinutes) { · move {{ r.shiftMinutes > 0 ? '+' : '' }}{{ r.shiftMinutes }} min }
              <br /><span class="fw-small fw-muted">{{ r.description }}</span></span>
            <button type="button" class="fw-btn sm primary" [disabled]="busy() === r.id" (click)="decide(r, 'approved')">✓ Approve</button>
            <button type="button" class="fw-btn sm danger" [disabled]="busy() === r.id" (click)="decide(r, 'declined')">✕ Decline</button>
          </li>
        }
        @for (r of decided(); track r.id) {
          <li class="fw-small">
            <app-status-badge [status]="r.status === 'approved' ? 'green' : 'red'" [text]="r.status" />
            <span class="what">{{ name(r.agentId) }} · {{ r.day }} — {{ r.description }}</span>
          </li>
        }
      </ul>
      @if (error()) { <p class="fw-error-text" role="alert">{{ error() }}</p> }
    }
  `,
})
export class RequestsPanel {
  private readonly api = inject(ScheduleRequestsApi);
  readonly org = input<OrgView | null>(null);
  protected readonly res = this.api.resource();
  protected readonly busy = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly pending = computed(() => (safe(this.res) ?? []).filter((r) => r.status === 'pending'));
  protected readonly decided = computed(() =>
    (safe(this.res) ?? []).filter((r) => r.status !== 'pending').sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, 5),
  );

  protected name(id: string): string {
    return this.org()?.agents.find((a) => a.id === id)?.name ?? id;
  }
  protected err(e: unknown): string {
    return errorText(e);
  }
  protected decide(r: ScheduleChangeRequest, decision: 'approved' | 'declined'): void {
    this.busy.set(r.id);
    this.error.set(null);
    this.api.decide(r.id, decision).subscribe({
      next: () => {
        this.busy.set(null);
        this.res.reload();
      },
      error: (e: unknown) => {
        this.busy.set(null);
        this.error.set(errorText(e));
      },
    });
  }
}
