import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { ViewState } from '../core/url-state';
import { DateField, formatDay, parseDay } from './date-field';
import { PeriodSelector } from './period-selector';

describe('date fields read as the app writes days ("Fri 4 Dec 2026"), whatever the browser locale', () => {
  it('formats and reads back the app\'s own form and ISO; refuses the ambiguous 12/04/2026', () => {
    expect(formatDay('2026-12-04')).toBe('Fri 4 Dec 2026');
    expect(formatDay('2024-02-29')).toBe('Thu 29 Feb 2024');
    expect(parseDay('Fri 4 Dec 2026', 2000)).toBe('2026-12-04');
    expect(parseDay('4 december 2026', 2000)).toBe('2026-12-04');
    expect(parseDay(' 4 Dec ', 2026)).toBe('2026-12-04');
    expect(parseDay('2026-12-04', 2000)).toBe('2026-12-04');
    // A US reader means 4 Dec, a UK reader 12 Apr: neither is guessed.
    expect(parseDay('12/04/2026', 2026)).toBeNull();
    expect(parseDay('31 Nov 2026', 2026)).toBeNull();
    expect(parseDay('4 Decx 2026', 2026)).toBeNull();
  });

  describe('the field', () => {
    let fixture: ComponentFixture<DateField>;
    let emitted: string[];
    const input = () => (fixture.nativeElement as HTMLElement).querySelector('input[type=text]') as HTMLInputElement;
    const key = (k: string) => input().dispatchEvent(new KeyboardEvent('keydown', { key: k, cancelable: true }));
    beforeEach(async () => {
      fixture = TestBed.createComponent(DateField);
      fixture.componentRef.setInput('label', 'Reference day');
      fixture.componentRef.setInput('value', '2026-12-04');
      fixture.componentRef.setInput('max', '2026-12-05');
      emitted = [];
      fixture.componentInstance.valueChange.subscribe((v) => emitted.push(v));
      await fixture.whenStable();
    });

    it('shows "Fri 4 Dec 2026" in a text field (no native mm/dd/yyyy box on screen), labelled', () => {
      expect(input().value).toBe('Fri 4 Dec 2026');
      expect(input().getAttribute('aria-label')).toBe('Reference day');
      // The native input is only the calendar popup's anchor: hidden from the tab order and readers.
      const native = (fixture.nativeElement as HTMLElement).querySelector('input[type=date]') as HTMLInputElement;
      expect(native.tabIndex).toBe(-1);
      expect(native.getAttribute('aria-hidden')).toBe('true');
    });

    it('↑ ↓ step a day, Page Up / Page Down a month, never past max', () => {
      key('ArrowDown');
      key('ArrowUp');
      key('PageDown');
      expect(emitted).toEqual(['2026-12-03', '2026-12-05', '2026-11-04']);
      // From 4 Dec, a month up would be 4 Jan 2027: held at max, 5 Dec.
      key('PageUp');
      expect(emitted.at(-1)).toBe('2026-12-05');
    });

    it('a typed day is taken on change and rewritten in the app\'s form; a bad one is marked, not sent', () => {
      input().value = '1 dec';
      input().dispatchEvent(new Event('change'));
      expect(emitted).toEqual(['2026-12-01']);
      expect(input().value).toBe('Tue 1 Dec 2026');
      input().value = '12/01/2026';
      input().dispatchEvent(new Event('change'));
      fixture.detectChanges();
      expect(emitted).toHaveLength(1);
      expect(input().getAttribute('aria-invalid')).toBe('true');
    });
  });

  it('the period selector has no native date box: ◀, the reference day as "Fri 4 Dec 2026", ▶', async () => {
    const state: ViewState = { scope: 'team:lon-t01', period: 'week', date: '2026-11-27', from: null, to: null, by: 'agent', up: null };
    const fixture = TestBed.createComponent(PeriodSelector);
    fixture.componentRef.setInput('state', state);
    fixture.componentRef.setInput('timezone', 'Europe/London');
    const emitted: Partial<ViewState>[] = [];
    fixture.componentInstance.changed.subscribe((v) => emitted.push(v));
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelectorAll('input[type=date]:not([aria-hidden=true])')).toHaveLength(0);
    const day = el.querySelector('input[aria-label="Reference day"]') as HTMLInputElement;
    expect(day.value).toBe('Fri 27 Nov 2026');
    day.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', cancelable: true }));
    expect(emitted).toEqual([{ date: '2026-11-26', up: null }]);
  });
});
