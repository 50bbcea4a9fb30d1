import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { ROLES, type Role, type UserView } from '@floorwatch/contracts';
import type { Observable } from 'rxjs';
import { AdminApi } from '../../core/api/admin-api';
import { errorText } from '../../core/api/org-api';
import { AuthService, ROLE_LABEL } from '../../core/auth.service';
import { LoadState } from '../../shared/load-state';

const list = (s: string): string[] => s.split(',').map((x) => x.trim()).filter(Boolean);

@Component({
  selector: 'app-users-page',
  imports: [LoadState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // A flex box inside the cell, not on it: a flex td leaves the table layout and its borders drift.
  styles: `.row-actions { display: flex; gap: var(--fw-space-2); align-items: center; white-space: nowrap; }`,
  template: `
    <section class="fw-card">
      <header class="fw-card-head"><h2>Users</h2></header>
      @if (res.error()) {
        <app-load-state kind="error" [message]="err(res.error())" (retry)="res.reload()" />
      } @else if (!(res.hasValue() ? res.value() : undefined)) {
        <app-load-state kind="loading" />
      } @else {
        <div class="fw-scroll-x"><table class="fw-table">
          <thead><tr><th>Username</th><th>Roles</th><th>Agent</th><th>Teams</th><th>Sites</th><th>Status</th><th><span class="fw-visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            @for (u of (res.hasValue() ? res.value() : undefined); track u.username) {
              <tr><td>{{ u.username }}</td><td>{{ roleNames(u.roles) }}</td><td>{{ u.agentId ?? '—' }}</td>
                <td>{{ u.teamIds.join(', ') || '—' }}</td><td>{{ u.siteIds.join(', ') || '—' }}</td>
                <td>
                  @if (u.disabled) { <span class="fw-pill fw-status-red">Disabled</span> } @else { <span class="fw-pill fw-status-green">Active</span> }
                </td>
                <td><div class="row-actions">
                  @if (u.username === me()) {
                    <!-- The API refuses both for the signed-in admin: nobody would be left to undo it. -->
                    <span class="fw-small fw-muted">you</span>
                  } @else if (confirming() === u.username) {
                    <span class="fw-small" role="alert">Delete {{ u.username }}? Their sign-ins end at once; this cannot be undone.</span>
                    <button type="button" class="fw-btn danger" [disabled]="busy()" (click)="remove(u)">Yes, delete</button>
                    <button type="button" class="fw-btn" [disabled]="busy()" (click)="confirming.set(null)">Cancel</button>
                  } @else {
                    <button type="button" class="fw-btn" [disabled]="busy()" (click)="setDisabled(u, !u.disabled)" [attr.aria-label]="(u.disabled ? 'Enable ' : 'Disable ') + u.username">{{ u.disabled ? 'Enable' : 'Disable' }}</button>
                    <button type="button" class="fw-btn" [disabled]="busy()" (click)="confirming.set(u.username)" [attr.aria-label]="'Delete ' + u.username">Delete</button>
                  }
                </div></td></tr>
            }
          </tbody>
        </table></div>
        @if (rowError()) { <p class="fw-error-text" role="alert">{{ rowError() }}</p> }
      }
    </section>
    <section class="fw-card">
      <header class="fw-card-head"><h2>Add a user</h2></header>
      <form class="fw-form" (submit)="create($event)">
        <div class="fw-form-row">
          <label class="fw-field"><span>Username</span><input class="fw-input" required [value]="username()" (input)="username.set(v($event))" /></label>
          <label class="fw-field"><span>Password (min. 12)</span><input class="fw-input" type="password" required minlength="12" [value]="password()" (input)="password.set(v($event))" /></label>
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
          <button class="fw-btn primary" type="submit" [disabled]="busy() || !username() || password().length < 12 || picked().length === 0">Create user</button>
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
  /** The signed-in admin's row offers no disable/delete (the API refuses both). */
  private readonly auth = inject(AuthService);
  protected me(): string | null {
    return this.auth.me()?.username ?? null;
  }
  /** The user whose delete waits for a second click (the confirmation). */
  protected readonly confirming = signal<string | null>(null);
  protected readonly rowError = signal<string | null>(null);

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
  protected setDisabled(u: UserView, disabled: boolean): void {
    this.act(this.api.updateUser(u.username, { disabled }), `Could not ${disabled ? 'disable' : 'enable'} ${u.username}`);
  }
  protected remove(u: UserView): void {
    this.act(this.api.deleteUser(u.username), `Could not delete ${u.username}`);
  }
  /** One row action at a time; the list is read again after it so the row shows what the server holds. */
  private act(call: Observable<unknown>, failure: string): void {
    this.busy.set(true);
    this.rowError.set(null);
    call.subscribe({
      next: () => {
        this.busy.set(false);
        this.confirming.set(null);
        this.res.reload();
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.confirming.set(null);
        this.rowError.set(`${failure}: ${errorText(err)}`);
      },
    });
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
