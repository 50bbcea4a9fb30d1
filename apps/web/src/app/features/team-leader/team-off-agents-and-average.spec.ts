import { TestBed } from '@angular/core/testing';
import type { KpiRowWithTargets } from '@floorwatch/contracts';
import { panelCsv } from '../../shared/csv-export';
import { DataTable } from '../../shared/data-table';
import { agentRows, offAgents, teamAverage } from './team-rows';

const r = (key: string, kpis: Record<string, number | null>, targets: Record<string, unknown> = {}): KpiRowWithTargets =>
  ({ key, kpis, targets }) as unknown as KpiRowWithTargets;

describe('team table on a Saturday: agents off are "Off", the team average sits under them', () => {
  // a1 worked (7 h scheduled, 40 handled); a2 has a row with nothing scheduled; a3 has no row at all.
  const api = [r('a1', { scheduledSeconds: 25_200, adherencePct: 93.5, handled: 40, auxSeconds: 1800 }), r('a2', { scheduledSeconds: 0, handled: 0, adherencePct: null })];
  const rows = agentRows(api, ['a1', 'a2', 'a3']);

  it('gives every team agent a row and marks the unscheduled ones Off', () => {
    expect(rows.map((x) => x.key)).toEqual(['a1', 'a2', 'a3']);
    expect(offAgents(rows)).toEqual(['a2', 'a3']);
  });

  it('team average: rates are the team figure, totals per working agent (90 handled by 2 working agents = 45)', () => {
    const avg = teamAverage(r('all', { adherencePct: 91.2, handled: 90, auxSeconds: 3000 }), 2);
    expect(avg?.kpis).toMatchObject({ adherencePct: 91.2, handled: 45, auxSeconds: 1500 });
    expect(teamAverage(r('all', { handled: 0 }), 0)).toBeNull();
  });

  it('renders Off rows greyed and last, and the average in the footer', async () => {
    const fixture = TestBed.createComponent(DataTable);
    fixture.componentRef.setInput('rows', rows);
    fixture.componentRef.setInput('columns', ['adherencePct', 'handled']);
    fixture.componentRef.setInput('offKeys', offAgents(rows));
    fixture.componentRef.setInput('footer', teamAverage(r('all', { adherencePct: 91.2, handled: 90 }), 1));
    fixture.componentRef.setInput('footerLabel', 'Team average');
    fixture.componentRef.setInput('initialSort', { column: 'adherencePct', dir: 'asc' });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const cells = (tr: Element) => Array.from(tr.querySelectorAll('th, td')).map((c) => c.textContent?.replace(/\s+/g, ' ').trim()).join(' | ');
    const body = Array.from(el.querySelectorAll('tbody tr')).map(cells);
    expect(body).toEqual(['a1 | 93.5 % | 40', 'a2 | Off — not scheduled in this period', 'a3 | Off — not scheduled in this period']);
    expect(cells(el.querySelector('tfoot tr')!)).toBe('Team average | 91.2 % | 90');
  });

  it('abandon rate below queue level reads n/a', async () => {
    const fixture = TestBed.createComponent(DataTable);
    fixture.componentRef.setInput('rows', [r('t1', { abandonRatePct: 0 })]);
    fixture.componentRef.setInput('columns', ['abandonRatePct']);
    fixture.componentRef.setInput('naColumns', ['abandonRatePct']);
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('tbody td')?.textContent?.trim()).toBe('n/a');
  });
});

describe('CSV export of a panel', () => {
  it('uses the headers and names on screen, formatted numbers and status words', () => {
    const csv = panelCsv([r('lon-a003', { adherencePct: 91.66, ahtSeconds: 312 }, { adherencePct: { value: 90, status: 'green' } })], ['adherencePct', 'ahtSeconds'], 'Agent', () => 'Ana, Lopez');
    expect(csv).toBe('Agent,Adherence,AHT,Adherence status\r\n"Ana, Lopez",91.7 %,5 m 12 s,On target\r\n');
  });
});
