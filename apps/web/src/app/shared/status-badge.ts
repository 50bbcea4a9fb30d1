import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { TargetStatus } from '@floorwatch/contracts';
import { statusInfo } from './status';

/** Colour + shape + word: the status reads without colour (check, warning triangle, cross, dash). */
@Component({
  selector: 'app-status-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class]': 'info().cssClass', class: 'fw-pill', '[attr.title]': 'info().label' },
  template: `
    <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
      @switch (info().icon) {
        @case ('check') {
          <circle cx="6" cy="6" r="6" fill="var(--fw-status)" />
          <path d="M3.2 6.2l1.9 1.9 3.7-4" stroke="#fff" stroke-width="1.6" fill="none" stroke-linecap="round" />
        }
        @case ('warn') {
          <path d="M6 0.6 11.6 11H0.4z" fill="var(--fw-status)" />
          <path d="M6 4v3.4M6 9v.2" stroke="#1e293b" stroke-width="1.4" stroke-linecap="round" />
        }
        @case ('cross') {
          <rect x="0" y="0" width="12" height="12" rx="2" fill="var(--fw-status)" />
          <path d="M3.5 3.5l5 5M8.5 3.5l-5 5" stroke="#fff" stroke-width="1.6" stroke-linecap="round" />
        }
        @default {
          <path d="M2 6h8" stroke="var(--fw-status)" stroke-width="2" stroke-linecap="round" />
        }
      }
    </svg>
    @if (!iconOnly()) {
      <span>{{ text() ?? info().label }}</span>
    } @else {
      <span class="fw-visually-hidden">{{ info().label }}</span>
    }
  `,
})
export class StatusBadge {
  readonly status = input<TargetStatus | null | undefined>('none');
  readonly text = input<string | null>(null);
  readonly iconOnly = input(false);
  protected readonly info = computed(() => statusInfo(this.status()));
}
