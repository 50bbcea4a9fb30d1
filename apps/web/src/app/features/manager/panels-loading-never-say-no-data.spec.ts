import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, input, type Type } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { KpiApiResult, KpiRowWithTargets } from '@floorwatch/contracts';
import type { ChartOption } from '../../shared/chart-options';
import { Chart } from '../../shared/chart';
import { LoadState } from '../../shared/load-state';
import { SelfServicePanel } from '../selfservice/self-service-panel';
import { CrossChannel } from './cross-channel';

/** echarts draws nothing in jsdom: the stub keeps the chart's accessible summary to read. */
@Component({ selector: 'app-chart', template: `<div role="img" [attr.aria-label]="summary()"></div>` })
class StubChart {
  readonly options = input<ChartOption>({});
  readonly summary = input('Chart');
}

// A loaded machine answers the manager's panels in seconds: until then a tile says "…" and a
// chart "Loading…", never "No data" / "No self-service sessions in this period." (a screenshot of
// the 7-day demo under load showed both at once, beside a spinner).
const WEEK = { from: '2026-11-30T00:00:00.000Z', to: '2026-12-07T00:00:00.000Z', asOf: '2026-12-05T11:00:00.000Z' };
const all = (kpis: Record<string, number | null>): KpiRowWithTargets => ({ key: 'all', kpis, targets: {} }) as unknown as KpiRowWithTargets;
const result = (rows: KpiRowWithTargets[]): KpiApiResult => ({ scope: 'enterprise', ...WEEK, rows });

async function render(fixture: ComponentFixture<unknown>): Promise<void> {
  for (let i = 0; i < 3; i++) {
    TestBed.tick();
    fixture.detectChanges();
    await Promise.resolve();
  }
}

function open<T>(type: Type<T>): { fixture: ComponentFixture<T>; http: HttpTestingController } {
  TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
  TestBed.overrideComponent(type, { remove: { imports: [Chart] }, add: { imports: [StubChart] } });
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(type);
  fixture.componentRef.setInput('scope', 'enterprise');
  fixture.componentRef.setInput('from', WEEK.from);
  fixture.componentRef.setInput('to', WEEK.to);
  return { fixture, http };
}

describe('manager panels while their figures load', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('a loading placeholder shows "Loading…" even when the panel passes its empty text', async () => {
    const fixture = TestBed.createComponent(LoadState);
    fixture.componentRef.setInput('kind', 'loading');
    fixture.componentRef.setInput('message', 'No self-service sessions in this period.');
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).textContent?.trim()).toBe('Loading…');
    fixture.componentRef.setInput('kind', 'empty');
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('No self-service sessions in this period.');
  });

  it('cross-channel consistency: "…" while loading, then 68.8 from the answer; never "No data" before it', async () => {
    const { fixture, http } = open(CrossChannel);
    await render(fixture);
    const el = fixture.nativeElement as HTMLElement;
    expect(el.textContent).not.toContain('No data');
    expect(el.textContent).not.toContain('No survey responses');
    expect(el.querySelectorAll('app-kpi-tile [aria-busy=true]').length).toBe(3);
    for (const r of http.match((q) => q.url === '/api/v1/kpis')) {
      r.flush(result(r.request.params.get('by') ? [] : [all({ consistencyIndex: 68.75894988066827, crossChannelRepeatPct: null, channelFcrSpreadPts: null })]));
    }
    await render(fixture);
    for (const r of http.match((q) => q.url === '/api/v1/kpis')) r.flush(result([]));
    await render(fixture);
    expect(el.querySelectorAll('app-kpi-tile [aria-busy=true]').length).toBe(0);
    expect(el.textContent).toContain('68.8');
    // The two operational figures really are absent in this answer: now, and only now, "No data".
    expect(el.textContent).toContain('No data');
  });

  it('self-service: tiles "…" while loading; "Contacts per journey" reads "Hidden" until journeys are shown', async () => {
    const { fixture, http } = open(SelfServicePanel);
    await render(fixture);
    const el = fixture.nativeElement as HTMLElement;
    expect(el.textContent).not.toContain('No data');
    expect(el.textContent).not.toContain('No self-service sessions in this period.');
    expect(el.textContent).toContain('Hidden');
    // 11 tiles; the journeys tile is not being fetched, so 10 are busy.
    expect(el.querySelectorAll('app-kpi-tile').length).toBe(11);
    expect(el.querySelectorAll('app-kpi-tile [aria-busy=true]').length).toBe(10);
    for (const r of http.match((q) => q.url === '/api/v1/kpis')) {
      r.flush(result(r.request.params.get('by') ? [] : [all({ ivrOffered: 18_107, ivrContainmentPct: 41.62153012863914 })]));
    }
    await render(fixture);
    expect(el.querySelectorAll('app-kpi-tile [aria-busy=true]').length).toBe(0);
    expect(el.textContent).toContain('18,107');
    expect(el.textContent).toContain('41.6 %');
  });
});
