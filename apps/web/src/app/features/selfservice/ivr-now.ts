import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input, signal } from '@angular/core';
import { LIVE_EVENTS, type IvrEventPayload } from '@floorwatch/contracts';
import { SocketService } from '../../core/socket.service';
import { formatKpi } from '../../shared/format';

/**
 * Control desk: callers in the IVR now and the interval's transfers to agents, from the live `ivr`
 * event (selfservice.md §5). "—" for a site whose IVR reports only after each call (Connect CTRs).
 */
@Component({
  selector: 'app-ivr-now',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="stat" aria-live="polite">
      <span class="lbl">In IVR now</span>
      <span class="val fw-num">{{ now() }}<small> · {{ transfers() }} to agents · opt-out {{ optOut() }}</small></span>
    </div>
  `,
  styles: [`.stat { display: flex; flex-direction: column; } .lbl { font-size: var(--fw-text-xs, 0.75rem); color: var(--fw-muted, #64748b); }`],
})
export class IvrNow {
  readonly siteId = input.required<string>();
  private readonly last = signal<IvrEventPayload | null>(null);
  protected readonly now = computed(() => (this.last()?.ivrNow ?? null) === null ? '—' : String(this.last()?.ivrNow));
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
