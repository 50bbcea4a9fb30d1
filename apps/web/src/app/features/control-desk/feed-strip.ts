import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { FeedsApi } from '../../core/api/feeds-api';

/** The control desk's one-line view of feed health: one pill per source, red when stalled. */
@Component({
  selector: 'app-feed-strip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { display: flex; flex-wrap: wrap; gap: var(--fw-space-2); align-items: center; margin-bottom: var(--fw-space-3); }
  `,
  template: `
    @if (w.feeds(); as feeds) {
      <span class="fw-small fw-muted">Feeds</span>
      @for (f of feeds; track f.source + f.format) {
        <span class="fw-pill" [class]="f.status === 'red' ? 'fw-status-red' : 'fw-status-green'" [title]="f.format + ' · last line ' + (f.lastLineAt ?? 'never')">
          <span aria-hidden="true">{{ f.status === 'red' ? '✕' : '✓' }}</span>{{ short(f.source) }}@if (f.status === 'red') { · stalled {{ minutes(f.lagSeconds) }} }
        </span>
      } @empty { <span class="fw-small fw-muted">none yet</span> }
      @if (stalled() > 0) { <span class="fw-error-text fw-small" role="alert">{{ stalled() }} stalled</span> }
    }
  `,
})
export class FeedStrip {
  protected readonly w = inject(FeedsApi).watch();
  protected readonly stalled = computed(() => (this.w.feeds() ?? []).filter((f) => f.status === 'red').length);

  protected short(source: string): string {
    const slash = source.lastIndexOf('/');
    return slash >= 0 && slash < source.length - 1 ? source.slice(slash + 1) : source;
  }
  protected minutes(s: number | null): string {
    return s === null ? '' : `${Math.round(s / 60)} min`;
  }
}
