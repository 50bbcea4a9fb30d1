import { TestBed } from '@angular/core/testing';
import type { ViewState } from '../core/url-state';
import { resolvePeriod, stepDay, todayIn } from '../core/url-state';
import { PeriodSelector } from './period-selector';

const base: ViewState = { scope: 'team:lon-t01', period: 'day', date: null, from: null, to: null, by: 'agent', up: null };

function render(state: ViewState) {
  const fixture = TestBed.createComponent(PeriodSelector);
  fixture.componentRef.setInput('state', state);
  fixture.componentRef.setInput('timezone', 'Europe/London');
  const emitted: Partial<ViewState>[] = [];
  fixture.componentInstance.changed.subscribe((v) => emitted.push(v));
  fixture.detectChanges();
  const el = fixture.nativeElement as HTMLElement;
  const button = (text: string) => Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.trim() === text || b.getAttribute('aria-label') === text) as HTMLButtonElement;
  return { el, emitted, button };
}

describe('period selector: "Day" and ◀ ▶ move a lead to yesterday without typing a date', () => {
  const today = todayIn('Europe/London');
  const yesterday = stepDay('day', today, -1);

  it('"Day" while "Today" is pressed opens yesterday', () => {
    const { emitted, button } = render(base);
    button('Day').click();
    expect(emitted).toEqual([{ period: 'day', date: yesterday, up: null }]);
  });

  it('◀ on today is yesterday; ▶ is disabled on today and returns to "today" (date null) from yesterday', () => {
    let r = render(base);
    r.button('Previous period').click();
    expect(r.emitted).toEqual([{ date: yesterday, up: null }]);
    expect(r.button('Next period').disabled).toBe(true);
    r = render({ ...base, date: yesterday });
    r.button('Next period').click();
    expect(r.emitted).toEqual([{ date: null, up: null }]);
  });

  it('◀ on a week moves 7 days, on a month one calendar month', () => {
    expect(stepDay('week', '2026-12-05', -1)).toBe('2026-11-28');
    expect(stepDay('month', '2026-12-05', -1)).toBe('2026-11-05');
    expect(stepDay('day', '2026-12-01', -1)).toBe('2026-11-30');
  });

  it('"30 days" is a rolling window: 5 Dec shows 6 Nov – 5 Dec, not the 4 days of December', () => {
    const p = resolvePeriod({ period: 'last30', date: '2026-12-05', from: null, to: null }, 'Europe/London');
    // 6 Nov 00:00 GMT to 6 Dec 00:00 GMT: 30 days.
    expect(p.from).toBe('2026-11-06T00:00:00.000Z');
    expect(p.to).toBe('2026-12-06T00:00:00.000Z');
    expect(p.label).toBe('Last 30 days to 5 Dec 2026');
  });
});
