import { formatDuration, formatKpi, formatTarget, kpiUnit } from './format';

describe('KPI number formatting', () => {
  it('reads the unit from the KPI name', () => {
    expect(kpiUnit('adherencePct')).toBe('pct');
    expect(kpiUnit('ahtSeconds')).toBe('seconds');
    expect(kpiUnit('consistencyIndex')).toBe('index');
    expect(kpiUnit('handled')).toBe('count');
    expect(kpiUnit('contactsPerProductiveHour')).toBe('rate');
  });

  it('shows percentages with one decimal and a spaced % sign', () => {
    expect(formatKpi('adherencePct', 91.2999)).toBe('91.3 %');
    expect(formatKpi('serviceLevelPct', 100)).toBe('100.0 %');
    // conformance can exceed 100 (kpis.md); shown as it is, never clamped
    expect(formatKpi('conformancePct', 103.25)).toBe('103.3 %');
  });

  it('shows durations as minutes and seconds', () => {
    // 312 s = 5 × 60 + 12
    expect(formatDuration(312)).toBe('5 m 12 s');
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(300)).toBe('5 m');
    // 3 725 s = 1 h (3 600) + 2 m (120) + 5 s: seconds dropped past an hour
    expect(formatDuration(3725)).toBe('1 h 2 m');
    // 59.6 rounds to 60 → a whole minute
    expect(formatDuration(59.6)).toBe('1 m');
    expect(formatKpi('ahtSeconds', 312)).toBe('5 m 12 s');
  });

  it('shows counts as whole numbers with thousands separators', () => {
    expect(formatKpi('handled', 12345)).toBe('12,345');
    expect(formatKpi('offered', 0)).toBe('0');
  });

  it('shows a dash for null, never 0', () => {
    expect(formatKpi('adherencePct', null)).toBe('—');
    expect(formatKpi('ahtSeconds', null)).toBe('—');
    expect(formatKpi('handled', undefined)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
  });

  it('captions targets with the direction that is better', () => {
    expect(formatTarget('adherencePct', 90)).toBe('Target ≥ 90.0 %');
    expect(formatTarget('ahtSeconds', 360)).toBe('Target ≤ 6 m');
    expect(formatTarget('abandonRatePct', 5)).toBe('Target ≤ 5.0 %');
    // an explicit direction from the API wins over the default
    expect(formatTarget('occupancyPct', 85, 'lower')).toBe('Target ≤ 85.0 %');
    expect(formatTarget('fcrPct', null)).toBe('No target');
  });
});
