import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ForecastAccuracyView, GapRowView } from '../../../core/api/action-api';
import { GapDecomposition } from './gap-decomposition';

// Chicago, Sat 5 Dec 2026 12:50 local. The interval 12:45 is still running: no hindsight, so the
// heading must not read "Gap against what was really needed: – agents" (the desk screenshot did).
const gap = (key: string, g: Partial<GapRowView>): GapRowView => ({
  key, requiredAgents: 70, requiredInHindsight: null, scheduledAgents: 78, actualAgents: 70,
  forecastErrorAgents: null, scheduleGap: null, attendanceGap: -8, hindsightGap: null, ...g,
});

async function open(intervalStart: string, gaps: GapRowView[]): Promise<HTMLElement> {
  TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(GapDecomposition);
  fixture.componentRef.setInput('siteId', 'chi');
  fixture.componentRef.setInput('from', '2026-12-05T06:00:00.000Z');
  fixture.componentRef.setInput('to', '2026-12-06T06:00:00.000Z');
  fixture.componentRef.setInput('intervalStart', intervalStart);
  TestBed.tick();
  const body: ForecastAccuracyView = { site: 'chi', rows: [], gaps };
  http.expectOne((r) => r.url === '/api/v1/forecast-accuracy').flush(body);
  for (let i = 0; i < 3; i++) {
    TestBed.tick();
    fixture.detectChanges();
    await Promise.resolve();
  }
  return fixture.nativeElement as HTMLElement;
}

describe('the desk\'s gap decomposition on an interval still running and on an ended one', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('running interval: the heading has no number and no dash; the text says why', async () => {
    const el = await open('2026-12-05T18:45:00.000Z', [gap('2026-12-05T18:45:00.000Z', {})]);
    expect(el.querySelector('h3')?.textContent?.trim()).toBe('Gap against what was really needed');
    expect(el.textContent).toContain('No hindsight for this interval');
    expect(el.textContent).not.toContain('–');
  });

  it('ended interval (action.md: 2 + 5 − 10 = −3): heading "−3 agents", legend +2 / +5 / −10', async () => {
    // required 100 vs 98 in hindsight → forecast +2; scheduled 105 vs 100 → schedule +5; on hand 95 vs 105 → attendance −10.
    const el = await open('2026-12-05T16:00:00.000Z', [
      gap('2026-12-05T16:00:00.000Z', { requiredAgents: 100, requiredInHindsight: 98, scheduledAgents: 105, actualAgents: 95, forecastErrorAgents: 2, scheduleGap: 5, attendanceGap: -10, hindsightGap: -3 }),
    ]);
    expect(el.querySelector('h3')?.textContent?.trim()).toBe('Gap against what was really needed: -3 agents');
    const legend = Array.from(el.querySelectorAll('.legend strong')).map((s) => s.textContent?.trim());
    expect(legend).toEqual(['+2', '+5', '-10']);
  });
});
