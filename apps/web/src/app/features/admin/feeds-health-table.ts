import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { DatePipe, DecimalPipe } from '@angular/common';
import { FeedsApi } from '../../core/api/feeds-api';

/** Every feed source: green/red, latest line and record, lag, today's counts, rate, follower. */
@Component({
  selector: 'app-feeds-health-table',
  imports: [DatePipe, DecimalPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .src { font-family: var(--fw-font-mono, monospace); word-break: break-all; }
    .scroll { overflow-x: auto; }
  `,
  template: `
    <section class="fw-card">
      <header class="fw-card-head"><h2>Feeds</h2>
        @if (w.lastAlert(); as a) { <span class="fw-pill" [class]="a.kind === 'stalled' ? 'fw-status-red' : 'fw-status-green'" role="status">{{ a.message }}</span> }
      </header>
      @if (w.error()) { <p class="fw-error-text" role="alert">{{ w.error() }}</p> }
      @if (w.feeds(); as feeds) {
        @if (feeds.length === 0) { <p class="fw-muted">No feed has sent anything yet.</p> } @else {
          <div class="scroll"><table class="fw-table">
            <thead><tr><th>Status</th><th>Source</th><th>Format</th><th>Last line</th><th>Last record</th><th class="num">Lag</th>
              <th class="num">Lines today</th><th class="num">Records</th><th class="num">Accepted</th><th class="num">Duplicates</th><th class="num">Quarantined</th>
              <th class="num">Lines/min</th><th>Follower</th></tr></thead>
            <tbody>
              @for (f of feeds; track f.source + f.format) {
                <tr>
                  <td><span class="fw-pill" [class]="f.status === 'red' ? 'fw-status-red' : 'fw-status-green'"><span aria-hidden="true">{{ f.status === 'red' ? '✕' : '✓' }}</span>{{ f.status === 'red' ? 'stalled' : 'flowing' }}</span></td>
                  <td class="src">{{ f.source }}</td><td>{{ f.format }}</td>
                  <td>{{ f.lastLineAt ? (f.lastLineAt | date: 'MMM d, HH:mm:ss') : '—' }}</td>
                  <td>{{ f.lastRecordAt ? (f.lastRecordAt | date: 'MMM d, HH:mm:ss') : '—' }}</td>
                  <td class="num">{{ lag(f.lagSeconds) }}</td>
                  <td class="num">{{ f.linesToday | number }}</td><td class="num">{{ f.recordsToday | number }}</td>
                  <td class="num">{{ f.accepted | number }}</td><td class="num">{{ f.duplicates | number }}</td><td class="num">{{ f.quarantined | number }}</td>
                  <td class="num">{{ f.ratePerMinute | number: '1.0-1' }}</td>
                  <td>{{ f.followerState ?? 'upload' }}</td>
                </tr>
              }
            </tbody>
          </table></div>
        }
      } @else if (!w.error()) { <p class="fw-muted">Loading…</p> }
    </section>
  `,
})
export class FeedsHealthTable {
  protected readonly w = inject(FeedsApi).watch();

  protected lag(s: number | null): string {
    if (s === null) return '—';
    if (s < 120) return `${s} s`;
    if (s < 7200) return `${Math.round(s / 60)} min`;
    return `${Math.round(s / 3600)} h`;
  }
}
