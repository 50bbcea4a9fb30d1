import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { filter, map } from 'rxjs';
import type { Role } from '@floorwatch/contracts';
import { OrgApi } from './core/api/org-api';
import { AuthService, ROLE_HOME, ROLE_LABEL } from './core/auth.service';
import { SocketService } from './core/socket.service';
import { ConnectionIndicator } from './shared/connection-indicator';
import { AlertBell } from './shared/alerts/alert-bell';

@Component({
  selector: 'app-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, ConnectionIndicator, AlertBell],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './app.scss',
  template: `
    @if (chrome()) {
      <header class="bar">
        <a class="brand" [routerLink]="home()" aria-label="Floorwatch home">
          <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true"><rect x="2" y="12" width="4" height="10" rx="1" fill="#8fb3e8"/><rect x="10" y="6" width="4" height="16" rx="1" fill="#5b8bd6"/><rect x="18" y="2" width="4" height="20" rx="1" fill="#fff"/></svg>
          Floorwatch
        </a>
        @if (roles().length > 1) {
          <nav class="roles" aria-label="Role">
            @for (r of roles(); track r) {
              <a [routerLink]="roleHome[r]" routerLinkActive="active" (click)="auth.chooseRole(r)">{{ roleLabel[r] }}</a>
            }
          </nav>
        } @else if (roles().length === 1) {
          <span class="role">{{ roleLabel[roles()[0]] }}</span>
        }
        <span class="spacer"></span>
        <app-alert-bell />
        <!-- Admin pages subscribe to nothing live: a "Not live" there would only alarm. -->
        @if (auth.activeRole() !== 'admin') {
          <app-connection-indicator />
        }
        <span class="user">{{ auth.me()?.username }}</span>
        <button type="button" class="fw-btn sm ghost signout" (click)="logout()">Sign out</button>
      </header>
    }
    <main [class.bare]="!chrome()"><router-outlet /></main>
  `,
})
export class App {
  protected readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly socket = inject(SocketService);
  private readonly org = inject(OrgApi);
  protected readonly roleHome = ROLE_HOME;
  protected readonly roleLabel = ROLE_LABEL;
  private readonly url = toSignal(
    this.router.events.pipe(
      filter((e): e is NavigationEnd => e instanceof NavigationEnd),
      map((e) => e.urlAfterRedirects),
    ),
    { initialValue: this.router.url },
  );
  protected readonly roles = computed<Role[]>(() => this.auth.me()?.roles ?? []);
  protected readonly home = computed(() => this.auth.homeFor(this.auth.me()));
  protected readonly chrome = computed(() => {
    const u = this.url();
    return this.auth.me() !== null && !u.startsWith('/login') && !u.startsWith('/desk/wallboard');
  });

  protected async logout(): Promise<void> {
    await this.auth.signOut();
    this.socket.disconnect();
    this.org.clear();
    void this.router.navigate(['/login']);
  }
}
