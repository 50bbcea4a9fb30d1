import { computeKpis } from './compute-kpis';
import { ev, input, query, seg } from '../testing/fixtures';

// 8-hour shift 09:00–17:00 UTC (May: London is UTC+1, but the arithmetic is in UTC instants)
// with lunch 12:30–13:00, the agent back 4 minutes late at 13:04.
const schedule = [
  seg('a1', '2024-05-01T09:00:00Z', '2024-05-01T12:30:00Z', 'open'),
  seg('a1', '2024-05-01T12:30:00Z', '2024-05-01T13:00:00Z', 'lunch'),
  seg('a1', '2024-05-01T13:00:00Z', '2024-05-01T17:00:00Z', 'open'),
];
const events = [
  ev('a1', '2024-05-01T08:58:00Z', 'available'),
  ev('a1', '2024-05-01T12:30:00Z', 'aux:lunch'),
  ev('a1', '2024-05-01T13:04:00Z', 'available'),
  ev('a1', '2024-05-01T17:00:00Z', 'logged_out'),
];

describe('agent back from lunch 4 minutes late', () => {
  const [row] = computeKpis(input({ schedule, stateEvents: events }), query('2024-05-01T00:00:00Z', '2024-05-02T00:00:00Z'));

  it('loses exactly the 240 late seconds of adherence, with no grace', () => {
    const scheduled = 8 * 3600; // open 3.5 h + lunch 0.5 h + open 4 h, all count in adherence
    expect(row.key).toBe('all');
    expect(row.kpis.scheduledSeconds).toBe(scheduled);
    expect(row.kpis.inAdherenceSeconds).toBe(scheduled - 240);
    expect(row.kpis.adherencePct).toBeCloseTo((100 * (28800 - 240)) / 28800, 10); // 99.1666…
  });

  it('counts the 2 early minutes as productive (conformance), not as adherence', () => {
    // productive: 08:58–12:30 (212 min) + 13:04–17:00 (236 min) = 448 min = 26 880 s
    expect(row.kpis.productiveSeconds).toBe(26_880);
    // scheduled open = 7.5 h = 27 000 s
    expect(row.kpis.conformancePct).toBeCloseTo((100 * 26_880) / 27_000, 10);
    expect(row.kpis.productiveInOpenSeconds).toBe(27_000 - 240);
  });

  it('splits paid time and shrinkage: lunch is unpaid, the late return is unplanned', () => {
    expect(row.kpis.paidSeconds).toBe(27_000);
    expect(row.kpis.plannedShrinkagePct).toBe(0);
    expect(row.kpis.unplannedShrinkagePct).toBeCloseTo((100 * 240) / 27_000, 10);
    expect(row.kpis.shrinkagePct).toBeCloseTo(100 * (1 - 26_760 / 27_000), 10);
  });

  it('states: logged in 08:58–17:00 = 482 min, aux = 34 min lunch, available = 448 min', () => {
    expect(row.kpis.loggedInSeconds).toBe(482 * 60);
    expect(row.kpis.auxSeconds).toBe(34 * 60);
    expect(row.kpis.availableSeconds).toBe(448 * 60);
    // no on_contact/acw state: occupancy = 100 × 0 / (0 + 26 880) = 0
    expect(row.kpis.occupancyPct).toBe(0);
  });

  it('splits the lunch across hours 12 and 13 (London local 13/14 in BST)', () => {
    const rows = computeKpis(
      input({ schedule, stateEvents: events }),
      query('2024-05-01T00:00:00Z', '2024-05-02T00:00:00Z', { kind: 'site', id: 'lon' }, { by: 'hour', tz: 'UTC' }),
    );
    const h12 = rows.find((r) => r.key === '12');
    const h13 = rows.find((r) => r.key === '13');
    // hour 12: open 12:00–12:30 + lunch 12:30–13:00, all in adherence
    expect(h12?.kpis.scheduledSeconds).toBe(3600);
    expect(h12?.kpis.inAdherenceSeconds).toBe(3600);
    // hour 13: open all hour, 4 minutes still at lunch
    expect(h13?.kpis.inAdherenceSeconds).toBe(3600 - 240);
    expect(h13?.kpis.adherencePct).toBeCloseTo((100 * 3360) / 3600, 10);
  });

  it('clips at asOf: mid-afternoon nothing after 15:00 is scheduled or in a state', () => {
    const [live] = computeKpis(
      input({ schedule, stateEvents: events }),
      query('2024-05-01T00:00:00Z', '2024-05-02T00:00:00Z', { kind: 'agent', id: 'a1' }, { asOf: Date.parse('2024-05-01T15:00:00Z') }),
    );
    // scheduled 09:00–15:00 = 21 600 s; out only the 240 s after lunch
    expect(live.kpis.scheduledSeconds).toBe(21_600);
    expect(live.kpis.adherencePct).toBeCloseTo((100 * (21_600 - 240)) / 21_600, 10);
  });
});
