import { ChangeDetectionStrategy, Component, computed, ElementRef, input, output, signal, viewChild } from '@angular/core';
import { stepDay } from '../core/url-state';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

const validIso = (y: number, m: number, d: number): string | null => {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return t.toISOString().slice(0, 10);
};

/** "2026-12-04" → "Fri 4 Dec 2026": the app's one way of writing a day (the "Fri 4 Dec" of its tables, with the year). */
export function formatDay(iso: string | null | undefined): string {
  const m = iso ? ISO.exec(iso) : null;
  if (!m) return '';
  const t = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  const month = MONTHS[t.getUTCMonth()];
  return `${WEEKDAYS[t.getUTCDay()]} ${t.getUTCDate()} ${month[0].toUpperCase()}${month.slice(1)} ${t.getUTCFullYear()}`;
}

/**
 * What a person types → YYYY-MM-DD, or null. Takes the app's own form ("Fri 4 Dec 2026", "4 dec",
 * "4 December 2026") and ISO; refuses 04/12/2026, which a US reader and a UK reader take for two
 * different days. A day and month without a year take `year`.
 */
export function parseDay(text: string, year: number): string | null {
  const s = text.trim().toLowerCase().replace(/,/g, ' ').replace(/\s+/g, ' ');
  const iso = ISO.exec(s);
  if (iso) return validIso(+iso[1], +iso[2], +iso[3]);
  const m = /^(?:[a-z]+ )?(\d{1,2}) ([a-z]+)(?: (\d{4}))?$/.exec(s);
  if (!m) return null;
  const month = MONTHS.findIndex((x) => m[2].startsWith(x));
  if (month < 0 || (m[2].length > 3 && !fullMonth(m[2]))) return null;
  return validIso(m[3] ? +m[3] : year, month + 1, +m[1]);
}

const FULL = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const fullMonth = (word: string): boolean => FULL.some((f) => f.startsWith(word)) || word === 'sept';

const clamp = (iso: string, min: string | null, max: string | null): string => (min && iso < min ? min : max && iso > max ? max : iso);

/**
 * A day field that reads as the rest of the app ("Fri 4 Dec 2026"), never as the browser's locale
 * (a US browser shows a native date input as 12/04/2026). Type a day, or step it from the keyboard:
 * ↑ ↓ a day, Page Up / Page Down a month; the calendar button opens the browser's month grid.
 */
@Component({
  selector: 'app-date-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { display: inline-flex; align-items: center; gap: 2px; position: relative; }
    /* "Wed 30 Sep 2026" is 15 characters: room for the longest day plus the padding. */
    .txt { width: calc(15.5ch + 1.5rem); font-variant-numeric: tabular-nums; }
    .txt[aria-invalid='true'] { border-color: var(--fw-red, #c62828); }
    .cal { padding-inline: 6px; }
    .native { position: absolute; left: 0; bottom: 0; width: 1px; height: 1px; opacity: 0; pointer-events: none; border: 0; padding: 0; }
  `,
  template: `
    <input #txt class="fw-input txt" type="text" autocomplete="off" spellcheck="false" [attr.aria-label]="label()"
      [attr.aria-invalid]="invalid() ? true : null" [title]="invalid() ? 'Type a day like ' + example() : label()"
      [value]="text()" [required]="required()" (keydown)="key($event)" (change)="commit($event)" (input)="invalid.set(false)" />
    <button type="button" class="fw-btn sm ghost cal" [attr.aria-label]="'Choose ' + label() + ' on a calendar'" (click)="openCalendar()">
      <svg width="14" height="14" viewBox="0 0 24 24" aria-hidden="true"><path fill="currentColor" d="M7 2v2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2h-2V2h-2v2H9V2H7Zm-2 8h14v10H5V10Z"/></svg>
    </button>
    <input #native class="native" type="date" tabindex="-1" aria-hidden="true" [value]="value() ?? ''" [min]="min() ?? ''" [max]="max() ?? ''" (change)="picked($event)" />
  `,
})
export class DateField {
  /** YYYY-MM-DD, or null for none. */
  readonly value = input<string | null>(null);
  readonly label = input.required<string>();
  readonly min = input<string | null>(null);
  readonly max = input<string | null>(null);
  readonly required = input(false);
  readonly valueChange = output<string>();
  protected readonly invalid = signal(false);
  protected readonly text = computed(() => formatDay(this.value()));
  protected readonly example = computed(() => formatDay(this.value() ?? this.max() ?? new Date().toISOString().slice(0, 10)));
  private readonly txt = viewChild.required<ElementRef<HTMLInputElement>>('txt');
  private readonly native = viewChild.required<ElementRef<HTMLInputElement>>('native');

  protected key(e: KeyboardEvent): void {
    const steps: Record<string, ['day' | 'month', -1 | 1]> = { ArrowUp: ['day', 1], ArrowDown: ['day', -1], PageUp: ['month', 1], PageDown: ['month', -1] };
    const step = steps[e.key];
    const from = this.value() ?? this.max();
    if (!step || !from) return;
    e.preventDefault();
    this.emit(stepDay(step[0], from, step[1]));
  }

  protected commit(e: Event): void {
    const el = e.target as HTMLInputElement;
    const year = Number((this.value() ?? new Date().toISOString()).slice(0, 4));
    const day = parseDay(el.value, year);
    if (!day) {
      this.invalid.set(el.value.trim() !== '' || this.required());
      return;
    }
    this.emit(day);
  }

  protected picked(e: Event): void {
    const v = (e.target as HTMLInputElement).value;
    if (v) this.emit(v);
  }

  protected openCalendar(): void {
    const el = this.native().nativeElement as HTMLInputElement & { showPicker?: () => void };
    try {
      el.showPicker?.();
    } catch {
      // No picker (older browser, or not allowed here): typing and the arrow keys still work.
      this.txt().nativeElement.focus();
    }
  }

  private emit(iso: string): void {
    const day = clamp(iso, this.min(), this.max());
    this.invalid.set(false);
    // Rewrite the text now: when the day does not change, the binding would leave what was typed.
    this.txt().nativeElement.value = formatDay(day);
    if (day !== this.value()) this.valueChange.emit(day);
  }
}
