import type { KpiRowWithTargets } from '@floorwatch/contracts';
import { chainEffortRows } from './chain-effort-rows';

const row = (key: string, kpis: Record<string, number | null>): KpiRowWithTargets => ({ key, kpis: kpis as KpiRowWithTargets['kpis'], targets: {} as KpiRowWithTargets['targets'] });

describe('journeys panel: effort by derived chain beside the survey consistency of the same chain', () => {
  it('joins by chain label, most journeys first; no survey for a chain is null, a surveyed chain nobody travelled is left out', () => {
    const derived = [
      // 6 contacts over 3 journeys = 2 per journey; 4 over 1 = 4.
      row('ivr>voice', { journeys: 3, journeyContacts: 6, customerEffort: 2 }),
      row('chatbot>chat>voice>email', { journeys: 1, journeyContacts: 4, customerEffort: 4 }),
      row('voice', { journeys: 12, journeyContacts: 12, customerEffort: 1 }),
      row('chat>voice', { journeys: 0, journeyContacts: 0, customerEffort: null }),
    ];
    const surveyed = [row('voice', { consistencyIndex: 78.5 }), row('chatbot>chat>voice>email', { consistencyIndex: 41.25 }), row('web>phone>store', { consistencyIndex: 60 })];
    expect(chainEffortRows(derived, surveyed)).toEqual([
      { chain: 'voice', journeys: 12, effort: 1, consistency: 78.5 },
      { chain: 'ivr>voice', journeys: 3, effort: 2, consistency: null },
      { chain: 'chatbot>chat>voice>email', journeys: 1, effort: 4, consistency: 41.25 },
    ]);
  });

  it('nothing loaded yet: no rows', () => {
    expect(chainEffortRows(undefined, undefined)).toEqual([]);
  });
});
