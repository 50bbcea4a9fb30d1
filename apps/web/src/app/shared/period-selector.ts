import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { stepDay, todayIn, type PeriodKind, type ViewState } from '../core/url-state';
import { timezoneLabel } from './time';
import { DateField } from './date-field';

const OPTIONS: { kind: PeriodKind | 'today'; label: string }[] = [
  { kind: 'today', label: 'Today' },
  { kind: 'day', label: 'Day' },
  { kind: 'week', label: 'Week' },
  { kind: 'month', label: 'Month' },
  { kind: 'quarter', label: 'Quarter' },
  { kind: 'last30', label: '30 days' },
  { kind: 'custom', label: 'Custom' },
];

/** Today / day / week / month / quarter / custom, with the reference day and the time zone shown. */
@Component({
  selector: 'app-period-selector',
  imports: [DateField],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { display: flex; flex-wrap: wrap; align-items: center; gap: var(--fw-space-2); }
    .tz { font-size: var(--fw-text-xs); color: var(--fw-text-muted); width: 100%; text-align: right; }
    /* Six periods do not fit a phone's width on one line: they wrap rather than widen the page. */
    .fw-segmented { flex-wrap: wrap; max-width: 100%; }
    .step { display: inline-flex; gap: var(--fw-space-1); align-items: center; }
  `,
  template: `
    <div class="fw-segmented" role="group" aria-label="Period">
      @for (o of options; track o.kind) {
        <button type="button" [attr.aria-pressed]="isActive(o.kind)" (click)="pick(o.kind)">{{ o.label }}</button>
      }
    </div>
    @if (state().period === 'custom') {
      <app-date-field label="From" [value]="state().from" [max]="state().to ?? today()" (valueChange)="custom('from', $event)" />
      <span class="fw-muted">to</span>
      <app-date-field label="To" [value]="state().to" [min]="state().from" [max]="today()" (valueChange)="custom('to', $event)" />
    } @else {
      <div class="step" role="group" aria-label="Move the period">
        <button type="button" class="fw-btn" aria-label="Previous period" (click)="step(-1)">◀</button>
        <app-date-field label="Reference day" [value]="state().date ?? today()" [max]="today()" (valueChange)="anchor($event)" />
        <button type="button" class="fw-btn" aria-label="Next period" [disabled]="atToday()" (click)="step(1)">▶</button>
      </div>
    }
    <span class="tz">{{ label() }} · times in {{ tzLabel() }}</span>
  `,
})
export class PeriodSelector {
  readonly state = input.required<ViewState>();
  readonly timezone = input('UTC');
  readonly label = input('');
  readonly changed = output<Partial<ViewState>>();
  protected readonly options = OPTIONS;
  protected readonly today = computed(() => todayIn(this.timezone()));
  protected readonly tzLabel = computed(() => timezoneLabel(this.timezone()));

  /** ▶ stops at the period holding today: there is nothing after it to show. */
  protected readonly atToday = computed(() => {
    const s = this.state();
    return s.period !== 'custom' && (s.date ?? this.today()) >= this.today();
  });

  protected isActive(kind: PeriodKind | 'today'): boolean {
    const s = this.state();
    const isToday = s.period === 'day' && (s.date === null || s.date === this.today());
    if (kind === 'today') return isToday;
    if (kind === 'day') return s.period === 'day' && !isToday;
    return s.period === kind;
  }
  protected pick(kind: PeriodKind | 'today'): void {
    if (kind === 'today') this.changed.emit({ period: 'day', date: null, up: null });
    // "Day" while today is shown means another day: yesterday, the one a lead most often wants.
    else if (kind === 'day' && this.isActive('today')) this.changed.emit({ period: 'day', date: stepDay('day', this.today(), -1), up: null });
    else if (kind === 'custom') {
      const d = this.state().date ?? this.today();
      this.changed.emit({ period: 'custom', from: this.state().from ?? d, to: this.state().to ?? d, up: null });
    } else this.changed.emit({ period: kind, up: null, date: this.state().date ?? this.today() });
  }
  protected step(dir: -1 | 1): void {
    const s = this.state();
    if (s.period === 'custom') return;
    const next = stepDay(s.period, s.date ?? this.today(), dir);
    const today = this.today();
    this.changed.emit({ date: s.period === 'day' && next === today ? null : next > today ? today : next, up: null });
  }
  protected anchor(day: string): void {
    this.changed.emit({ date: this.state().period === 'day' && day >= this.today() ? null : day, up: null });
  }
  protected custom(which: 'from' | 'to', day: string): void {
    this.changed.emit({ period: 'custom', [which]: day });
  }
}
