import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { ActivatedRoute, Router } from '@angular/router';
import { AuthService } from '../../core/auth.service';
import { errorText } from '../../core/api/org-api';

@Component({
  selector: 'app-login-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './login-page.scss',
  template: `
    <div class="screen">
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

  protected val(e: Event): string {
    return (e.target as HTMLInputElement).value;
  }

  protected async submit(e: Event): Promise<void> {
    e.preventDefault();
    this.busy.set(true);
    this.error.set(null);
    try {
      const me = await this.auth.login(this.username().trim(), this.password());
      const returnUrl = this.route.snapshot.queryParamMap.get('returnUrl');
      // Only same-app paths, so a crafted link cannot bounce the user elsewhere.
      const target = returnUrl && returnUrl.startsWith('/') && !returnUrl.startsWith('//') && !returnUrl.startsWith('/login') ? returnUrl : this.auth.homeFor(me);
      await this.router.navigateByUrl(target);
    } catch (err: unknown) {
      const status = (err as { status?: number }).status;
      this.error.set(status === 401 ? 'Wrong username or password.' : errorText(err));
    } finally {
      this.busy.set(false);
    }
  }
}
