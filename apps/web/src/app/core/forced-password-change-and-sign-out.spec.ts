import { TestBed } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Router, UrlTree, provideRouter, type ActivatedRouteSnapshot, type RouterStateSnapshot } from '@angular/router';
import type { Me } from '@floorwatch/contracts';
import { authGuard } from './auth.guard';
import { AuthService } from './auth.service';

/** Issue 20 item 2, web side: a forced password change comes first; signing out ends the token on the server. */
describe('forced password change and sign-out', () => {
  let http: HttpTestingController;
  const admin: Me = { username: 'admin', roles: ['admin'], agentId: null, teamIds: [], siteIds: [] };

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  it('a user who must change their password is kept on /login', async () => {
    localStorage.setItem('floorwatch.token', 'jwt');
    const p = TestBed.runInInjectionContext(() => authGuard({} as ActivatedRouteSnapshot, { url: '/admin' } as RouterStateSnapshot)) as Promise<UrlTree>;
    http.expectOne('/api/v1/me').flush({ ...admin, mustChangePassword: true });
    expect(TestBed.inject(Router).serializeUrl(await p)).toBe('/login?returnUrl=%2Fadmin');
  });

  it('changePassword sends the current and new password and keeps the fresh token', async () => {
    localStorage.setItem('floorwatch.token', 'old');
    const auth = TestBed.inject(AuthService);
    const p = auth.changePassword('one-time', 'my own passphrase');
    const req = http.expectOne('/api/v1/me/password');
    expect([req.request.method, req.request.body]).toEqual(['PATCH', { currentPassword: 'one-time', newPassword: 'my own passphrase' }]);
    req.flush({ accessToken: 'fresh' });
    await Promise.resolve();
    http.expectOne('/api/v1/me').flush(admin);
    expect(await p).toEqual(admin);
    expect(localStorage.getItem('floorwatch.token')).toBe('fresh');
  });

  it('signOut calls POST auth/logout, then forgets the token', async () => {
    localStorage.setItem('floorwatch.token', 'jwt');
    const auth = TestBed.inject(AuthService);
    const p = auth.signOut();
    const req = http.expectOne('/api/v1/auth/logout');
    expect(req.request.method).toBe('POST');
    req.flush(null, { status: 204, statusText: 'No Content' });
    await p;
    expect(localStorage.getItem('floorwatch.token')).toBeNull();
    expect(auth.isLoggedIn()).toBe(false);
  });
});
