import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { ActivatedRoute, Router } from '@angular/router';
import type { Me } from '@floorwatch/contracts';
import { AuthService } from '../../core/auth.service';
import { errorText } from '../../core/api/org-api';

@Component({
  selector: 'app-login-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './login-page.scss',
  template: `
    <div class="screen">
      @if (mustChange()) {
      <form class="card" (submit)="change($event)" aria-labelledby="change-title">
        <h1 id="change-title">Choose a new password</h1>
        <p class="fw-muted fw-small">Your password was set for you; choose your own (at least 12 characters) before going on.</p>
        <label class="fw-field"><span>Current password</span>
          <input class="fw-input" name="currentPassword" type="password" autocomplete="current-password" required (input)="password.set(val($event))" />
        </label>
        <label class="fw-field"><span>New password</span>
          <input class="fw-input" name="newPassword" type="password" autocomplete="new-password" required minlength="12" (input)="newPassword.set(val($event))" />
        </label>
        @if (error()) {
          <p class="fw-error-text" role="alert">{{ error() }}</p>
        }
        <button class="fw-btn primary go" type="submit" [disabled]="busy() || !password() || newPassword().length < 12">
          {{ busy() ? 'Saving…' : 'Save and continue' }}
        </button>
      </form>
      } @else {
      <form class="card" (submit)="submit($event)" aria-labelledby="login-title">
        <div class="brand" aria-hidden="true">
          <svg width="34" height="34" viewBox="0 0 24 24"><rect x="2" y="12" width="4" height="10" rx="1" fill="#8fb3e8"/><rect x="10" y="6" width="4" height="16" rx="1" fill="#5b8bd6"/><rect x="18" y="2" width="4" height="20" rx="1" fill="#2456a6"/></svg>
        </div>
        <h1 id="login-title">Sign in to Floorwatch</h1>
        <p class="fw-muted fw-small">Contact-centre performance, live.</p>
        <label class="fw-field"><span>Username</span>
          <input class="fw-input" name="username" autocomplete="username" required [value]="username()" (input)="username.set(val($event))" />
        </label>
        <label class="fw-field"><span>Password</span>
          <input class="fw-input" name="password" type="password" autocomplete="current-password" required (input)="password.set(val($event))" />
        </label>
        @if (error()) {
          <p class="fw-error-text" role="alert">{{ error() }}</p>
        }
        <button class="fw-btn primary go" type="submit" [disabled]="busy() || !username() || !password()">
          {{ busy() ? 'Signing in…' : 'Sign in' }}
        </button>
      </form>
      }
    </div>
  `,
})
export class LoginPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly username = signal('');
  protected readonly password = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly newPassword = signal('');
  /** Signed in with a password that must be changed first (first-start admin, admin reset). */
  protected readonly mustChange = signal(this.auth.me()?.mustChangePassword === true);

  protected val(e: Event): string {
    return (e.target as HTMLInputElement).value;
  }

  protected async submit(e: Event): Promise<void> {
    e.preventDefault();
    this.busy.set(true);
    this.error.set(null);
    try {
      const me = await this.auth.login(this.username().trim(), this.password());
      if (me.mustChangePassword) {
        // The form asks for the current password again (typed fresh, not carried over).
        this.password.set('');
        this.mustChange.set(true);
        return;
      }
      await this.goOn(me);
    } catch (err: unknown) {
      const status = (err as { status?: number }).status;
      this.error.set(status === 401 ? 'Wrong username or password.' : errorText(err));
    } finally {
      this.busy.set(false);
    }
  }

  protected async change(e: Event): Promise<void> {
    e.preventDefault();
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.goOn(await this.auth.changePassword(this.password(), this.newPassword()));
    } catch (err: unknown) {
      const status = (err as { status?: number }).status;
      this.error.set(status === 403 ? 'The current password is wrong.' : errorText(err));
    } finally {
      this.busy.set(false);
    }
  }

  private async goOn(me: Me): Promise<void> {
    const returnUrl = this.route.snapshot.queryParamMap.get('returnUrl');
    // Only same-app paths, so a crafted link cannot bounce the user elsewhere.
    const target = returnUrl && returnUrl.startsWith('/') && !returnUrl.startsWith('//') && !returnUrl.startsWith('/login') ? returnUrl : this.auth.homeFor(me);
    await this.router.navigateByUrl(target);
  }
}
