import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ActivityEffectResult } from '@floorwatch/contracts';
import { TrainingPage } from './training-page';

// The 3-day demo's training page over 1 working day: FCR waits 7 days for repeats, so no FCR DiD;
// the row read "– / – → –". A manager reads "No data" (muted) where there is no figure, and the
// before → after line only where both exist.
const RESULT: ActivityEffectResult = {
  scope: 'enterprise', from: '2026-10-06', to: '2026-12-06', asOf: '2026-12-05T19:40:00.000Z', by: 'name',
  rows: [
    {
      key: 'training', agents: 14, controlAgents: 124, paidSeconds: 54_000, trainingCost: 469, dailyBenefit: 196, paybackDays: 2.4, pending: false,
      kpis: {
        // AHT DiD = (396 − 411) − (control's change +18.7) = −33.7
        ahtSeconds: { before: 411, after: 396, delta: -15, controlBefore: 400, controlAfter: 418.7, did: -33.7 },
        fcrPct: { before: null, after: null, delta: null, controlBefore: null, controlAfter: null, did: null },
      },
    },
    { key: 'coaching', agents: 2, controlAgents: 0, paidSeconds: 3_600, trainingCost: 30, dailyBenefit: null, paybackDays: null, pending: true, kpis: {} },
  ],
} as unknown as ActivityEffectResult;

describe('training effectiveness: absent figures say "No data", never a dash', () => {
  it('a measured AHT reads −33.7 with 411 → 396; FCR, benefit and payback without a figure read "No data"', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(TrainingPage);
    TestBed.tick();
    for (const r of http.match(() => true)) {
      if (r.request.url.endsWith('/activity-effect')) r.flush(RESULT);
    }
    for (let i = 0; i < 3; i++) {
      TestBed.tick();
      fixture.detectChanges();
      await Promise.resolve();
    }
    const el = fixture.nativeElement as HTMLElement;
    const rows = Array.from(el.querySelectorAll('[data-testid=training-effect] tbody tr'));
    const cells = (tr: Element) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent?.replace(/\s+/g, ' ').trim());
    const training = cells(rows[0]);
    expect(training[5]).toBe('-33.7 411 → 396');
    expect(training[8]).toBe('No data'); // FCR
    expect(training.slice(9)).toEqual(['196', '2.4 d']);
    const coaching = cells(rows[1]);
    expect(coaching.slice(5)).toEqual(['No data', 'No data', 'No data', 'No data', 'No data', 'No data']);
    expect(el.querySelector('[data-testid=training-effect]')?.textContent).not.toContain('–');
  });
});
