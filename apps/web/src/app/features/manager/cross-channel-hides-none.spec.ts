import type { KpiRowWithTargets } from '@floorwatch/contracts';
import { channelRows } from './cross-channel-rows';

const row = (key: string, fcrPct: number | null): KpiRowWithTargets => ({ key, kpis: { fcrPct }, targets: {} }) as unknown as KpiRowWithTargets;

describe('cross-channel charts leave out the "(none)" group', () => {
  it('keeps the real channels in order and drops records without one', () => {
    const rows = [row('voice', 71.5), row('(none)', 40), row('chat', 64.2), row('email', null)];
    expect(channelRows(rows).map((r) => r.key)).toEqual(['voice', 'chat', 'email']);
  });
  it('gives an empty list (the "no responses" panel) when only "(none)" is left or nothing loaded', () => {
    expect(channelRows([row('(none)', 12)])).toEqual([]);
    expect(channelRows(undefined)).toEqual([]);
  });
});
