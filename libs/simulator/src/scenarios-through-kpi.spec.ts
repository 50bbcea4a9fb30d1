import { DEFAULT_TARGETS, computeKpis, computeStaffing, resolveTarget, targetStatus } from '@floorwatch/kpi';
import type { KpiRow } from '@floorwatch/contracts';
import { SCENARIOS, generateWorld } from './index';

// Wed 25 Nov 2026 15:00 UTC; 10 days back so 7-day FCR windows have eligible contacts.
const END = Date.parse('2026-11-25T15:00:00Z');
const DAY = 86_400_000;

/** The four planted stories, read back through libs/kpi exactly as the dashboards will. */
describe('scenarios through @floorwatch/kpi', () => {
  const world = generateWorld({ seed: 42, days: 10, endAt: END, agents: 300 });
  const input = { org: world.org, contacts: world.contacts, stateEvents: world.stateEvents, schedule: world.schedule, surveys: world.surveys };
  const kpi = (rows: KpiRow[], key = 'all') => rows.find((r) => r.key === key)?.kpis;
  const status = (name: 'ahtSeconds' | 'fcrPct', value: number | null) => targetStatus(value, resolveTarget([], name, ['enterprise'], DEFAULT_TARGETS));

  it('1: the demo agent adherence is worst at hour 13 (site-local)', () => {
    const rows = computeKpis(input, { from: world.startAt, to: END, asOf: END, scope: { kind: 'agent', id: SCENARIOS.lateFromLunch.agentId }, by: 'hour' });
    const byHour = rows.filter((r) => r.kpis.adherencePct !== null).sort((a, b) => (a.kpis.adherencePct as number) - (b.kpis.adherencePct as number));
    expect(Number(byHour[0].key.slice(0, 2))).toBe(13);
    expect(byHour[0].kpis.adherencePct).toBeLessThan(94);
  });

  it('2: the lead team handled is ~93% of the planted daily target: red', () => {
    const facts = world.scenarios.teamUnderTarget;
    if (!facts) throw new Error('scenario 2 missing');
    const rows = computeKpis(input, { from: facts.from, to: facts.to, asOf: END, scope: { kind: 'team', id: facts.teamId } });
    const handled = kpi(rows)?.handled as number;
    expect(handled).toBe(facts.handledActual);
    const perDay = handled / facts.days;
    expect(perDay / facts.target.value).toBeCloseTo(0.93, 2);
    expect(targetStatus(perDay, { value: facts.target.value, direction: 'higher', amberBand: null })).toBe('red');
  });

  it('3: enterprise AHT is red, and only the tv-campaign reasons are above 360 s', () => {
    const q = { from: world.startAt, to: END, asOf: END, scope: { kind: 'enterprise' as const } };
    const aht = kpi(computeKpis(input, q))?.ahtSeconds ?? null;
    expect(aht).toBeGreaterThan(378);
    expect(status('ahtSeconds', aht)).toBe('red');
    const byReason = computeKpis(input, { ...q, by: 'reason' }).filter((r) => (r.kpis.handled ?? 0) > 0);
    // 7 call types (5 voice reasons, chat, email), each one row across the 3 sites (reasonGroupKey).
    expect(byReason.map((r) => r.key)).toEqual(['billing', 'cancellations', 'chat', 'email', 'sales', 'tech-support', 'tv-campaign']);
    for (const row of byReason) {
      if (row.key === 'tv-campaign') expect(row.kpis.ahtSeconds).toBeGreaterThan(500);
      else expect(row.kpis.ahtSeconds).toBeLessThan(360);
    }
  });

  it('4: Chicago 10:00 staffing is 100 required / 105 scheduled / 95 actual with training 10', () => {
    const facts = world.scenarios.staffingTraining;
    if (!facts) throw new Error('scenario 4 missing');
    const chi = world.org.agents.filter((a) => a.siteId === 'chi').map((a) => a.id);
    const t0 = facts.intervalStarts[0];
    const [row] = computeStaffing({
      forecasts: world.forecasts.filter((f) => f.siteId === 'chi'),
      schedule: world.schedule,
      stateEvents: world.stateEvents,
      siteAgentIds: chi,
      from: t0,
      to: t0 + 900_000,
      asOf: END,
    });
    expect(row).toMatchObject({ requiredAgents: 100, scheduledAgents: 105, actualAgents: 95, staffingGap: -5, scheduleGap: 5 });
    expect(row.shrinkageByActivity?.training).toBe(10);
  });

  it('FCR lands in 70–80% with a meaningful cross-channel share, and consistency has exclusions', () => {
    const rows = computeKpis(input, { from: world.startAt, to: END - 7 * DAY, asOf: END, scope: { kind: 'enterprise' } });
    const k = kpi(rows);
    expect(k?.fcrPct).toBeGreaterThan(70);
    expect(k?.fcrPct).toBeLessThan(80);
    expect(k?.crossChannelRepeatPct).toBeGreaterThan(4);
    const all = kpi(computeKpis(input, { from: world.startAt, to: END, asOf: END, scope: { kind: 'enterprise' } }));
    expect(all?.consistencyExcluded).toBeGreaterThan(0);
    expect(all?.consistencyIndex).toBeGreaterThan(55);
    expect(all?.consistencyIndex).toBeLessThan(80);
  });

  it('most agents are 88–96% adherent', () => {
    const rows = computeKpis(input, { from: world.startAt, to: END, asOf: END, scope: { kind: 'enterprise' }, by: 'agent' });
    const adh = rows.map((r) => r.kpis.adherencePct).filter((v): v is number => v !== null);
    const inBand = adh.filter((v) => v >= 88 && v <= 96.5).length;
    expect(inBand / adh.length).toBeGreaterThan(0.6);
  });
});
