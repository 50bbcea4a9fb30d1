import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { LoginPage, signInError } from './login-page';

describe('sign-in: focus, progress, time-out and readable errors', () => {
  let http: HttpTestingController;
  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
  });

  async function render() {
    const fixture = TestBed.createComponent(LoginPage);
    fixture.detectChanges();
    TestBed.tick();
    const el = fixture.nativeElement as HTMLElement;
    const type = (name: string, v: string) => {
      const i = el.querySelector(`input[name=${name}]`) as HTMLInputElement;
      i.value = v;
      i.dispatchEvent(new Event('input'));
    };
    return { fixture, el, type };
  }

  it('puts the cursor in the username field', async () => {
    const { el } = await render();
    expect(document.activeElement).toBe(el.querySelector('input[name=username]'));
  });

  it('shows "Signing in…", then "still signing in" after 3 s, and gives up with a message after 20 s', async () => {
    const { fixture, el, type } = await render();
    jest.useFakeTimers();
    try {
      type('username', 'lead');
      type('password', 'floorwatch');
      fixture.detectChanges();
      (el.querySelector('button[type=submit]') as HTMLButtonElement).click();
      fixture.detectChanges();
      expect(el.querySelector('button[type=submit]')?.textContent).toContain('Signing in…');
      http.expectOne('/api/v1/auth/login'); // never answered
      jest.advanceTimersByTime(3_000);
      fixture.detectChanges();
      expect(el.querySelector('[role=status]')?.textContent).toContain('Still signing in');
      jest.advanceTimersByTime(17_000);
      await Promise.resolve();
      await Promise.resolve();
      fixture.detectChanges();
      expect(el.querySelector('[role=alert]')?.textContent).toContain('did not answer within 20 seconds');
      expect((el.querySelector('button[type=submit]') as HTMLButtonElement).textContent).toContain('Sign in');
    } finally {
      jest.useRealTimers();
    }
  });

  it('says throttling in words, never "ThrottlerException"', () => {
    expect(signInError({ status: 429, error: { message: 'ThrottlerException: Too Many Requests' } })).toBe('Too many sign-in attempts. Wait a minute, then try again.');
    expect(signInError({ status: 401 })).toBe('Wrong username or password.');
  });
});
