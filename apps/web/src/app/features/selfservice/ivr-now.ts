import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input, signal } from '@angular/core';
import { LIVE_EVENTS, type IvrEventPayload } from '@floorwatch/contracts';
import { SocketService } from '../../core/socket.service';
import { formatKpi } from '../../shared/format';

/**
 * Control desk: callers in the IVR now and the interval's transfers to agents, from the live `ivr`
 * event (selfservice.md §5). "n/a" for a site whose IVR reports only after each call (Connect CTRs);
 * "0 · no IVR sessions yet" before the first event (a quiet IVR, not a missing figure).
 */
@Component({
  selector: 'app-ivr-now',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="stat" aria-live="polite">
      <span class="lbl">In IVR now</span>
      @if (last(); as l) {
        <span class="val fw-num">{{ now() }}<small> · {{ transfers() }} to agents@if (l.ivrOptOutPct !== null) { · opt-out {{ optOut() }}}</small></span>
      } @else {
        <span class="val fw-num">0<small> · no IVR sessions yet</small></span>
      }
    </div>
  `,
  styles: [`.stat { display: flex; flex-direction: column; } .lbl { font-size: var(--fw-text-xs, 0.75rem); color: var(--fw-muted, #64748b); }`],
})
export class IvrNow {
  readonly siteId = input.required<string>();
  protected readonly last = signal<IvrEventPayload | null>(null);
  // A site whose IVR reports only after each call has no "now": it reads "n/a", not a dash.
  protected readonly now = computed(() => (this.last()?.ivrNow ?? null) === null ? 'n/a' : String(this.last()?.ivrNow));
  protected readonly transfers = computed(() => this.last()?.transfers ?? 0);
  protected readonly optOut = computed(() => formatKpi('ivrOptOutPct', this.last()?.ivrOptOutPct ?? null));

  constructor() {
    const sub = inject(SocketService)
      .on<IvrEventPayload>(LIVE_EVENTS.ivr)
      .subscribe((p) => {
        if (p.siteId === this.siteId()) this.last.set(p);
      });
    inject(DestroyRef).onDestroy(() => sub.unsubscribe());
  }
}
