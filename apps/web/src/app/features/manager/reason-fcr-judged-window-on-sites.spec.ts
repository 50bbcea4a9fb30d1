import { TestBed } from '@angular/core/testing';
import type { KpiRowWithTargets } from '@floorwatch/contracts';
import { DataTable } from '../../shared/data-table';
import { mergeJudgedFcr } from '../../shared/fcr-fallback';
import { reasonSiteRows } from './reason-sites';

const row = (key: string, handled: number, fcrPct: number | null): KpiRowWithTargets =>
  ({ key, kpis: { handled, fcrPct }, targets: fcrPct === null ? {} : { fcrPct: { value: 70, direction: 'gte', status: fcrPct >= 70 ? 'green' : 'red' } } }) as unknown as KpiRowWithTargets;

describe('manager by reason: FCR "judged to 27 Nov" reaches the rows and their sites', () => {
  // This week every contact is pending (FCR null). The judged week (8 days back) has London billing
  // 60 of 80 not repeated = 75 %, Chicago billing 36 of 60 not repeated = 60 %.
  const judgedLon = [row('billing', 80, (60 / 80) * 100)];
  const judgedChi = [row('billing', 60, (36 / 60) * 100), row('tech-support', 10, null)];
  const weekLon = [row('billing', 95, null)];
  const weekChi = [row('billing', 70, null), row('tech-support', 12, null)];

  it("each site's row takes its own judged FCR, keyed by the same cross-site reason key", () => {
    const subs = reasonSiteRows(
      [
        { siteId: 'chi', siteName: 'Chicago', rows: mergeJudgedFcr(weekChi, judgedChi) },
        { siteId: 'lon', siteName: 'London', rows: mergeJudgedFcr(weekLon, judgedLon) },
      ],
      ['handled', 'fcrPct'],
    );
    // handled stays the week's own (95, 70); FCR is the judged window's: 60/80 = 75 %, 36/60 = 60 %
    expect(subs['billing'].map((s) => [s.label, s.row.kpis.handled, s.row.kpis.fcrPct, s.row.targets.fcrPct?.status])).toEqual([
      ['Chicago', 70, 60, 'red'],
      ['London', 95, 75, 'green'],
    ]);
    // tech-support was never judged (no repeat-eligible contact): it stays null
    expect(subs['tech-support'][0].row.kpis.fcrPct).toBeNull();
  });

  it('a row the judged window lacks keeps its own figures', () => {
    expect(mergeJudgedFcr([row('email', 3, null)], judgedLon)[0]).toEqual(row('email', 3, null));
  });

  it('under a "judged to" column an FCR with no value reads "No data", not "—"; other nulls stay "—"', async () => {
    const fixture = TestBed.createComponent(DataTable);
    fixture.componentRef.setInput('columns', ['handled', 'fcrPct']);
    fixture.componentRef.setInput('rows', [row('billing', 0, null), row('tech-support', 12, 60)]);
    fixture.componentRef.setInput('columnNotes', { fcrPct: 'judged to 27 Nov' });
    fixture.componentRef.setInput('initialSort', { column: 'key', dir: 'asc' });
    await fixture.whenStable();
    const cells = [...(fixture.nativeElement as HTMLElement).querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td .v')].map((td) => td.textContent?.trim()));
    expect(cells[0][1]).toBe('No data');
    expect(cells[1][1]).toBe('60.0 %');
    expect(fixture.nativeElement.querySelector('thead .col-note')?.textContent).toBe('judged to 27 Nov');
  });
});
