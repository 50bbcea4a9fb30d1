import type { KpiRowWithTargets } from '@floorwatch/contracts';
import { selfServiceRows } from './self-service-rows';

const row = (key: string, ivrOffered: number | null): KpiRowWithTargets => ({ key, kpis: { ivrOffered } as KpiRowWithTargets['kpis'], targets: {} as KpiRowWithTargets['targets'] });

describe('self-service chart rows', () => {
  it('drop the (none) bucket and groups without sessions (null or 0)', () => {
    expect(selfServiceRows([row('(none)', 3), row('balance', 2), row('billing', 0), row('unknown', null)], 'ivrOffered').map((r) => r.key)).toEqual(['balance']);
  });
});
