import { survey } from '../../testing/fixtures';
import { hotlineKpis, matchHotlineRules, median, nearestRank, transitionError } from './hotline';

const at = (iso: string): number => Date.parse(iso);
const CAUSES = ['agent', 'process', 'product', 'policy', 'system', 'expectation', 'no-fault'];

describe('HOTLINE cycle times (customer.md worked example)', () => {
  // raised 01-05 10:00, ack 11:00, closed 01-07 10:00; raised 01-06 09:00, ack 09:30, open; asOf 01-09
  const cases = [
    { raisedAt: at('2025-01-05T10:00:00Z'), acknowledgedAt: at('2025-01-05T11:00:00Z'), closedAt: at('2025-01-07T10:00:00Z') },
    { raisedAt: at('2025-01-06T09:00:00Z'), acknowledgedAt: at('2025-01-06T09:30:00Z'), closedAt: null },
  ];
  const k = hotlineKpis(cases, at('2025-01-09T00:00:00Z'));

  it('hotlineOpen 1; ackSecondsMedian (3 600 + 1 800) / 2 = 2 700', () => {
    expect(k.hotlineCases).toBe(2);
    expect(k.hotlineOpen).toBe(1);
    expect(k.ackSecondsMedian).toBe(2700);
  });

  it('closeSecondsMedian = P90 = 172 800 (exactly 48 h, one closed case)', () => {
    expect(k.closeSecondsMedian).toBe(172_800);
    expect(k.closeSecondsP90).toBe(172_800);
  });

  it('closedWithin48hPct 50: the first closed within 172 800 s; the second is overdue (raised + 48 h ≤ asOf)', () => {
    expect(k.closedWithin48hPct).toBe(50);
  });

  it('a case not yet 48 h old and open is pending: left out of the 48 h rule', () => {
    const early = hotlineKpis(cases, at('2025-01-07T12:00:00Z'));
    // case 1 closed within; case 2 raised 01-06 09:00 + 48 h = 01-08 09:00 > asOf → pending
    expect(early.closedWithin48hPct).toBe(100);
    expect(early.hotlineOpen).toBe(1);
  });

  it('steps after asOf have not happened yet', () => {
    const before = hotlineKpis(cases, at('2025-01-05T10:30:00Z'));
    expect([before.hotlineOpen, before.ackSecondsMedian, before.closeSecondsMedian]).toEqual([2, null, null]);
  });

  it('median of an even count is the mean of the middle two; p90 is the nearest rank ⌈0.9·n⌉', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10); // ⌈9.9⌉ = 10
  });
});

describe('HOTLINE rules and lifecycle', () => {
  it('worked example: only response 9 (csat 1, nps 3, comment) raises; rules csat-min and detractor-comment', () => {
    const csat = [7, 7, 6, 5, 4, 7, 6, 3, 1, 7];
    const nps = [10, 9, 9, 8, 7, 6, 5, 10, 3, 9];
    const hits = csat.map((c, i) => matchHotlineRules(survey([null, null, null, null, null], { csat: c, nps: nps[i], comment: i === 8 ? 'Never again' : null })));
    expect(hits.map((h, i) => [i + 1, h]).filter(([, h]) => (h as string[]).length)).toEqual([[9, ['csat-min', 'detractor-comment']]]);
  });

  it('words: whole words, case-insensitive', () => {
    const rule = [{ id: 'legal', field: 'comment' as const, op: 'words' as const, value: 'lawyer ombudsman', needsComment: true }];
    expect(matchHotlineRules(survey([null, null, null, null, null], { comment: 'Calling my LAWYER now' }), rule)).toEqual(['legal']);
    expect(matchHotlineRules(survey([null, null, null, null, null], { comment: 'lawyers are fine' }), rule)).toEqual([]);
  });

  it('states strictly open → acknowledged → actioned (action) → closed (resolution + cause); no reopening', () => {
    expect(transitionError('open', { to: 'acknowledged' }, CAUSES)).toBeNull();
    expect(transitionError('open', { to: 'closed', resolution: 'x', causeCode: 'agent' }, CAUSES)).toMatch(/only move to acknowledged/);
    expect(transitionError('acknowledged', { to: 'actioned' }, CAUSES)).toMatch(/needs an action/);
    expect(transitionError('actioned', { to: 'closed', resolution: 'called back' }, CAUSES)).toMatch(/causeCode/);
    expect(transitionError('actioned', { to: 'closed', resolution: 'called back', causeCode: 'weather' }, CAUSES)).toMatch(/causeCode/);
    expect(transitionError('actioned', { to: 'closed', resolution: 'called back', causeCode: 'process' }, CAUSES)).toBeNull();
    expect(transitionError('closed', { to: 'open' }, CAUSES)).toMatch(/cannot be reopened/);
  });
});
