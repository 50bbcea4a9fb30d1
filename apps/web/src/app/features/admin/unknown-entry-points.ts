import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { API_PREFIX, type UnknownEntryPoint } from '@floorwatch/contracts';
import { errorText } from '../../core/api/org-api';
import { LoadState } from '../../shared/load-state';

/**
 * Admin, org tab: entry points that sessions name but the org does not list (selfservice.md §2:
 * their sessions count under site "unassigned" until an entry point or alias is added).
 */
@Component({
  selector: 'app-unknown-entry-points',
  imports: [LoadState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="fw-card" aria-label="Unknown entry points">
      <header class="fw-card-head"><h2>Unknown entry points</h2><span class="fw-xs fw-muted">Self-service sessions counted under “unassigned”</span></header>
      @if (list.error()) { <app-load-state kind="error" [message]="err(list.error())" (retry)="list.reload()" /> }
      @else if (list.isLoading() && !list.hasValue()) { <app-load-state kind="loading" /> }
      @else if (!(list.value() ?? []).length) { <p class="fw-small fw-muted">Every session names an entry point of the org.</p> }
      @else {
        <div class="fw-scroll-x"><table class="fw-table">
          <thead><tr><th>Entry point (as the feed names it)</th><th class="num">Sessions</th><th>Channels</th><th>First seen</th><th>Last seen</th></tr></thead>
          <tbody>
            @for (e of list.value() ?? []; track e.entryPoint) {
              <tr><td><code>{{ e.entryPoint }}</code></td><td class="num">{{ e.sessions }}</td><td>{{ e.channels.join(', ') }}</td><td>{{ e.firstSeen.slice(0, 10) }}</td><td>{{ e.lastSeen.slice(0, 10) }}</td></tr>
            }
          </tbody>
        </table></div>
        <p class="fw-xs fw-muted">Add each to the org feed's <code>entryPoints</code> (as an id or an alias) to give its sessions a site.</p>
      }
    </section>
  `,
})
export class UnknownEntryPoints {
  protected readonly list = httpResource<UnknownEntryPoint[]>(() => `${API_PREFIX}/entry-points/unknown`);
  protected err(e: unknown): string {
    return errorText(e);
  }
}
