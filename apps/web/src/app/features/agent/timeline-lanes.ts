import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { Timeline } from '@floorwatch/contracts';
import { formatDuration } from '../../shared/format';
import { formatTime, stateLabel } from '../../shared/time';

interface Bar {
  left: number;
  width: number;
  label: string;
  title: string;
  cls: string;
}

const HOUR = 3_600_000;

/** Position bars on [lo, hi) as percentages; the visible span is the working day ± 30 minutes. */
export function layoutTimeline(t: Timeline) {
  // Logged-out stretches run midnight to midnight; spanning them would squeeze the working day.
  const working = [...t.schedule, ...t.states.filter((s) => s.state !== 'logged_out')];
  const all = (working.length ? working : [...t.schedule, ...t.states]).flatMap((x) => [Date.parse(x.start), Date.parse(x.end)]).filter(Number.isFinite);
  if (all.length === 0) return null;
  const lo = Math.floor((Math.min(...all) - HOUR / 2) / HOUR) * HOUR;
  const hi = Math.ceil((Math.max(...all) + HOUR / 2) / HOUR) * HOUR;
  const span = hi - lo;
  const bar = (start: string, end: string, label: string, cls: string): Bar => {
    const s = Math.max(lo, Date.parse(start));
    const e = Math.min(hi, Date.parse(end));
    return {
      left: ((s - lo) / span) * 100,
      width: Math.max(0.15, ((e - s) / span) * 100),
      label,
      cls,
      // The stretch's own length, not the part inside the visible span (a bar clipped at the edge).
      title: `${label}: ${formatTime(start, t.timezone)}–${formatTime(end, t.timezone)} (${formatDuration((Date.parse(end) - Date.parse(start)) / 1000)})`,
    };
  };
  const ticks: { left: number; label: string; odd: boolean }[] = [];
  for (let h = lo, i = 0; h <= hi; h += HOUR, i++) ticks.push({ left: ((h - lo) / span) * 100, label: formatTime(new Date(h).toISOString(), t.timezone), odd: i % 2 === 1 });
  return {
    ticks,
    schedule: t.schedule.map((s) => bar(s.start, s.end, s.activity, `act act-${activityClass(s.activity)}`)),
    states: t.states.map((s) => bar(s.start, s.end, stateLabel(s.state), `st st-${stateClass(s.state)}`)),
    out: t.outOfAdherence.map((o) =>
      bar(o.start, o.end, `Out of adherence — scheduled ${o.activity}, was ${o.state ? stateLabel(o.state) : 'no state'}`, 'out'),
    ),
  };
}

function activityClass(a: string): string {
  if (a === 'open') return 'open';
  if (a === 'break' || a === 'lunch') return 'break';
  return 'other';
}
function stateClass(s: string): string {
  if (s === 'available' || s === 'on_contact' || s === 'acw') return 'prod';
  if (s === 'logged_out') return 'off';
  return 'aux';
}

/** Schedule lane over actual-state lane, with out-of-adherence stretches marked on both. */
@Component({
  selector: 'app-timeline-lanes',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './timeline-lanes.scss',
  template: `
    @if (layout(); as l) {
      <div class="grid" role="img" [attr.aria-label]="summary()">
        <div class="name">Schedule</div>
        <div class="lane">
          @for (b of l.schedule; track $index) {
            <span [class]="b.cls" [style.left.%]="b.left" [style.width.%]="b.width" [attr.title]="b.title">{{ b.width > 4 ? b.label : '' }}</span>
          }
          @for (b of l.out; track $index) {
            <span class="out-mark" [style.left.%]="b.left" [style.width.%]="b.width" [attr.title]="b.title"></span>
          }
        </div>
        <div class="name">Actual</div>
        <div class="lane">
          @for (b of l.states; track $index) {
            <span [class]="b.cls" [style.left.%]="b.left" [style.width.%]="b.width" [attr.title]="b.title">{{ b.width > 6 ? b.label : '' }}</span>
          }
        </div>
        <div class="name">Out of adherence</div>
        <div class="lane thin">
          @for (b of l.out; track $index) {
            <span class="out" [style.left.%]="b.left" [style.width.%]="b.width" [attr.title]="b.title">✕</span>
          }
        </div>
        <div></div>
        <div class="ticks">
          @for (t of l.ticks; track $index) {
            <span [style.left.%]="t.left" [class.odd]="t.odd">{{ t.label }}</span>
          }
        </div>
      </div>
      <ul class="legend fw-xs fw-muted">
        <li><i class="act-open"></i>Open (contact work)</li><li><i class="act-break"></i>Break / lunch</li>
        <li><i class="act-other"></i>Meeting / training</li><li><i class="st-prod"></i>Productive state</li>
        <li><i class="st-aux"></i>Aux</li><li><i class="out"></i>✕ Out of adherence</li>
      </ul>
    }
  `,
})
export class TimelineLanes {
  readonly timeline = input.required<Timeline>();
  protected readonly layout = computed(() => layoutTimeline(this.timeline()));
  protected readonly summary = computed(() => {
    const t = this.timeline();
    const outs = t.outOfAdherence.map((o) => `${formatTime(o.start, t.timezone)}–${formatTime(o.end, t.timezone)}`).join(', ');
    return `Day timeline ${t.day}: ${t.outOfAdherence.length} out-of-adherence stretches${outs ? ': ' + outs : ''}`;
  });
}
