import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { FEED_FORMATS, type FeedFormat, type IngestSummary } from '@floorwatch/contracts';
import { AdminApi } from '../../core/api/admin-api';
import { OrgApi, errorText } from '../../core/api/org-api';
import { FeedsHealthTable } from './feeds-health-table';

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
            <select class="fw-select" [value]="format()" (change)="format.set($any($event.target).value)">
              @for (f of formats; track f) { <option [value]="f">{{ f }}</option> }
            </select></label>
          <label class="fw-field"><span>File</span>
            <input class="fw-input" type="file" (change)="pick($event)" /></label>
          <button class="fw-btn primary" type="submit" [disabled]="!file() || busy()">{{ busy() ? 'Ingesting…' : 'Ingest' }}</button>
        </div>
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
          <table class="fw-table">
            <thead><tr><th>Quarantine reason</th><th class="num">Records</th></tr></thead>
            <tbody>@for (r of reasons(); track r[0]) { <tr><td>{{ r[0] }}</td><td class="num">{{ r[1] }}</td></tr> }</tbody>
          </table>
          <p class="fw-small"><a routerLink="../quarantine" [queryParams]="{ source: fileName() }">See the quarantined lines ›</a></p>
        }
      }
    </section>
  `,
})
export class FeedsPage {
  private readonly api = inject(AdminApi);
  private readonly org = inject(OrgApi);
  protected readonly formats = FEED_FORMATS;
  protected readonly format = signal<FeedFormat>('contacts-ndjson');
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
  }
  protected upload(e: Event): void {
    e.preventDefault();
    const f = this.file();
    if (!f) return;
    this.busy.set(true);
    this.error.set(null);
    this.summary.set(null);
    this.api.ingest(this.format(), f, f.name).subscribe({
      next: (s) => {
        this.busy.set(false);
        this.summary.set(s);
        this.reasons.set(Object.entries(s.reasons).sort((a, b) => b[1] - a[1]));
        if (this.format() === 'org') void this.org.reload();
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(errorText(err));
      },
    });
  }
}
