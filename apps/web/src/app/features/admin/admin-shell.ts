import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

@Component({
  selector: 'app-admin-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="fw-page">
      <div class="fw-page-head"><div class="fw-page-title"><h1>Administration</h1></div></div>
      <nav class="fw-tabs" aria-label="Admin sections">
        <a routerLink="feeds" routerLinkActive="active">Feeds</a>
        <a routerLink="quarantine" routerLinkActive="active">Quarantine</a>
        <a routerLink="users" routerLinkActive="active">Users</a>
        <a routerLink="org" routerLinkActive="active">Organisation</a>
      </nav>
      <router-outlet />
    </div>
  `,
})
export class AdminShell {}
