import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { ActivatedRoute } from '@angular/router';
import { AdminApi } from '../../core/api/admin-api';
import { errorText } from '../../core/api/org-api';
import { LoadState } from '../../shared/load-state';
import { formatDateTime } from '../../shared/time';

@Component({
  selector: 'app-quarantine-page',
  imports: [LoadState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `.hint { margin: 0 0 var(--fw-space-3); } code { font-family: var(--fw-font-mono); font-size: var(--fw-text-xs); white-space: pre-wrap; word-break: break-all; } td { white-space: normal !important; vertical-align: top; }`,
  template: `
    <section class="fw-card">
      <header class="fw-card-head">
        <h2>Quarantined records</h2>
        <div class="fw-form-row">
          <input class="fw-input" placeholder="Filter by source file" [value]="source()" (change)="source.set($any($event.target).value)" aria-label="Source" />
          <select class="fw-select" [value]="limit()" (change)="limit.set(+$any($event.target).value)" aria-label="How many">
            <option value="50">50</option><option value="200">200</option><option value="1000">1000</option>
          </select>
        </div>
      </header>
      @if (res.error()) {
        <app-load-state kind="error" [message]="err(res.error())" (retry)="res.reload()" />
      } @else if (!(res.hasValue() ? res.value() : undefined)?.length) {
        <app-load-state [kind]="res.isLoading() ? 'loading' : 'empty'" message="Nothing in quarantine." />
      } @else {
        <p class="fw-muted fw-small hint">Fix a line in its source file and ingest the file again (Feeds): the fixed line is accepted as
          a new one. Then mark the quarantined line resolved. Incomplete calls leave the list by themselves once the rest of
          their call arrives.</p>
        @if (actionError()) { <p class="fw-error-text" role="alert">{{ actionError() }}</p> }
        <div class="fw-scroll-x"><table class="fw-table">
          <thead><tr><th>Source</th><th>Format</th><th class="num">Line</th><th>Reason</th><th>Raw record</th><th>When</th><th></th></tr></thead>
          <tbody>
            @for (q of (res.hasValue() ? res.value() : undefined); track q.id) {
              <tr><td>{{ q.source }}</td><td>{{ q.format }}</td><td class="num">{{ q.lineNumber }}</td>
                <td><span class="fw-pill fw-status-amber"><span aria-hidden="true">⚠</span>{{ q.reason }}</span></td>
                <td><code>{{ q.raw }}</code></td><td>{{ when(q.createdAt) }}</td>
                <td>
                  @if (q.reason !== 'incomplete') {
                    <button type="button" class="fw-btn" [disabled]="busy() === q.id" (click)="resolve(q.id)" [attr.aria-label]="'Mark line ' + q.lineNumber + ' of ' + q.source + ' resolved'">
                      {{ busy() === q.id ? 'Resolving…' : 'Mark resolved' }}
                    </button>
                  }
                </td></tr>
            }
          </tbody>
        </table></div>
      }
    </section>
  `,
})
export class QuarantinePage {
  private readonly api = inject(AdminApi);
  protected readonly source = signal(inject(ActivatedRoute).snapshot.queryParamMap.get('source') ?? '');
  protected readonly limit = signal(200);
  protected readonly res = this.api.quarantine(() => ({ source: this.source() || undefined, limit: this.limit() }));
  /** The line being resolved (its button is disabled meanwhile). */
  protected readonly busy = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);

  protected resolve(id: string): void {
    this.busy.set(id);
    this.actionError.set(null);
    this.api.resolveQuarantine(id).subscribe({
      next: () => {
        this.busy.set(null);
        this.res.reload();
      },
      error: (e: unknown) => {
        this.busy.set(null);
        this.actionError.set(`Could not mark it resolved: ${errorText(e)}`);
      },
    });
  }
  protected err(e: unknown): string {
    return errorText(e);
  }
  protected when(iso: string): string {
    return formatDateTime(iso, Intl.DateTimeFormat().resolvedOptions().timeZone);
  }
}
