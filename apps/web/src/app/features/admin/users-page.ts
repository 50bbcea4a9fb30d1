import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { ROLES, type Role } from '@floorwatch/contracts';
import { AdminApi } from '../../core/api/admin-api';
import { errorText } from '../../core/api/org-api';
import { ROLE_LABEL } from '../../core/auth.service';
import { LoadState } from '../../shared/load-state';

const list = (s: string): string[] => s.split(',').map((x) => x.trim()).filter(Boolean);

@Component({
  selector: 'app-users-page',
  imports: [LoadState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="fw-card">
      <header class="fw-card-head"><h2>Users</h2></header>
      @if (res.error()) {
        <app-load-state kind="error" [message]="err(res.error())" (retry)="res.reload()" />
      } @else if (!(res.hasValue() ? res.value() : undefined)) {
        <app-load-state kind="loading" />
      } @else {
        <div class="fw-scroll-x"><table class="fw-table">
          <thead><tr><th>Username</th><th>Roles</th><th>Agent</th><th>Teams</th><th>Sites</th></tr></thead>
          <tbody>
            @for (u of (res.hasValue() ? res.value() : undefined); track u.username) {
              <tr><td>{{ u.username }}</td><td>{{ roleNames(u.roles) }}</td><td>{{ u.agentId ?? '—' }}</td>
                <td>{{ u.teamIds.join(', ') || '—' }}</td><td>{{ u.siteIds.join(', ') || '—' }}</td></tr>
            }
          </tbody>
        </table></div>
      }
    </section>
    <section class="fw-card">
      <header class="fw-card-head"><h2>Add a user</h2></header>
      <form class="fw-form" (submit)="create($event)">
        <div class="fw-form-row">
          <label class="fw-field"><span>Username</span><input class="fw-input" required [value]="username()" (input)="username.set(v($event))" /></label>
          <label class="fw-field"><span>Password (min. 8)</span><input class="fw-input" type="password" required minlength="8" [value]="password()" (input)="password.set(v($event))" /></label>
          <label class="fw-field"><span>Agent id</span><input class="fw-input" [value]="agentId()" (input)="agentId.set(v($event))" /></label>
          <label class="fw-field"><span>Team ids (comma)</span><input class="fw-input" [value]="teams()" (input)="teams.set(v($event))" /></label>
          <label class="fw-field"><span>Site ids (comma)</span><input class="fw-input" [value]="sites()" (input)="sites.set(v($event))" /></label>
        </div>
        <fieldset class="fw-form-row" style="border: 0; padding: 0"><legend class="fw-small fw-muted">Roles</legend>
          @for (r of roles; track r) {
            <label class="fw-small"><input type="checkbox" [checked]="picked().includes(r)" (change)="toggle(r)" /> {{ roleLabel[r] }}</label>
          }
        </fieldset>
        <div class="fw-form-row">
          <button class="fw-btn primary" type="submit" [disabled]="busy() || !username() || password().length < 8 || picked().length === 0">Create user</button>
          @if (error()) { <span class="fw-error-text" role="alert">{{ error() }}</span> }
          @if (done()) { <span class="fw-ok-text" role="status">✓ {{ done() }}</span> }
        </div>
      </form>
    </section>
  `,
})
export class UsersPage {
  private readonly api = inject(AdminApi);
  protected readonly roles = ROLES;
  protected readonly roleLabel = ROLE_LABEL;
  protected readonly res = this.api.users();
  protected readonly username = signal('');
  protected readonly password = signal('');
  protected readonly agentId = signal('');
  protected readonly teams = signal('');
  protected readonly sites = signal('');
  protected readonly picked = signal<Role[]>(['agent']);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly done = signal<string | null>(null);

  protected v(e: Event): string {
    return (e.target as HTMLInputElement).value;
  }
  protected err(e: unknown): string {
    return errorText(e);
  }
  protected roleNames(rs: Role[]): string {
    return rs.map((r) => ROLE_LABEL[r]).join(', ');
  }
  protected toggle(r: Role): void {
    this.picked.update((p) => (p.includes(r) ? p.filter((x) => x !== r) : [...p, r]));
  }
  protected create(e: Event): void {
    e.preventDefault();
    this.busy.set(true);
    this.error.set(null);
    this.done.set(null);
    this.api
      .createUser({ username: this.username().trim(), password: this.password(), roles: this.picked(), agentId: this.agentId().trim() || null, teamIds: list(this.teams()), siteIds: list(this.sites()) })
      .subscribe({
        next: (u) => {
          this.busy.set(false);
          this.done.set(`${u.username} created.`);
          this.password.set('');
          this.res.reload();
        },
        error: (err: unknown) => {
          this.busy.set(false);
          this.error.set(errorText(err));
        },
      });
  }
}
