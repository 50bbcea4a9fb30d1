import { ChangeDetectionStrategy, Component, ElementRef, afterNextRender, inject, signal, viewChild } from '@angular/core';
import { ActivatedRoute, Router } from '@angular/router';
import type { Me } from '@floorwatch/contracts';
import { AuthService } from '../../core/auth.service';
import { errorText } from '../../core/api/org-api';

const SLOW_MS = 3_000;
const TIMEOUT_MS = 20_000;

class SignInTimeout extends Error {
  override readonly name = 'SignInTimeout';
}

/** What a person signing in should read: never a server exception's class name. */
export function signInError(err: unknown): string {
  if (err instanceof SignInTimeout) return `The server did not answer within ${TIMEOUT_MS / 1000} seconds. Please try again.`;
  const status = (err as { status?: number }).status;
  if (status === 401) return 'Wrong username or password.';
  if (status === 429) return 'Too many sign-in attempts. Wait a minute, then try again.';
  if (status === 0) return 'The server cannot be reached. Check your connection and try again.';
  if (status !== undefined && status >= 500) return 'The server could not sign you in just now. Please try again.';
  return errorText(err);
}

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
          <input #user class="fw-input" name="username" autocomplete="username" autofocus required [value]="username()" (input)="username.set(val($event))" />
        </label>
        <label class="fw-field"><span>Password</span>
          <input class="fw-input" name="password" type="password" autocomplete="current-password" required (input)="password.set(val($event))" />
        </label>
        @if (error()) {
          <p class="fw-error-text" role="alert">{{ error() }}</p>
        } @else if (slow()) {
          <p class="fw-small fw-muted" role="status">Still signing in — the server is busy…</p>
        }
        <button class="fw-btn primary go" type="submit" [disabled]="busy() || !username() || !password()" [attr.aria-busy]="busy() || null">
          @if (busy()) { <span class="spinner" aria-hidden="true"></span> Signing in… } @else { Sign in }
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
  /** The answer is taking longer than a sign-in should: say so rather than sit silent. */
  protected readonly slow = signal(false);
  private readonly user = viewChild<ElementRef<HTMLInputElement>>('user');

  constructor() {
    afterNextRender(() => this.user()?.nativeElement.focus());
  }

  protected val(e: Event): string {
    return (e.target as HTMLInputElement).value;
  }

  protected async submit(e: Event): Promise<void> {
    e.preventDefault();
    this.busy.set(true);
    this.error.set(null);
    const slowTimer = setTimeout(() => this.slow.set(true), SLOW_MS);
    let gaveUp: ReturnType<typeof setTimeout> | undefined;
    try {
      const me = await Promise.race([
        this.auth.login(this.username().trim(), this.password()),
        new Promise<never>((_, reject) => (gaveUp = setTimeout(() => reject(new SignInTimeout()), TIMEOUT_MS))),
      ]);
      if (me.mustChangePassword) {
        // The form asks for the current password again (typed fresh, not carried over).
        this.password.set('');
        this.mustChange.set(true);
        return;
      }
      await this.goOn(me);
    } catch (err: unknown) {
      this.error.set(signInError(err));
    } finally {
      clearTimeout(slowTimer);
      clearTimeout(gaveUp);
      this.slow.set(false);
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
