import { safe } from './kpi-helpers';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { Message } from '@floorwatch/contracts';
import { MessagesApi } from '../core/api/messages-api';
import { LoadState } from './load-state';
import { formatDateTime } from './time';

const KIND: Record<Message['kind'], { label: string; cls: string; icon: string }> = {
  alert: { label: 'Alert', cls: 'fw-status-red', icon: '⚠' },
  coaching: { label: 'Coaching', cls: 'fw-status-green', icon: '★' },
  message: { label: 'Message', cls: 'fw-status-none', icon: '✉' },
};

/** Messages to me or my scopes, newest first; unread ones are marked and can be marked read. */
@Component({
  selector: 'app-messages-list',
  imports: [LoadState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    li { display: grid; gap: 2px; }
    .head { display: flex; gap: var(--fw-space-2); align-items: center; flex-wrap: wrap; }
    .unread .subject { font-weight: 700; }
    .body { font-size: var(--fw-text-sm); color: var(--fw-text); white-space: pre-line; }
    .meta { margin-left: auto; }
  `,
  template: `
    @if (res.error()) {
      <app-load-state kind="error" message="Messages could not be loaded." (retry)="res.reload()" />
    } @else if (res.isLoading() && !res.hasValue()) {
      <app-load-state kind="loading" />
    } @else if (sorted().length === 0) {
      <app-load-state kind="empty" message="No messages." />
    } @else {
      <ul class="fw-list">
        @for (m of sorted(); track m.id) {
          <li [class.unread]="!m.readAt">
            <div class="head">
              <span class="fw-pill" [class]="kind(m).cls"><span aria-hidden="true">{{ kind(m).icon }}</span>{{ kind(m).label }}</span>
              <span class="subject">{{ m.subject }}</span>
              <span class="meta fw-xs fw-muted">{{ m.from }} · {{ when(m.createdAt) }}</span>
              @if (!m.readAt && toScope() === null) {
                <button type="button" class="fw-btn sm" (click)="markRead(m)">Mark read</button>
              }
            </div>
            <div class="body">{{ m.body }}</div>
          </li>
        }
      </ul>
    }
  `,
})
export class MessagesList {
  private readonly api = inject(MessagesApi);
  readonly timezone = input('UTC');
  readonly limit = input(8);
  /** Only messages sent to this scope (an agent's coaching history as their leader sees it); null = my inbox. */
  readonly toScope = input<string | null>(null);
  protected readonly res = this.api.resource();
  protected readonly sorted = computed(() =>
    [...(safe(this.res) ?? [])].filter((m) => this.toScope() === null || m.toScope === this.toScope()).sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, this.limit()),
  );
  protected kind(m: Message) {
    return KIND[m.kind] ?? KIND.message;
  }
  protected when(iso: string): string {
    return formatDateTime(iso, this.timezone());
  }
  protected markRead(m: Message): void {
    this.api.markRead(m.id).subscribe({ next: () => this.res.reload() });
  }
}
