import { TestBed } from '@angular/core/testing';
import type { KpiRowWithTargets } from '@floorwatch/contracts';
import { SurveyTile } from './survey-tile';

async function tile(kpi: string, row: unknown): Promise<HTMLElement> {
  const fixture = TestBed.createComponent(SurveyTile);
  fixture.componentRef.setInput('kpi', kpi);
  fixture.componentRef.setInput('label', 'My CSAT');
  fixture.componentRef.setInput('row', row as KpiRowWithTargets);
  await fixture.whenStable();
  return fixture.nativeElement as HTMLElement;
}

describe('the agent\'s "My CSAT" tile says it has no target once', () => {
  it('CSAT mean 4.2 from 41 answers, no target set anywhere: "No target set" alone, no "No target" badge beside it', async () => {
    const el = await tile('csatMean', { key: 'all', kpis: { csatMean: 4.2 }, targets: { csatMean: { value: null, status: 'none', n: 41, minResponses: 30 } } });
    const text = (el.textContent ?? '').replace(/\s+/g, ' ');
    expect(el.querySelector('.target')?.textContent?.trim()).toBe('No target set');
    expect(el.querySelector('app-status-badge')).toBeNull();
    expect(text.match(/No target/g)).toHaveLength(1);
    expect(el.querySelector('.detail')?.textContent?.trim()).toBe('n = 41');
  });

  it('top box with its 80 % target and no answers yet: "No data" on the badge, the target beside it', async () => {
    const el = await tile('csatTopBoxPct', { key: 'all', kpis: { csatTopBoxPct: null }, targets: { csatTopBoxPct: { value: 80, status: 'none', n: 0, minResponses: 30 } } });
    expect(el.querySelector('.value')?.textContent?.trim()).toBe('No data');
    expect(el.querySelector('app-status-badge')?.textContent?.trim()).toBe('No data');
    expect(el.querySelector('.target')?.textContent?.trim()).toBe('Target ≥ 80.0 %');
  });

  it('a target that is met keeps its badge: 4.4 against ≥ 4.0 reads "On target"', async () => {
    const el = await tile('csatMean', { key: 'all', kpis: { csatMean: 4.4 }, targets: { csatMean: { value: 4, status: 'green', n: 41, minResponses: 30 } } });
    expect(el.querySelector('app-status-badge')?.textContent?.trim()).toBe('On target');
  });

  it('top box 66.7 % from 3 answers against ≥ 80 %: below the minimum 30 the badge says "Not judged", not "No target" beside the target', async () => {
    const el = await tile('csatTopBoxPct', { key: 'all', kpis: { csatTopBoxPct: 66.7 }, targets: { csatTopBoxPct: { value: 80, status: 'none', n: 3, minResponses: 30 } } });
    expect(el.querySelector('app-status-badge')?.textContent?.trim()).toBe('Not judged');
    expect(el.querySelector('.target')?.textContent?.trim()).toBe('Target ≥ 80.0 %');
    expect(el.querySelector('.detail')?.textContent?.trim()).toBe('n = 3 (below 30: not judged)');
    expect(el.textContent).not.toContain('No target');
  });
});
