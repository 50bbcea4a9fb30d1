import { formatTarget, formatTargetSetting, targetBasis } from './format';

describe('a calls-handled target is set per working day', () => {
  it('labels handled "per day" where targets are set and listed', () => {
    expect(targetBasis('handled')).toBe('per day');
    expect(formatTargetSetting('handled', 400, 'higher')).toBe('Target ≥ 400 per day');
  });
  it('leaves every other KPI as it was', () => {
    expect(targetBasis('serviceLevelPct')).toBeNull();
    expect(formatTargetSetting('serviceLevelPct', 80, 'higher')).toBe('Target ≥ 80.0 %');
    expect(formatTargetSetting('handled', null)).toBe('No target');
  });
  it('shows a tile the scaled value the API returns, unchanged', () => {
    // 400 per day over a week of 5 working days: the API returns 400 × 5 = 2 000
    expect(formatTarget('handled', 2000, 'higher')).toBe('Target ≥ 2,000');
  });
});
