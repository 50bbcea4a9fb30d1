import type { KpiRowWithTargets } from '@floorwatch/contracts';
import { optOutHotSpots, selfServiceRows } from './self-service-rows';

const row = (key: string, ivrOffered: number | null): KpiRowWithTargets => ({ key, kpis: { ivrOffered } as KpiRowWithTargets['kpis'], targets: {} as KpiRowWithTargets['targets'] });

describe('self-service chart rows', () => {
  it('drop the (none) bucket and groups without sessions (null or 0)', () => {
    expect(selfServiceRows([row('(none)', 3), row('balance', 2), row('billing', 0), row('unknown', null)], 'ivrOffered').map((r) => r.key)).toEqual(['balance']);
  });

  it('opt-out hot spots: highest opt-out first, null-rate and unknown nodes left out, at most `top`', () => {
    const node = (key: string, ivrOptOutPct: number | null): KpiRowWithTargets => ({ key, kpis: { ivrOptOutPct } as KpiRowWithTargets['kpis'], targets: {} as KpiRowWithTargets['targets'] });
    const rows = [node('billing:balance', 45.5), node('tech:outage-check', 86.2), node('welcome', null), node('unknown', 99), node('sales:offers', 56.1)];
    expect(optOutHotSpots(rows).map((r) => r.key)).toEqual(['tech:outage-check', 'sales:offers', 'billing:balance']);
    expect(optOutHotSpots(rows, 1).map((r) => r.key)).toEqual(['tech:outage-check']);
  });
});
