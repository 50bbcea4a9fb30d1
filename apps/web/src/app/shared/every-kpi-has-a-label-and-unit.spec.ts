import { KPI_NAMES, SELF_SERVICE_KPI_NAMES, TARGET_KPIS } from '@floorwatch/contracts';
import { formatKpi, formatTargetSetting, kpiLabel, kpiUnit } from './format';
import { KPI_DISPLAY } from './kpi-labels';

const UNITS = ['pct', 'seconds', 'index', 'rate', 'count', 'score'];

describe('every KPI has a human label and a unit (target editor, target list, tables)', () => {
  it.each([...KPI_NAMES, ...TARGET_KPIS])('%s has a label that is not its API name, and a known unit', (kpi) => {
    const label = kpiLabel(kpi);
    expect(label).not.toBe(kpi);
    // Words, not camelCase: no lower-case letter directly followed by an upper-case one.
    expect(label).not.toMatch(/[a-z][A-Z]/);
    expect(UNITS).toContain(kpiUnit(kpi));
  });

  it('the table covers exactly the contract names (no stale entries left behind)', () => {
    const names = new Set<string>([...KPI_NAMES, ...TARGET_KPIS]);
    expect(Object.keys(KPI_DISPLAY).filter((k) => !names.has(k))).toEqual([]);
    for (const k of SELF_SERVICE_KPI_NAMES) expect(KPI_DISPLAY[k]).toBeDefined();
  });

  it('the targets the list showed raw read as words with their units', () => {
    expect(kpiLabel('csatTopBoxPct')).toBe('CSAT top box');
    expect(formatTargetSetting('csatTopBoxPct', 80, 'higher')).toBe('Target ≥ 80.0 %');
    expect(kpiLabel('npsScore')).toBe('NPS');
    expect(formatTargetSetting('npsScore', 30, 'higher')).toBe('Target ≥ 30');
    expect(kpiLabel('selfServiceSharePct')).toBe('Self-service share');
    expect(kpiLabel('transferRatePct')).toBe('Transfers');
  });

  it('a median in seconds reads as a duration, not a count: 5 400 s → "1 h 30 m"', () => {
    expect(kpiUnit('ackSecondsMedian')).toBe('seconds');
    expect(formatKpi('closeSecondsP90', 5400)).toBe('1 h 30 m');
    // CSAT mean is on 0–100 with one decimal: 71.6666667 → "71.7" (customer.md worked example).
    expect(formatKpi('csatMean', 71.6666667)).toBe('71.7');
  });
});
