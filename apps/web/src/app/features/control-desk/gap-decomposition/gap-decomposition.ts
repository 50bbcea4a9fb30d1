import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { ActionApi, type GapRowView } from '../../../core/api/action-api';

interface Part {
  label: string;
  value: number;
  color: string;
}

/** Segments of a diverging stacked bar: negatives stack left of 0, positives right, in order. */
export function stackParts(parts: readonly Part[], scale: number): (Part & { left: number; width: number })[] {
  let pos = 50;
  let neg = 50;
  return parts.map((p) => {
    const w = (Math.abs(p.value) / scale) * 50;
    if (p.value >= 0) {
      const left = pos;
      pos += w;
      return { ...p, left, width: w };
    }
    neg -= w;
    return { ...p, left: neg, width: w };
  });
}

/**
 * The picked interval's decomposition; for the running interval (no hindsight until it ends, and
 * the desk opens on it) the last ended one before it, so the bar shows numbers, not "–".
 */
export function gapRowFor(rows: readonly GapRowView[], intervalStart: string | null, now: number): GapRowView | null {
  if (!intervalStart) return null;
  const at = Date.parse(intervalStart);
  const own = rows.find((r) => Date.parse(r.key) === at) ?? null;
  if ((own && own.requiredInHindsight !== null) || at + 900_000 <= now) return own;
  const ended = rows.filter((r) => Date.parse(r.key) < at && r.requiredInHindsight !== null).sort((a, b) => Date.parse(a.key) - Date.parse(b.key));
  return ended.at(-1) ?? own;
}

/**
 * The control desk's interval detail: why the floor is short or long, split exactly into
 * forecast error + schedule gap + attendance gap = actual − required in hindsight (spec/action.md).
 */
@Component({
  selector: 'app-gap-decomposition',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .track { position: relative; height: 26px; background: #f1f4f8; border-radius: 4px; margin: 6px 0; }
    .zero { position: absolute; left: 50%; top: -3px; bottom: -3px; width: 2px; background: #1c2533; }
    .seg { position: absolute; top: 3px; bottom: 3px; border-radius: 3px; }
    .legend { display: flex; gap: 14px; flex-wrap: wrap; font-size: 13px; margin-bottom: 12px; }
    .sw { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; }
  `,
  template: `
    @if (row(); as g) {
      <div data-testid="gap-decomposition">
        @if (g.requiredInHindsight === null || g.hindsightGap === null) {
          <h3 class="fw-small">Gap against what was really needed</h3>
          <p class="fw-small fw-muted">No hindsight for this interval: it has not ended, or it has no forecast.</p>
        } @else {
          <h3 class="fw-small">Gap against what was really needed{{ g.key === shownFor() ? '' : ' at ' + time(g.key) }}: {{ signed(g.hindsightGap) }} agents</h3>
          @if (g.key !== shownFor()) {
            <p class="fw-xs fw-muted" data-testid="gap-fallback">{{ time(shownFor()) }} has not ended yet: the last interval that has.</p>
          }
          <div class="track" role="img" [attr.aria-label]="summary(g)">
            <div class="zero"></div>
            @for (p of segments(); track p.label) {
              <div class="seg" [style.left.%]="p.left" [style.width.%]="p.width" [style.background]="p.color" [title]="p.label + ' ' + signed(p.value)"></div>
            }
          </div>
          <div class="legend">
            @for (p of parts(); track p.label) {
              <span><span class="sw" [style.background]="p.color"></span>{{ p.label }} <strong class="fw-num">{{ signed(p.value) }}</strong></span>
            }
            <span class="fw-muted">required {{ n(g.requiredAgents) }}, in hindsight {{ n(g.requiredInHindsight) }}</span>
          </div>
        }
      </div>
    }
  `,
})
export class GapDecomposition {
  private readonly api = inject(ActionApi);
  readonly siteId = input.required<string>();
  readonly from = input.required<string>();
  readonly to = input.required<string>();
  readonly intervalStart = input<string | null>(null);
  readonly timezone = input('UTC');
  protected readonly res = this.api.forecastAccuracy(() => ({ site: this.siteId(), from: this.from(), to: this.to() }));
  /** The picked interval's row key (ISO), '' when none. */
  protected readonly shownFor = computed(() => {
    const iv = this.intervalStart();
    const rows = this.res.hasValue() ? (this.res.value()?.gaps ?? []) : [];
    return iv ? (rows.find((r) => Date.parse(r.key) === Date.parse(iv))?.key ?? '') : '';
  });
  /**
   * The picked interval's decomposition; for the running interval (no hindsight until it ends,
   * and the desk opens on it) the last ended one before it, so the bar shows a number.
   */
  protected readonly row = computed<GapRowView | null>(() => gapRowFor(this.res.hasValue() ? (this.res.value()?.gaps ?? []) : [], this.intervalStart(), Date.now()));
  protected readonly parts = computed<Part[]>(() => {
    const g = this.row();
    if (!g || g.forecastErrorAgents === null || g.scheduleGap === null) return [];
    return [
      { label: 'Forecast', value: g.forecastErrorAgents, color: '#8e6bd6' },
      { label: 'Schedule', value: g.scheduleGap, color: '#5b8bd6' },
      { label: 'Attendance', value: g.attendanceGap, color: '#d67a45' },
    ];
  });
  protected readonly segments = computed(() => {
    const parts = this.parts();
    const pos = parts.filter((p) => p.value > 0).reduce((s, p) => s + p.value, 0);
    const neg = parts.filter((p) => p.value < 0).reduce((s, p) => s - p.value, 0);
    return stackParts(parts, Math.max(pos, neg, 1));
  });

  protected time(iso: string): string {
    return new Intl.DateTimeFormat('en-GB', { timeZone: this.timezone(), hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
  }
  protected signed(v: number | null): string {
    if (v === null) return '–';
    const r = Math.round(v * 10) / 10;
    return r > 0 ? `+${r}` : String(r);
  }
  protected n(v: number | null): string {
    return v === null ? '–' : String(Math.round(v * 10) / 10);
  }
  protected summary(g: GapRowView): string {
    return `forecast ${this.signed(g.forecastErrorAgents)}, schedule ${this.signed(g.scheduleGap)}, attendance ${this.signed(g.attendanceGap)}, total ${this.signed(g.hindsightGap)}`;
  }
}
