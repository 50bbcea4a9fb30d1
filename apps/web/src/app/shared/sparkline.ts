import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/** A tiny trend line (inline SVG); nulls break the line rather than dropping to zero. */
@Component({
  selector: 'app-sparkline',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <svg [attr.width]="width()" [attr.height]="height()" [attr.viewBox]="'0 0 ' + width() + ' ' + height()" role="img"
      [attr.aria-label]="'Trend: ' + summary()">
      @for (p of paths(); track $index) {
        <path [attr.d]="p" fill="none" stroke="var(--fw-primary)" stroke-width="1.5" stroke-linejoin="round" />
      }
      @if (last(); as l) {
        <circle [attr.cx]="l.x" [attr.cy]="l.y" r="2.2" fill="var(--fw-primary)" />
      }
    </svg>
  `,
})
export class Sparkline {
  readonly values = input<readonly (number | null)[]>([]);
  readonly width = input(88);
  readonly height = input(24);

  private readonly points = computed(() => sparkPoints(this.values(), this.width(), this.height()));
  protected readonly paths = computed(() =>
    this.points().map((run) => run.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')),
  );
  protected readonly last = computed(() => this.points().at(-1)?.at(-1) ?? null);
  protected readonly summary = computed(() => this.values().map((v) => (v === null ? '–' : v.toFixed(0))).join(', '));
}

/** Runs of consecutive non-null points scaled into the box (2 px padding). */
export function sparkPoints(values: readonly (number | null)[], width: number, height: number): { x: number; y: number }[][] {
  const nums = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (nums.length === 0) return [];
  const min = Math.min(...nums);
  const max = Math.max(...nums);
  const span = max - min || 1;
  const step = values.length > 1 ? (width - 4) / (values.length - 1) : 0;
  const runs: { x: number; y: number }[][] = [];
  let run: { x: number; y: number }[] = [];
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      if (run.length) runs.push(run);
      run = [];
      return;
    }
    run.push({ x: 2 + i * step, y: height - 2 - ((v - min) / span) * (height - 4) });
  });
  if (run.length) runs.push(run);
  return runs;
}
