import { TestBed } from '@angular/core/testing';
import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { convertToParamMap, provideRouter, type ActivatedRouteSnapshot, type RouterStateSnapshot } from '@angular/router';
import type { KpiApiResult, Me, OrgView } from '@floorwatch/contracts';
import { KpiApi } from '../../core/api/kpi-api';
import { PREFETCH_TTL_MS, PrefetchCache, prefetchInterceptor } from '../../core/api/prefetch';
import { authInterceptor } from '../../core/auth.interceptor';
import { prefetchAgentSummary } from './agent-view';

const ROLES = ['agent', 'team_leader', 'manager'] as const;
const me = (roles: Me['roles']): Me => ({ username: 'u', roles, agentId: 'a7', teamIds: ['t1'], siteIds: [] });
const org: OrgView = {
  sites: [{ id: 's1', name: 'Chicago', timezone: 'America/Chicago' }],
  teams: [{ id: 't1', name: 'Team 1', siteId: 's1' }],
  agents: [
    { id: 'a7', name: 'Ana', teamId: 't1', siteId: 's1' },
    { id: 'a9', name: 'Ben', teamId: 't1', siteId: 's1' },
  ],
  queues: [],
} as unknown as OrgView;
const answer = { rows: [{ key: 'agent:a7', handled: 41 }] } as unknown as KpiApiResult;
// 16:00 UTC = 10:00 in Chicago (CST, UTC-6): "today" there is 2026-11-25, 06:00Z → 06:00Z next day.
const NOW = new Date('2026-11-25T16:00:00.000Z');
const TODAY = { from: '2026-11-25T06:00:00.000Z', to: '2026-11-26T06:00:00.000Z' };

describe('agent page first render: the tiles’ query starts before the page’s code has loaded', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'setInterval'] });
    localStorage.clear();
    localStorage.setItem('floorwatch.token', 'jwt');
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor, prefetchInterceptor])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  const open = (query: Record<string, string> = {}) =>
    TestBed.runInInjectionContext(() =>
      prefetchAgentSummary(ROLES)({ queryParamMap: convertToParamMap(query) } as ActivatedRouteSnapshot, { url: '/agent' } as RouterStateSnapshot),
    );
  const flushed = () => new Promise((r) => setTimeout(r, 0));
  const kpis = (): TestRequest[] => http.match((r) => r.url === '/api/v1/kpis');
  const sent = (r: TestRequest) => Object.fromEntries(r.request.params.keys().map((k) => [k, r.request.params.get(k)]));
  async function answerMeAndOrg(user: Me): Promise<void> {
    http.expectOne('/api/v1/me').flush(user);
    http.expectOne('/api/v1/org').flush(org);
    await flushed();
  }

  it('asks for the agent’s own day in the site’s zone once /me and /org answer, without holding the navigation', async () => {
    expect(open()).toBe(true); // returned before /me answered
    expect(kpis()).toHaveLength(0); // the zone is not known yet
    await answerMeAndOrg(me(['agent']));
    const [req, ...more] = kpis();
    expect(more).toHaveLength(0);
    expect(sent(req)).toEqual({ scope: 'agent:a7', from: TODAY.from, to: TODAY.to, tz: 'America/Chicago' });
    expect(req.request.headers.get('Authorization')).toBe('Bearer jwt');
    req.flush(answer);
  });

  it('the page’s own resource for that query takes the answer: one request to the server', async () => {
    open();
    await answerMeAndOrg(me(['agent']));
    const [prefetch] = kpis();
    const summary = TestBed.runInInjectionContext(() =>
      TestBed.inject(KpiApi).resource(() => ({ scope: 'agent:a7', ...TODAY, tz: 'America/Chicago' })),
    );
    TestBed.tick();
    expect(kpis()).toHaveLength(0); // the page asked, nothing new went out
    prefetch.flush(answer);
    await flushed();
    TestBed.tick();
    expect(summary.value()).toEqual(answer);
  });

  it('hands the answer over once: a later identical request (a refresh) asks the server', async () => {
    open();
    await answerMeAndOrg(me(['agent']));
    const client = TestBed.inject(HttpClient);
    // Same query, parameters in another order: still the same request.
    const first = jest.fn();
    client.get('/api/v1/kpis', { params: { tz: 'America/Chicago', to: TODAY.to, scope: 'agent:a7', from: TODAY.from } }).subscribe(first);
    kpis()[0].flush(answer);
    expect(first).toHaveBeenCalledWith(answer);
    client.get('/api/v1/kpis', { params: { scope: 'agent:a7', ...TODAY, tz: 'America/Chicago' } }).subscribe();
    const [again] = kpis();
    expect(again.request.params.get('scope')).toBe('agent:a7');
    again.flush(answer);
  });

  it('an answer nobody took within the TTL is not handed to a later visit', async () => {
    open();
    await answerMeAndOrg(me(['agent']));
    const cache = TestBed.inject(PrefetchCache);
    const realNow = cache.now;
    cache.now = () => realNow() + PREFETCH_TTL_MS + 1;
    TestBed.inject(HttpClient).get('/api/v1/kpis', { params: { scope: 'agent:a7', ...TODAY, tz: 'America/Chicago' } }).subscribe();
    expect(kpis()).toHaveLength(2); // the stale prefetch and the page's fresh request
  });

  it('a team leader opening an agent’s link prefetches that agent and that day', async () => {
    open({ scope: 'agent:a9', date: '2026-11-20' });
    await answerMeAndOrg(me(['team_leader']));
    const [req] = kpis();
    // 2026-11-20 in Chicago: 06:00Z that day to 06:00Z the next.
    expect(sent(req)).toEqual({ scope: 'agent:a9', from: '2026-11-20T06:00:00.000Z', to: '2026-11-21T06:00:00.000Z', tz: 'America/Chicago' });
    req.flush(answer);
  });

  it('asks nothing for a user the page’s role guard turns away', async () => {
    open();
    await answerMeAndOrg(me(['control_desk']));
    expect(kpis()).toHaveLength(0);
  });

  it('without /org (it failed) the page asks by itself; nothing is prefetched', async () => {
    open();
    http.expectOne('/api/v1/me').flush(me(['agent']));
    http.expectOne('/api/v1/org').flush({ message: 'boom' }, { status: 500, statusText: 'Server Error' });
    await flushed();
    expect(kpis()).toHaveLength(0);
  });
});
