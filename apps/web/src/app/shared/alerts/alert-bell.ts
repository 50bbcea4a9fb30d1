import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { ALERT_EVENTS, type AlertInstance } from '@floorwatch/contracts';
import { ActionApi } from '../../core/api/action-api';
import { AuthService } from '../../core/auth.service';
import { SocketService } from '../../core/socket.service';
import { OrgApi } from '../../core/api/org-api';
import { scopeLabel } from '../../core/drill';
import { formatKpi, kpiLabel } from '../format';

/** Where "open scope" goes for each scope kind. */
export function alertScopeLink(scope: string, roles: readonly string[]): { path: string; queryParams: Record<string, string> } {
  if (scope.startsWith('agent:')) return { path: '/agent', queryParams: { scope } };
  if (scope.startsWith('team:')) return { path: '/team', queryParams: { scope } };
  if (scope.startsWith('site:') && roles.includes('control_desk')) return { path: '/desk', queryParams: { site: scope.slice(5) } };
  return { path: '/manager', queryParams: { scope } };
}

/**
 * The bell in the header, for every role: open and acknowledged alerts the user receives (the
 * server decides: audience role and read scope), refreshed on `/live` alert events and every
 * minute; acknowledge, resolve with a note (not agents), open the scope.
 */
@Component({
  selector: 'app-alert-bell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { position: relative; }
    .bell { position: relative; background: none; border: 0; color: inherit; cursor: pointer; padding: 4px 8px; display: grid; place-items: center; }
    .count { position: absolute; top: -2px; right: -2px; min-width: 18px; height: 18px; border-radius: 9px; background: #d64545; color: #fff; font-size: 11px; font-weight: 700; display: grid; place-items: center; padding: 0 4px; }
    .panel { position: absolute; right: 0; top: 40px; width: 380px; max-height: 70vh; overflow: auto; background: #fff; color: var(--fw-text, #1c2533); border-radius: 8px; box-shadow: 0 8px 24px rgba(0,0,0,.25); z-index: 20; padding: 8px; }
    .item { border-left: 4px solid #d64545; padding: 6px 8px; margin: 6px 0; background: #fbf3f3; border-radius: 4px; display: grid; gap: 4px; }
    .item.acknowledged { border-left-color: #d69a45; background: #fbf7ef; }
    .head { display: flex; justify-content: space-between; gap: 6px; font-weight: 600; font-size: 13px; }
    .meta { font-size: 12px; color: #5b6675; }
    .actions { display: flex; gap: 6px; flex-wrap: wrap; }
    .empty { padding: 12px; font-size: 13px; color: #5b6675; }
  `,
  template: `
    <button type="button" class="bell" [attr.aria-label]="'Alerts: ' + count()" (click)="toggle()" data-testid="alert-bell">
      <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true"><path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"/></svg>
      @if (count() > 0) { <span class="count">{{ count() }}</span> }
    </button>
    @if (open()) {
      <div class="panel" role="dialog" aria-label="Alerts">
        @for (a of alerts(); track a.id) {
          <div class="item" [class.acknowledged]="a.status === 'acknowledged'">
            <div class="head"><span>{{ a.ruleName }}</span><span>{{ a.status }}</span></div>
            <div class="meta">{{ scopeName(a.scope) }} · {{ kpiName(a.kpi) }} {{ fmt(a.kpi, a.valueAtOpen) }} → {{ fmt(a.kpi, a.lastValue) }} · since {{ time(a.openedAt) }}</div>
            @if (a.acknowledgedBy) { <div class="meta">acknowledged by {{ a.acknowledgedBy }}</div> }
            <div class="actions">
              @if (a.status === 'open') { <button type="button" class="fw-btn sm" (click)="ack(a)">Acknowledge</button> }
              @if (mayResolve()) { <button type="button" class="fw-btn sm" (click)="resolve(a)">Resolve…</button> }
              <button type="button" class="fw-btn sm ghost" (click)="openScope(a)">Open {{ scopeName(a.scope) }}</button>
            </div>
          </div>
        } @empty {
          <div class="empty">No open alerts.</div>
        }
      </div>
    }
  `,
})
export class AlertBell {
  private readonly api = inject(ActionApi);
  private readonly auth = inject(AuthService);
  private readonly socket = inject(SocketService);
  private readonly router = inject(Router);
  protected readonly alerts = signal<AlertInstance[]>([]);
  protected readonly open = signal(false);
  protected readonly count = computed(() => this.alerts().filter((a) => a.status === 'open').length);
  protected readonly mayResolve = computed(() => (this.auth.me()?.roles ?? []).some((r) => r !== 'agent'));

  constructor() {
    this.reload();
    const timer = setInterval(() => this.reload(), 60_000);
    const socket = this.socket.connect();
    const onEvent = (): void => this.reload();
    for (const e of Object.values(ALERT_EVENTS)) socket?.on(e, onEvent);
    inject(DestroyRef).onDestroy(() => {
      clearInterval(timer);
      for (const e of Object.values(ALERT_EVENTS)) socket?.off(e, onEvent);
    });
  }

  protected toggle(): void {
    this.open.update((o) => !o);
    if (this.open()) this.reload();
  }

  protected reload(): void {
    this.api.alerts().subscribe({ next: (a) => this.alerts.set(a), error: () => undefined });
  }

  protected ack(a: AlertInstance): void {
    this.api.acknowledge(a.id).subscribe({ next: () => this.reload(), error: () => this.reload() });
  }

  protected resolve(a: AlertInstance): void {
    const note = globalThis.prompt?.(`Resolve "${a.ruleName}" on ${a.scope}: what was done?`);
    if (!note) return;
    this.api.resolve(a.id, note).subscribe({ next: () => this.reload(), error: () => this.reload() });
  }

  protected openScope(a: AlertInstance): void {
    const link = alertScopeLink(a.scope, this.auth.me()?.roles ?? []);
    this.open.set(false);
    void this.router.navigate([link.path], { queryParams: link.queryParams });
  }

  private readonly org = inject(OrgApi).org;
  protected readonly kpiName = kpiLabel;
  protected scopeName(scope: string): string {
    return scopeLabel(scope, this.org());
  }
  /** In the KPI's own unit (AHT "5 m 42 s", not "342"). */
  protected fmt(kpi: string, v: number | null): string {
    return v === null ? 'no value' : formatKpi(kpi, v);
  }

  protected time(iso: string): string {
    return new Date(iso).toISOString().slice(11, 16) + ' UTC';
  }
}
