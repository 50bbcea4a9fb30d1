import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { OrgApi } from '../../core/api/org-api';
import { LoadState } from '../../shared/load-state';
import { UnknownEntryPoints } from './unknown-entry-points';

@Component({
  selector: 'app-org-page',
  imports: [LoadState, UnknownEntryPoints],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (org.error()) {
      <app-load-state kind="error" [message]="org.error()" (retry)="org.reload()" />
    } @else if (!org.org()) {
      <app-load-state kind="loading" />
    } @else {
      <p class="fw-small fw-muted">The organisation comes from the <strong>org</strong> feed (Feeds tab). Unknown agents and queues land under site “unassigned”.</p>
      <div class="fw-grid-2">
        @for (s of sites(); track s.id) {
          <section class="fw-card">
            <header class="fw-card-head"><h2>{{ s.name }}</h2><span class="fw-xs fw-muted">{{ s.id }} · {{ s.timezone }}</span></header>
            <div class="fw-scroll-x"><table class="fw-table">
              <thead><tr><th>Team</th><th class="num">Agents</th><th>Leader</th></tr></thead>
              <tbody>@for (t of s.teams; track t.id) { <tr><td>{{ t.name }}</td><td class="num">{{ t.agents }}</td><td>{{ t.leaderUserId ?? '—' }}</td></tr> }</tbody>
            </table></div>
            <p class="fw-xs fw-muted">Queues: {{ s.queues || '—' }}</p>
          </section>
        }
      </div>
      <app-unknown-entry-points />
    }
  `,
})
export class OrgPage {
  protected readonly org = inject(OrgApi);
  protected readonly sites = computed(() => {
    const o = this.org.org();
    if (!o) return [];
    return o.sites.map((s) => ({
      ...s,
      teams: o.teams.filter((t) => t.siteId === s.id).map((t) => ({ ...t, agents: o.agents.filter((a) => a.teamId === t.id).length })),
      queues: o.queues.filter((q) => q.siteId === s.id).map((q) => `${q.name} (${q.channel})`).join(', '),
    }));
  });
  constructor() {
    void this.org.reload();
  }
}
