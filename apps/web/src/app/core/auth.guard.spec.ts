import { TestBed } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Router, UrlTree, provideRouter, type ActivatedRouteSnapshot, type RouterStateSnapshot } from '@angular/router';
import type { Me } from '@floorwatch/contracts';
import { authGuard, homeRedirectGuard, roleGuard } from './auth.guard';
import { AuthService } from './auth.service';

const route = {} as ActivatedRouteSnapshot;
const state = (url: string) => ({ url }) as RouterStateSnapshot;
const me = (roles: Me['roles']): Me => ({ username: 'u', roles, agentId: 'a7', teamIds: ['t1'], siteIds: [] });

describe('auth guards', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  const run = (guard: typeof authGuard, url = '/team') =>
    TestBed.runInInjectionContext(() => guard(route, state(url))) as Promise<boolean | UrlTree>;
  const serialize = (r: boolean | UrlTree) => (r instanceof UrlTree ? TestBed.inject(Router).serializeUrl(r) : r);

  it('without a token sends the user to /login and remembers where they were going', async () => {
    expect(serialize(await run(authGuard, '/team?scope=team:t1'))).toBe('/login?returnUrl=%2Fteam%3Fscope%3Dteam:t1');
  });

  it('with a token loads /me once and lets the user in', async () => {
    localStorage.setItem('floorwatch.token', 'jwt');
    const p = run(authGuard);
    http.expectOne('/api/v1/me').flush(me(['agent']));
    expect(await p).toBe(true);
    // second navigation: no second /me
    expect(await run(authGuard)).toBe(true);
  });

  it('a refused token (401 on /me) logs out and goes to /login', async () => {
    localStorage.setItem('floorwatch.token', 'stale');
    const p = run(authGuard);
    http.expectOne('/api/v1/me').flush({ message: 'Unauthorized' }, { status: 401, statusText: 'Unauthorized' });
    expect(serialize(await p)).toBe('/login?returnUrl=%2Fteam');
    expect(localStorage.getItem('floorwatch.token')).toBeNull();
  });

  it('a role guard sends a user without the role to their own home', async () => {
    localStorage.setItem('floorwatch.token', 'jwt');
    const p = run(roleGuard('manager'), '/manager');
    http.expectOne('/api/v1/me').flush(me(['agent']));
    expect(serialize(await p)).toBe('/agent');
    // /org was asked before /me answered (the server scopes it; the agent's own page uses it too)
    http.expectOne('/api/v1/org').flush({ sites: [], teams: [], agents: [], queues: [] });
  });

  it('a role guard lets the role (and admin) in, fetching /org and the page code alongside /me', async () => {
    localStorage.setItem('floorwatch.token', 'jwt');
    const loadComponent = jest.fn(() => Promise.resolve(class Page {}));
    const pageRoute = { routeConfig: { path: 'team', loadComponent } } as unknown as ActivatedRouteSnapshot;
    const p = TestBed.runInInjectionContext(() => roleGuard('team_leader', 'manager')(pageRoute, state('/team'))) as Promise<boolean | UrlTree>;
    // Both started while /me is still in flight: the first-render path runs them in parallel.
    expect(loadComponent).toHaveBeenCalledTimes(1);
    const org = http.expectOne('/api/v1/org');
    http.expectOne('/api/v1/me').flush(me(['team_leader']));
    expect(await p).toBe(true);
    org.flush({ sites: [], teams: [], agents: [], queues: [] });
  });

  it('a role guard without a token asks nothing but /login', async () => {
    const loadComponent = jest.fn(() => Promise.resolve(class Page {}));
    const pageRoute = { routeConfig: { path: 'team', loadComponent } } as unknown as ActivatedRouteSnapshot;
    const r = await (TestBed.runInInjectionContext(() => roleGuard('manager')(pageRoute, state('/team'))) as Promise<boolean | UrlTree>);
    expect(serialize(r)).toBe('/login?returnUrl=%2Fteam');
    expect(loadComponent).not.toHaveBeenCalled();
    http.expectNone('/api/v1/org');
  });

  it('/ goes to the home of the user’s role; several roles → the chosen one', async () => {
    localStorage.setItem('floorwatch.token', 'jwt');
    const p = run(homeRedirectGuard, '/');
    http.expectOne('/api/v1/me').flush(me(['agent', 'team_leader']));
    // team leader comes before agent in the default order
    expect(serialize(await p)).toBe('/team');
    TestBed.inject(AuthService).chooseRole('agent');
    expect(serialize(await run(homeRedirectGuard, '/'))).toBe('/agent');
  });
});
