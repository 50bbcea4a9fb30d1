import { DEFAULT_KPI_CONFIG, ruleFor } from './config';

describe('action.md: training:<course> and coaching:<topic> take their base activity row', () => {
  it('training:objections is training (aux:training in adherence); coaching:acw is coaching; an unknown base stays its own aux', () => {
    expect(ruleFor(DEFAULT_KPI_CONFIG, 'training:Objections')).toBe(DEFAULT_KPI_CONFIG.activities['training']);
    expect(ruleFor(DEFAULT_KPI_CONFIG, 'coaching:acw')).toBe(DEFAULT_KPI_CONFIG.activities['coaching']);
    expect(ruleFor(DEFAULT_KPI_CONFIG, 'training:objections').inAdherenceStates('aux:training')).toBe(true);
    const other = ruleFor(DEFAULT_KPI_CONFIG, 'gardening:roses');
    expect([other.inAdherenceStates('aux:gardening:roses'), other.inAdherenceStates('aux:gardening')]).toEqual([true, false]);
  });
});
