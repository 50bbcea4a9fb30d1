import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { ResolvedTarget } from '@floorwatch/contracts';
import { KpiApi } from '../core/api/kpi-api';
import { OrgApi } from '../core/api/org-api';
import { TargetsVersion } from '../core/api/targets-version';
import { TargetEditor, toApiValue } from './target-editor';

const AHT_SITE: ResolvedTarget = { kpi: 'ahtSeconds', scope: 'team:lon-t01', source: 'site:lon', value: 360, direction: 'lower', amberBand: 18 };
const AHT_OWN: ResolvedTarget = { ...AHT_SITE, source: 'team:lon-t01', value: 480 };

describe('target editor: units, confirmation, re-judging and reset', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<TargetEditor>;
  const el = () => fixture.nativeElement as HTMLElement;
  // No whenStable: a pending request keeps the app unstable.
  const render = async () => {
    TestBed.tick();
    fixture.detectChanges();
    await Promise.resolve();
    TestBed.tick();
    fixture.detectChanges();
  };
  const flushTargets = (rows: ResolvedTarget[]) =>
    http.match((r) => r.url === '/api/v1/targets' && r.method === 'GET').forEach((r) => r.flush(rows));
  const flushAudit = () => http.match((r) => r.url === '/api/v1/targets/audit').forEach((r) => r.flush([]));
  const set = (name: string, value: string, event = 'change') => {
    const e = el().querySelector(`[name=${name}]`) as HTMLInputElement | HTMLSelectElement;
    e.value = value;
    e.dispatchEvent(new Event(event));
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    void TestBed.inject(OrgApi).load();
    fixture = TestBed.createComponent(TargetEditor);
    fixture.componentRef.setInput('scopes', [{ scope: 'team:lon-t01', label: 'London Voice 1 (team)' }]);
    fixture.componentRef.setInput('kpis', ['ahtSeconds', 'handled']);
    await render();
    http.match('/api/v1/org').forEach((r) => r.flush({ sites: [{ id: 'lon', name: 'London', timezone: 'Europe/London' }], teams: [], agents: [], queues: [] }));
    flushTargets([AHT_SITE]);
    flushAudit();
    await render();
  });

  it('AHT is typed in minutes: "8" is 8 min = 480 s, and nothing is saved before "Confirm"', async () => {
    expect(toApiValue('8', 'min')).toBe(480);
    expect((el().querySelector('[name=unit]') as HTMLSelectElement).value).toBe('min');
    // The table says where the target comes from in words, not "site:lon".
    expect(el().querySelector('tbody td.src')?.textContent).toBe('London (inherited)');
    set('value', '8', 'input');
    await render();
    (el().querySelector('button[type=submit]') as HTMLButtonElement).click();
    await render();
    http.expectNone((r) => r.method === 'PUT');
    expect(el().querySelector('.confirm')?.textContent).toContain('to Target ≤ 8 m');
    expect(el().querySelector('.confirm')?.textContent).toContain('now Target ≤ 6 m, London (inherited)');
  });

  it('after "Confirm" the PUT carries seconds, and every KPI query on the page asks again (colours re-judged)', async () => {
    const kpis = TestBed.runInInjectionContext(() => TestBed.inject(KpiApi).resource(() => ({ scope: 'team:lon-t01', from: 'a', to: 'b' })));
    TestBed.tick();
    http.expectOne((r) => r.url === '/api/v1/kpis').flush({ scope: 'team:lon-t01', from: 'a', to: 'b', asOf: 'b', rows: [] });
    set('value', '8', 'input');
    await render();
    (el().querySelector('button[type=submit]') as HTMLButtonElement).click();
    await render();
    (Array.from(el().querySelectorAll('.confirm button')).find((b) => b.textContent?.includes('Confirm')) as HTMLButtonElement).click();
    const put = http.expectOne((r) => r.method === 'PUT' && r.url === '/api/v1/targets');
    expect(put.request.body).toEqual({ kpi: 'ahtSeconds', scope: 'team:lon-t01', value: 480, direction: 'lower', amberBand: null });
    put.flush(AHT_OWN);
    TestBed.tick();
    http.expectOne((r) => r.url === '/api/v1/kpis');
    flushTargets([AHT_OWN]);
    flushAudit();
    await render();
    expect(el().querySelector('[role=status]')?.textContent).toContain('Target ≤ 8 m');
    expect(kpis.isLoading()).toBe(true);
  });

  it('"Reset to inherited" is offered on a target set here and deletes it', async () => {
    TestBed.inject(TargetsVersion).bump();
    await render();
    flushTargets([AHT_OWN]);
    flushAudit();
    await render();
    const reset = Array.from(el().querySelectorAll('tbody button')).find((b) => b.textContent?.includes('Reset to inherited')) as HTMLButtonElement | undefined;
    expect(reset).toBeDefined();
    reset!.click();
    const del = http.expectOne((r) => r.method === 'DELETE');
    expect(del.request.params.get('kpi')).toBe('ahtSeconds');
    expect(del.request.params.get('scope')).toBe('team:lon-t01');
    del.flush(AHT_SITE);
    await render();
    expect(el().querySelector('[role=status]')?.textContent).toContain('now inherits Target ≤ 6 m (London (inherited))');
  });
});
