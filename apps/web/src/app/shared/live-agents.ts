import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { AdherenceExceptionPayload, AgentStateEventPayload, OrgView } from '@floorwatch/contracts';
import { formatTime, sinceText, stateLabel } from './time';

/** Live agent states, exceptions first and longest first, so the problem is at the top. */
@Component({
  selector: 'app-live-agents',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .wrap { max-height: var(--fw-live-max, 360px); overflow-y: auto; }
    tr.exc td { background: var(--fw-red-soft); color: var(--fw-red-ink); font-weight: 600; }
    tr.clickable { cursor: pointer; }
  `,
  template: `
    <div class="wrap">
      <div class="fw-scroll-x"><table class="fw-table">
        <thead><tr><th>Agent</th>@if (showSite()) {<th>Site</th>}<th>State</th><th class="num">For</th><th>Adherence</th></tr></thead>
        <tbody>
          @for (r of rows(); track r.agentId) {
            <tr [class.exc]="r.exception" [class.clickable]="true" (click)="pick.emit(r.agentId)" tabindex="0" (keydown.enter)="pick.emit(r.agentId)">
              <td>{{ r.name }}</td>
              @if (showSite()) {<td>{{ r.site }}</td>}
              <td>{{ r.state }}</td>
              <td class="num" [attr.title]="'since ' + r.sinceClock">{{ r.since }}</td>
              <td>
                @if (r.exception) {
                  <span aria-hidden="true">✕</span> Out — scheduled {{ r.exception }}
                } @else {
                  <span class="fw-muted"><span aria-hidden="true">✓</span> OK</span>
                }
              </td>
            </tr>
          } @empty {
            <tr><td colspan="5" class="fw-muted">{{ emptyText() }}</td></tr>
          }
        </tbody>
      </table></div>
    </div>
  `,
})
export class LiveAgents {
  readonly agents = input<Record<string, AgentStateEventPayload>>({});
  readonly exceptions = input<Record<string, AdherenceExceptionPayload>>({});
  readonly org = input<OrgView | null>(null);
  readonly timezone = input('UTC');
  readonly onlyExceptions = input(false);
  readonly showSite = input(false);
  readonly emptyText = input('No live agent data yet.');
  /** Ticks the "for" column; the caller passes a clock signal's value. */
  readonly now = input(Date.now());
  readonly pick = output<string>();

  protected readonly rows = computed(() => {
    const org = this.org();
    const exc = this.exceptions();
    const ids = this.onlyExceptions() ? Object.keys(exc) : [...new Set([...Object.keys(this.agents()), ...Object.keys(exc)])];
    const now = this.now();
    return ids
      .map((id) => {
        const a = this.agents()[id];
        const x = exc[id];
        const since = x?.since ?? a?.since ?? new Date(now).toISOString();
        const siteId = a?.siteId ?? x?.siteId;
        return {
          agentId: id,
          name: org?.agents.find((g) => g.id === id)?.name ?? id,
          site: org?.sites.find((s) => s.id === siteId)?.name ?? siteId ?? '',
          state: stateLabel(x?.state ?? a?.state ?? 'logged_out'),
          since: sinceText(since, now),
          sinceClock: formatTime(since, this.timezone()),
          sinceMs: Date.parse(since),
          exception: x ? (x.activity ?? 'activity') : null,
          off: (x?.state ?? a?.state ?? 'logged_out') === 'logged_out',
        };
      })
      // Exceptions first, logged-out agents last (off shift is not news), then longest in state;
      // among the logged-out, the latest to leave first (someone off since Tuesday is not news
      // either, and the list scrolls: today's leavers must not sink below the fold).
      .sort((p, q) => Number(!!q.exception) - Number(!!p.exception) || Number(p.off) - Number(q.off) || (p.off ? q.sinceMs - p.sinceMs : p.sinceMs - q.sinceMs));
  });
}
