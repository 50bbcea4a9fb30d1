import { TestBed } from '@angular/core/testing';
import type { KpiRowWithTargets } from '@floorwatch/contracts';
import { DataTable } from './data-table';

const r = (key: string, kpis: Record<string, number | null>, targets: Record<string, unknown> = {}): KpiRowWithTargets =>
  ({ key, kpis, targets }) as unknown as KpiRowWithTargets;

describe('a lead\'s agent table never shows a bare "—" where a figure is absent', () => {
  it('an agent working today but off on the judged day 27 Nov reads "No data" (muted) under "FCR · judged to 27 Nov"', async () => {
    const fixture = TestBed.createComponent(DataTable);
    // a1 worked on 27 Nov: its judged FCR is 78.4 %; a2 was off that day, so the judged window has no row for it.
    fixture.componentRef.setInput('rows', [
      r('a1', { scheduledSeconds: 28_800, handled: 31, fcrPct: 78.4 }, { fcrPct: { value: 75, status: 'green' } }),
      r('a2', { scheduledSeconds: 28_800, handled: 27, fcrPct: null }, { fcrPct: { value: 75, status: 'none' } }),
    ]);
    fixture.componentRef.setInput('columns', ['handled', 'fcrPct']);
    fixture.componentRef.setInput('columnNotes', { fcrPct: 'judged to 27 Nov' });
    fixture.componentRef.setInput('initialSort', { column: 'key', dir: 'asc' });
    fixture.componentRef.setInput('footer', r('Team average', { handled: 29, fcrPct: null }));
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const rows = Array.from(el.querySelectorAll('tbody tr'));
    const fcr = (tr: Element) => tr.querySelectorAll('td')[1];
    expect(fcr(rows[0]).textContent?.trim()).toContain('78.4 %');
    expect(fcr(rows[1]).textContent?.trim()).toBe('No data');
    expect(fcr(rows[1]).querySelector('.v')?.classList).toContain('fw-muted');
    expect(fcr(rows[0]).querySelector('.v')?.classList).not.toContain('fw-muted');
    // The footer's FCR is absent too: same words, never "—".
    const foot = el.querySelector('tfoot tr')!.querySelectorAll('td');
    expect(foot[0].textContent?.trim()).toBe('29');
    expect(foot[1].textContent?.trim()).toBe('No data');
    expect(el.textContent).not.toContain('—');
  });

  it('a zero is a figure, not an absence: 0 handled reads "0"', async () => {
    const fixture = TestBed.createComponent(DataTable);
    fixture.componentRef.setInput('rows', [r('a3', { handled: 0 })]);
    fixture.componentRef.setInput('columns', ['handled']);
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('tbody td')?.textContent?.trim()).toBe('0');
  });
});
