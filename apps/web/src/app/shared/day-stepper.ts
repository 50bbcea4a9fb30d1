import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { stepDay, todayIn } from '../core/url-state';
import { groupKeyLabel } from './time';
import { DateField } from './date-field';

/** ◀ day ▶ and "Today" for the live pages (desk, site detail, wallboard); null = today. */
@Component({
  selector: 'app-day-stepper',
  imports: [DateField],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `:host { display: inline-flex; gap: var(--fw-space-1); align-items: center; flex-wrap: wrap; } .d { min-width: 7.5em; text-align: center; font-variant-numeric: tabular-nums; }`,
  template: `
    <button type="button" class="fw-btn sm" aria-label="Previous day" (click)="go(-1)">◀</button>
    <app-date-field label="Day" [value]="shown()" [max]="today()" (valueChange)="pick($event)" />
    <button type="button" class="fw-btn sm" aria-label="Next day" [disabled]="isToday()" (click)="go(1)">▶</button>
    @if (!isToday()) { <button type="button" class="fw-btn sm" (click)="changed.emit(null)">Today</button> }
    <!-- The field already shows the day; this says it aloud when ◀ ▶ change it. -->
    <span class="fw-visually-hidden" aria-live="polite">{{ isToday() ? 'Today' : label() }}</span>
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
  protected pick(day: string): void {
    this.changed.emit(day >= this.today() ? null : day);
  }
}
