import { TestBed } from '@angular/core/testing';
import { KpiTile } from './kpi-tile';

async function tile(inputs: Record<string, unknown>): Promise<HTMLElement> {
  const fixture = TestBed.createComponent(KpiTile);
  for (const [k, v] of Object.entries(inputs)) fixture.componentRef.setInput(k, v);
  await fixture.whenStable();
  return fixture.nativeElement as HTMLElement;
}

describe('an agent tile shows the target it inherits, and where from', () => {
  it('handled: the agent\'s share of the team\'s 412 a day (one of ten on a normal day, 41.2) reads "38 / 41 due, −8 % · from team", not "No target set"', async () => {
    // The API sends the agent's share with from = the team: (38 − 41.2) / 41.2 = −7.8 % → −8 %.
    const el = await tile({ kpi: 'handled', value: 38, target: { value: 41.2, status: 'red', direction: 'higher', from: 'team:lon-t01' } });
    expect(el.querySelector('.target')?.textContent?.trim()).toBe('38 / 41 due, −8 % · from team');
    expect(el.classList).toContain('fw-status-red');
  });

  it('a rate KPI set on the site says "from site"; the agent\'s own target and a built-in default say nothing more', async () => {
    const site = await tile({ kpi: 'adherencePct', value: 91, target: { value: 92, status: 'amber', direction: 'higher', from: 'site:lon' } });
    expect(site.querySelector('.target')?.textContent?.trim()).toBe('Target ≥ 92.0 % · from site');
    const own = await tile({ kpi: 'adherencePct', value: 91, target: { value: 90, status: 'green', direction: 'higher' } });
    expect(own.querySelector('.target')?.textContent?.trim()).toBe('Target ≥ 90.0 %');
    const ent = await tile({ kpi: 'ahtSeconds', value: 300, target: { value: 360, status: 'green', direction: 'lower', from: 'enterprise' } });
    expect(ent.querySelector('.target')?.textContent?.trim()).toBe('Target ≤ 6 m · from enterprise');
  });

  it('with no target anywhere it still says "No target set"', async () => {
    const el = await tile({ kpi: 'handled', value: 38, target: null });
    expect(el.querySelector('.target')?.textContent?.trim()).toBe('No target set');
  });
});
