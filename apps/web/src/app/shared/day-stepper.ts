import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { stepDay, todayIn } from '../core/url-state';
import { groupKeyLabel } from './time';

/** ◀ day ▶ and "Today" for the live pages (desk, site detail, wallboard); null = today. */
@Component({
  selector: 'app-day-stepper',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `:host { display: inline-flex; gap: var(--fw-space-1); align-items: center; flex-wrap: wrap; } .d { min-width: 7.5em; text-align: center; font-variant-numeric: tabular-nums; }`,
  template: `
    <button type="button" class="fw-btn sm" aria-label="Previous day" (click)="go(-1)">◀</button>
    <input class="fw-input d" type="date" aria-label="Day" [value]="shown()" [max]="today()" (change)="pick($event)" />
    <button type="button" class="fw-btn sm" aria-label="Next day" [disabled]="isToday()" (click)="go(1)">▶</button>
    @if (!isToday()) { <button type="button" class="fw-btn sm" (click)="changed.emit(null)">Today</button> }
    <span class="fw-xs fw-muted" aria-live="polite">{{ isToday() ? 'Today' : label() }}</span>
  `,
})
export class DayStepper {
  readonly day = input<string | null>(null);
  readonly timezone = input('UTC');
  readonly changed = output<string | null>();
  protected readonly today = computed(() => todayIn(this.timezone()));
  protected readonly shown = computed(() => this.day() ?? this.today());
  protected readonly isToday = computed(() => this.shown() >= this.today());
  protected readonly label = computed(() => groupKeyLabel('day', this.shown(), 'UTC'));

  protected go(step: -1 | 1): void {
    const next = stepDay('day', this.shown(), step);
    this.changed.emit(next >= this.today() ? null : next);
  }
  protected pick(e: Event): void {
    const v = (e.target as HTMLInputElement).value;
    if (v) this.changed.emit(v >= this.today() ? null : v);
  }
}
