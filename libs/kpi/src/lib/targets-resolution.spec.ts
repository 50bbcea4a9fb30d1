import type { Target } from '@floorwatch/contracts';
import { DEFAULT_TARGETS, resolveTarget, scopeChain, targetStatus } from './targets';
import { ORG } from '../testing/fixtures';

const set: Target[] = [
  { kpi: 'adherencePct', scope: 'site:lon', value: 88, direction: 'higher', amberBand: null },
  { kpi: 'adherencePct', scope: 'team:t1', value: 92, direction: 'higher', amberBand: 2 },
  { kpi: 'serviceLevelPct', scope: 'site:lon', value: 85, direction: 'higher', amberBand: null },
];

describe('target resolution and colour', () => {
  it('builds scope chains from the org', () => {
    expect(scopeChain({ kind: 'agent', id: 'a1' }, ORG)).toEqual(['agent:a1', 'team:t1', 'site:lon', 'enterprise']);
    expect(scopeChain({ kind: 'queue', id: 'qn' }, ORG)).toEqual(['queue:qn', 'site:nyc', 'enterprise']);
    expect(scopeChain({ kind: 'enterprise' }, ORG)).toEqual(['enterprise']);
  });

  it('most specific wins: agent a1 → team t1 (92), agent a3 → site (88), nyc → default (90)', () => {
    expect(resolveTarget(set, 'adherencePct', scopeChain({ kind: 'agent', id: 'a1' }, ORG))).toMatchObject({ source: 'team:t1', value: 92, amberBand: 2 });
    expect(resolveTarget(set, 'adherencePct', scopeChain({ kind: 'agent', id: 'a3' }, ORG))).toMatchObject({ source: 'site:lon', value: 88, amberBand: 88 * 0.05 });
    expect(resolveTarget(set, 'adherencePct', scopeChain({ kind: 'site', id: 'nyc' }, ORG))).toMatchObject({ source: 'default', value: 90 });
    expect(resolveTarget(set, 'serviceLevelPct', scopeChain({ kind: 'queue', id: 'qv' }, ORG))).toMatchObject({ source: 'site:lon', value: 85 });
    expect(resolveTarget([], 'handled', ['enterprise'])).toBeNull();
  });

  it('every default of kpis.md', () => {
    expect(DEFAULT_TARGETS.map((t) => [t.kpi, t.direction, t.value])).toEqual([
      ['adherencePct', 'higher', 90], ['conformancePct', 'higher', 95], ['serviceLevelPct', 'higher', 80],
      ['abandonRatePct', 'lower', 5], ['ahtSeconds', 'lower', 360], ['fcrPct', 'higher', 75],
      ['shrinkagePct', 'lower', 32], ['occupancyPct', 'higher', 80], ['consistencyIndex', 'higher', 70],
      // customer.md default targets
      ['csatTopBoxPct', 'higher', 80], ['npsScore', 'higher', 30],
    ]);
  });

  it('green / amber (miss ≤ 5% of target) / red / none', () => {
    const adh = { value: 90, direction: 'higher' as const, amberBand: null }; // band 4.5
    expect(targetStatus(90, adh)).toBe('green');
    expect(targetStatus(85.5, adh)).toBe('amber');
    expect(targetStatus(85.4, adh)).toBe('red');
    const aband = { value: 5, direction: 'lower' as const, amberBand: null }; // band 0.25
    expect(targetStatus(5.25, aband)).toBe('amber');
    expect(targetStatus(5.3, aband)).toBe('red');
    expect(targetStatus(null, adh)).toBe('none');
    expect(targetStatus(50, null)).toBe('none');
  });
});
