import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';

/** Loading, empty and error placeholders, so every panel says what is going on. */
@Component({
  selector: 'app-load-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { display: block; }
    .box { display: flex; flex-direction: column; align-items: center; justify-content: center; gap: var(--fw-space-2);
      min-height: var(--fw-load-min, 120px); color: var(--fw-text-muted); font-size: var(--fw-text-sm); text-align: center; padding: var(--fw-space-4); }
    .error { color: var(--fw-red-ink); }
    .spinner { width: 22px; height: 22px; border-radius: 50%; border: 3px solid var(--fw-border); border-top-color: var(--fw-primary);
      animation: spin 0.8s linear infinite; }
    @keyframes spin { to { transform: rotate(360deg); } }
    @media (prefers-reduced-motion: reduce) { .spinner { animation: none; } }
  `,
  template: `
    <div class="box" [class.error]="kind() === 'error'" [attr.role]="kind() === 'error' ? 'alert' : 'status'">
      @switch (kind()) {
        @case ('loading') {
          <span class="spinner" aria-hidden="true"></span><span>Loading…</span>
        }
        @case ('empty') {
          <span aria-hidden="true">∅</span><span>{{ message() || 'No data for this period.' }}</span>
        }
        @case ('error') {
          <span aria-hidden="true">⚠</span><span>{{ message() || 'Could not load this panel.' }}</span>
          <button type="button" class="fw-btn sm" (click)="retry.emit()">Try again</button>
        }
      }
    </div>
  `,
})
export class LoadState {
  readonly kind = input<'loading' | 'empty' | 'error'>('loading');
  /** The empty or error text; a panel passes its empty text whatever the kind, so loading never shows it. */
  readonly message = input<string | null>(null);
  readonly retry = output<void>();
}
