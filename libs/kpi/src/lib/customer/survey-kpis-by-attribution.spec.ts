import type { SurveyAttribution } from '@floorwatch/contracts';
import { computeKpis } from '../compute-kpis';
import { input, query, survey } from '../../testing/fixtures';

const attr = (agentId: string | null, teamId: string | null, siteId = 'lon'): SurveyAttribution => ({
  attributedBy: 'window', segmentId: `s-${agentId}`, contactId: `c-${agentId}`, agentId, teamId, queueId: 'qv', reason: 'billing', channel: 'voice', siteId,
});

describe('survey KPIs scope and group by the attributed segment; unattributed at enterprise only', () => {
  const surveys = [
    survey([7, 7, 7, null, null], { csat: 7, nps: 10, attribution: attr('a1', 't1') }), // consistency 100
    survey([1, 1, 1, null, null], { csat: 1, nps: 0, attribution: attr('a2', 't1') }), // consistency 0
    survey([4, 4, 4, null, null], { csat: 4, nps: 8, attribution: null }), // consistency 50
  ];
  const q = query('2024-05-01T00:00:00Z', '2024-05-02T00:00:00Z');

  it('enterprise counts all three: attributed 2 of 3 = 66.67%, consistency (100 + 0 + 50) / 3', () => {
    const [all] = computeKpis(input({ surveys }), q);
    expect(all.kpis.surveyResponses).toBe(3);
    expect(all.kpis.surveyAttributedPct).toBeCloseTo(200 / 3, 10);
    expect(all.kpis.consistencyIndex).toBe(50);
    expect(all.kpis.consistencyResponses).toBe(3);
  });

  it('team t1 counts its two: csatMean (100 + 0) / 2 = 50, npsScore 50 − 50 = 0', () => {
    const [t1] = computeKpis(input({ surveys }), { ...q, scope: { kind: 'team', id: 't1' } });
    expect(t1.kpis.surveyResponses).toBe(2);
    expect(t1.kpis.csatMean).toBe(50);
    expect(t1.kpis.npsScore).toBe(0);
    expect(t1.kpis.consistencyIndex).toBe(50);
  });

  it('by agent: a1, a2 and the unattributed one in (none)', () => {
    const rows = computeKpis(input({ surveys }), { ...q, by: 'agent' });
    expect(rows.map((r) => [r.key, r.kpis.csatMean, r.kpis.consistencyIndex])).toEqual([['(none)', 50, 50], ['a1', 100, 100], ['a2', 0, 0]]);
  });

  it('agent a1 scope sees only its own response', () => {
    const [a1] = computeKpis(input({ surveys }), { ...q, scope: { kind: 'agent', id: 'a1' } });
    expect([a1.kpis.surveyResponses, a1.kpis.csatTopBoxPct, a1.kpis.promoterPct]).toEqual([1, 100, 100]);
  });
});
