import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { FEED_FORMATS, type FeedFormat, type IngestSummary } from '@floorwatch/contracts';
import { AdminApi } from '../../core/api/admin-api';
import { OrgApi, errorText } from '../../core/api/org-api';
import { FeedsHealthTable } from './feeds-health-table';
import { detectFeedFormat } from './detect-feed-format';

/** Feed health of every source, and an upload of a feed file in any supported format showing what happened to every record. */
@Component({
  selector: 'app-feeds-page',
  imports: [RouterLink, FeedsHealthTable],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .sum { display: grid; grid-template-columns: repeat(4, minmax(100px, 1fr)); gap: var(--fw-space-3); margin: var(--fw-space-4) 0; }
    .sum div { background: var(--fw-surface-2); border-radius: var(--fw-radius-sm); padding: var(--fw-space-3); display: grid; }
    .sum strong { font-size: var(--fw-text-xl); font-variant-numeric: tabular-nums; }
  `,
  template: `
    <app-feeds-health-table />
    <section class="fw-card">
      <header class="fw-card-head"><h2>Upload a feed</h2></header>
      <form class="fw-form" (submit)="upload($event)">
        <div class="fw-form-row">
          <label class="fw-field"><span>Format</span>
            <!-- [selected] per option, not [value] on the select: a select's value bound before its
                 options exist falls back to the first option on screen while the signal keeps another. -->
            <select class="fw-select" name="format" (change)="format.set($any($event.target).value || null)">
              <option value="" [selected]="format() === null">Choose a format…</option>
              @for (f of formats; track f) { <option [value]="f" [selected]="f === format()">{{ f }}</option> }
            </select></label>
          <label class="fw-field"><span>File</span>
            <input class="fw-input" type="file" (change)="pick($event)" /></label>
          <button class="fw-btn primary" type="submit" [disabled]="!file() || !format() || busy()">{{ busy() ? 'Ingesting…' : 'Ingest' }}</button>
        </div>
        @if (file()) {
          <p class="fw-small detected" aria-live="polite">
            @if (detected(); as d) { Detected from the file: <strong>{{ d }}</strong>@if (format() !== d) { — the format chosen is {{ format() ?? 'none' }} } }
            @else { The format could not be detected from the file: choose it. }
          </p>
        }
        @if (error()) { <p class="fw-error-text" role="alert">{{ error() }}</p> }
      </form>
      @if (summary(); as s) {
        <div class="sum" role="status">
          <div><span class="fw-xs fw-muted">Read</span><strong>{{ s.read }}</strong></div>
          <div><span class="fw-xs fw-muted">✓ Accepted</span><strong>{{ s.accepted }}</strong></div>
          <div><span class="fw-xs fw-muted">Duplicates</span><strong>{{ s.duplicates }}</strong></div>
          <div><span class="fw-xs fw-muted">⚠ Quarantined</span><strong>{{ s.quarantined }}</strong></div>
        </div>
        @if (reasons().length) {
          <div class="fw-scroll-x"><table class="fw-table">
            <thead><tr><th>Quarantine reason</th><th class="num">Records</th></tr></thead>
            <tbody>@for (r of reasons(); track r[0]) { <tr><td>{{ r[0] }}</td><td class="num">{{ r[1] }}</td></tr> }</tbody>
          </table></div>
          <p class="fw-small"><a routerLink="../quarantine" [queryParams]="{ source: fileName() }">See the quarantined lines ›</a></p>
        }
      }
      @if (history().length) {
        <h3 class="fw-small">Uploaded in this session</h3>
        <div class="fw-scroll-x"><table class="fw-table feed-history">
          <thead><tr><th>File</th><th>Format</th><th class="num">Read</th><th class="num">Accepted</th><th class="num">Duplicates</th><th class="num">Quarantined</th></tr></thead>
          <tbody>@for (h of history(); track $index) {
            <tr><td>{{ h.file }}</td><td>{{ h.format }}</td><td class="num">{{ h.summary.read }}</td><td class="num">{{ h.summary.accepted }}</td>
              <td class="num">{{ h.summary.duplicates }}</td><td class="num">{{ h.summary.quarantined }}</td></tr>
          }</tbody>
        </table></div>
      }
    </section>
  `,
})
export class FeedsPage {
  private readonly api = inject(AdminApi);
  private readonly org = inject(OrgApi);
  protected readonly formats = FEED_FORMATS;
  /** Null until chosen or detected: no format is assumed for a file nobody looked at. */
  protected readonly format = signal<FeedFormat | null>(null);
  protected readonly detected = signal<FeedFormat | null>(null);
  protected readonly history = signal<{ file: string; format: FeedFormat; summary: IngestSummary }[]>([]);
  protected readonly file = signal<File | null>(null);
  protected readonly fileName = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly summary = signal<IngestSummary | null>(null);
  protected readonly reasons = signal<[string, number][]>([]);

  protected pick(e: Event): void {
    const f = (e.target as HTMLInputElement).files?.[0] ?? null;
    this.file.set(f);
    this.fileName.set(f?.name ?? '');
    this.detected.set(null);
    if (!f) return;
    void f
      .slice(0, 4096)
      .text()
      .then((head) => {
        if (this.file() !== f) return;
        const d = detectFeedFormat(head);
        this.detected.set(d);
        if (d) this.format.set(d);
      });
  }
  protected upload(e: Event): void {
    e.preventDefault();
    const f = this.file();
    const format = this.format();
    if (!f || !format) return;
    this.busy.set(true);
    this.error.set(null);
    this.summary.set(null);
    this.api.ingest(format, f, f.name).subscribe({
      next: (s) => {
        this.busy.set(false);
        this.summary.set(s);
        this.history.update((h) => [{ file: f.name, format, summary: s }, ...h]);
        this.reasons.set(Object.entries(s.reasons).sort((a, b) => b[1] - a[1]));
        if (format === 'org') void this.org.reload();
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(errorText(err));
      },
    });
  }
}
