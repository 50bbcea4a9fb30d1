import { computeKpis } from './compute-kpis';
import { activityRule, withKpiConfig } from './config';
import { ev, input, query, seg } from '../testing/fixtures';

// One day, three agents of team t1/t2 (all London):
//  a1: open 09–13, break 13:00–13:15, training 13:15–14:15 (aux:training from 13:20), open 14:15–17;
//      logs in 09:10 (10 min late) — unplanned shrinkage inside open time.
//  a2: vacation all day 09–17 (planned, paid, not in adherence).
//  a3: sick 09–17 (unplanned, paid, not in adherence).
const schedule = [
  seg('a1', '2024-05-01T09:00:00Z', '2024-05-01T13:00:00Z', 'open'),
  seg('a1', '2024-05-01T13:00:00Z', '2024-05-01T13:15:00Z', 'break'),
  seg('a1', '2024-05-01T13:15:00Z', '2024-05-01T14:15:00Z', 'training'),
  seg('a1', '2024-05-01T14:15:00Z', '2024-05-01T17:00:00Z', 'open'),
  seg('a2', '2024-05-01T09:00:00Z', '2024-05-01T17:00:00Z', 'vacation'),
  seg('a3', '2024-05-01T09:00:00Z', '2024-05-01T17:00:00Z', 'sick'),
];
const stateEvents = [
  ev('a1', '2024-05-01T09:10:00Z', 'available'),
  ev('a1', '2024-05-01T13:00:00Z', 'logged_out'), // logged out on break: in adherence
  ev('a1', '2024-05-01T13:20:00Z', 'aux:training'),
  ev('a1', '2024-05-01T14:15:00Z', 'on_contact'),
  ev('a1', '2024-05-01T17:00:00Z', 'logged_out'),
];
const q = query('2024-05-01T00:00:00Z', '2024-05-02T00:00:00Z');

describe('planned and unplanned shrinkage', () => {
  const [all] = computeKpis(input({ schedule, stateEvents }), q);
  // paid: a1 8 h (break and training are paid) + a2 8 h + a3 8 h = 86 400 s
  const paid = 3 * 28_800;
  // planned paid: break 900 + training 3 600 + vacation 28 800 = 33 300
  const planned = 900 + 3600 + 28_800;
  // open 4 h + 2 h 45 = 24 300 s; productive in open = 24 300 − 600 (late log-in)
  const open = 14_400 + 9_900;
  // unplanned: sick 28 800 + open not productive 600
  const unplanned = 28_800 + 600;

  it('paid, planned and unplanned shrinkage with the sums written out', () => {
    expect(all.kpis.paidSeconds).toBe(paid);
    expect(all.kpis.productiveInOpenSeconds).toBe(open - 600);
    expect(all.kpis.plannedShrinkagePct).toBeCloseTo((100 * planned) / paid, 10);
    expect(all.kpis.unplannedShrinkagePct).toBeCloseTo((100 * unplanned) / paid, 10);
    expect(all.kpis.shrinkagePct).toBeCloseTo(100 * (1 - (open - 600) / paid), 10);
  });

  it('adherence counts only a1 (vacation and sick are not in adherence): out 600 + 300 s', () => {
    // scheduled = 8 h of a1; out: 09:00–09:10 not logged in, 13:15–13:20 logged_out in training
    expect(all.kpis.scheduledSeconds).toBe(28_800);
    expect(all.kpis.adherencePct).toBeCloseTo((100 * (28_800 - 900)) / 28_800, 10);
  });

  it('an overlaid segment governs while it lasts (training laid over open)', () => {
    const layered = [
      seg('a1', '2024-05-01T09:00:00Z', '2024-05-01T17:00:00Z', 'open'),
      seg('a1', '2024-05-01T13:15:00Z', '2024-05-01T14:15:00Z', 'training'),
    ];
    const [r] = computeKpis(input({ schedule: layered, stateEvents: [ev('a1', '2024-05-01T09:00:00Z', 'available'), ev('a1', '2024-05-01T13:15:00Z', 'aux:training'), ev('a1', '2024-05-01T14:15:00Z', 'available'), ev('a1', '2024-05-01T17:00:00Z', 'logged_out')] }), q);
    expect(r.kpis.scheduledSeconds).toBe(28_800);
    expect(r.kpis.adherencePct).toBe(100);
    expect(r.kpis.plannedShrinkagePct).toBeCloseTo((100 * 3600) / 28_800, 10);
  });

  it('activities are configurable per deployment; unknown ones act like training', () => {
    const sched = [seg('a1', '2024-05-01T09:00:00Z', '2024-05-01T10:00:00Z', 'Project')];
    const evs = [ev('a1', '2024-05-01T09:00:00Z', 'aux:project')];
    const [dflt] = computeKpis(input({ schedule: sched, stateEvents: evs }), q);
    expect(dflt.kpis.adherencePct).toBe(100);
    const cfg = withKpiConfig({ activities: { project: activityRule('planned', true, true, ['available']) } });
    const [custom] = computeKpis(input({ schedule: sched, stateEvents: evs }), q, cfg);
    expect(custom.kpis.adherencePct).toBe(0);
    expect(() => withKpiConfig({ activities: { lunch: activityRule('unpaid', true, true, []) } })).toThrow(/unpaid activity cannot be paid/);
  });
});
