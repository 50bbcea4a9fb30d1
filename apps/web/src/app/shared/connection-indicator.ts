import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { SocketService, type ConnectionStatus } from '../core/socket.service';

const TEXT: Record<ConnectionStatus, { label: string; cls: string; icon: string }> = {
  live: { label: 'Live', cls: 'fw-status-green', icon: '●' },
  connecting: { label: 'Connecting…', cls: 'fw-status-amber', icon: '◌' },
  reconnecting: { label: 'Reconnecting…', cls: 'fw-status-amber', icon: '◌' },
  offline: { label: 'Not live', cls: 'fw-status-none', icon: '○' },
  refused: { label: 'Live refused', cls: 'fw-status-red', icon: '✕' },
};

/** Whether the screen is live, so nobody trusts a frozen wallboard. */
@Component({
  selector: 'app-connection-indicator',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="fw-pill" [class]="info().cls" role="status" [attr.title]="socket.lastError() ?? info().label">
    <span aria-hidden="true">{{ info().icon }}</span>{{ info().label }}</span>`,
})
export class ConnectionIndicator {
  protected readonly socket = inject(SocketService);
  protected readonly info = computed(() => TEXT[this.socket.status()]);
}
