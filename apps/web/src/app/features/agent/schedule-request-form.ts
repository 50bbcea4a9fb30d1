import { safe } from '../../shared/kpi-helpers';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { ScheduleRequestsApi } from '../../core/api/schedule-requests-api';
import { errorText } from '../../core/api/org-api';
import { StatusBadge } from '../../shared/status-badge';
import { DateField, formatDay } from '../../shared/date-field';

const STATUS = { pending: 'amber', approved: 'green', declined: 'red' } as const;

/** An agent asks to move a schedule segment; the team leader decides. */
@Component({
  selector: 'app-schedule-request-form',
  imports: [StatusBadge, DateField],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="fw-form" (submit)="submit($event)">
      <div class="fw-form-row">
        <label class="fw-field"><span>Day</span>
          <app-date-field label="Day" [required]="true" [value]="day() || null" (valueChange)="day.set($event)" /></label>
        <label class="fw-field"><span>Activity</span>
          <select class="fw-select" [value]="activity()" (change)="activity.set(v($event))">
            <option value="">Any</option><option value="lunch">Lunch</option><option value="break">Break</option>
            <option value="open">Open</option><option value="training">Training</option><option value="meeting">Meeting</option>
          </select></label>
        <label class="fw-field"><span>Move start by (min)</span>
          <input class="fw-input" type="number" step="5" [value]="shift()" (input)="shift.set(v($event))" /></label>
      </div>
      <label class="fw-field"><span>Reason</span>
        <textarea class="fw-textarea" required placeholder="e.g. Doctor's appointment, need lunch 30 min later"
          [value]="description()" (input)="description.set(v($event))"></textarea></label>
      <div class="fw-form-row">
        <button class="fw-btn primary" type="submit" [disabled]="busy() || !description().trim() || !day()">Send request</button>
        @if (error()) { <span class="fw-error-text" role="alert">{{ error() }}</span> }
        @if (sent()) { <span class="fw-ok-text" role="status">✓ Request sent to your team leader.</span> }
      </div>
    </form>
    @if (mine().length) {
      <h3 class="fw-small fw-muted" style="margin-top: var(--fw-space-4)">My requests</h3>
      <ul class="fw-list fw-small">
        @for (r of mine(); track r.id) {
          <li><app-status-badge [status]="statusOf(r.status)" [text]="r.status" /> {{ dayText(r.day) }} — {{ r.description }}
            @if (r.decisionNote) { <span class="fw-muted"> · “{{ r.decisionNote }}”</span> }</li>
        }
      </ul>
    }
  `,
})
export class ScheduleRequestForm {
  private readonly api = inject(ScheduleRequestsApi);
  readonly defaultDay = input('');
  protected readonly day = signal('');
  protected readonly activity = signal('');
  protected readonly shift = signal('');
  protected readonly description = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly sent = signal(false);
  protected readonly res = this.api.resource();
  protected readonly mine = computed(() => [...(safe(this.res) ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, 5));

  ngOnInit(): void {
    if (!this.day()) this.day.set(this.defaultDay());
  }
  protected dayText(day: string): string {
    return formatDay(day) || day;
  }
  protected v(e: Event): string {
    return (e.target as HTMLInputElement).value;
  }
  protected statusOf(s: keyof typeof STATUS) {
    return STATUS[s];
  }
  protected submit(e: Event): void {
    e.preventDefault();
    const shift = this.shift().trim() === '' ? undefined : Number(this.shift());
    if (shift !== undefined && !Number.isFinite(shift)) {
      this.error.set('Minutes must be a number.');
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.sent.set(false);
    this.api
      .create({ day: this.day(), description: this.description().trim(), ...(shift !== undefined ? { shiftMinutes: shift } : {}), ...(this.activity() ? { activity: this.activity() } : {}) })
      .subscribe({
        next: () => {
          this.busy.set(false);
          this.sent.set(true);
          this.description.set('');
          this.res.reload();
        },
        error: (err: unknown) => {
          this.busy.set(false);
          this.error.set(errorText(err));
        },
      });
  }
}
