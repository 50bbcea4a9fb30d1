import type { Contact, SurveyResponse } from '@floorwatch/contracts';
import { attributeSurvey, computeDrivers, matchHotlineRules } from '@floorwatch/kpi';
import { generateWorld, type World } from './index';

const HOUR = 3_600_000;
const HOTLINE_48H = 48 * HOUR;

/**
 * customer.md "Demo world", checked on the seeded data the way the demo seeds it (DEFAULT_DEMO's
 * seed 42 and 300 agents; fewer days than the demo's 30 to stay fast) at instants a user may open
 * the app on: a Saturday, a Monday 07:00 and the 1st of a month.
 */
const INSTANTS = [
  { name: 'Saturday 30 Jan 2027 11:00', now: Date.parse('2027-01-30T11:00:00Z') },
  { name: 'Monday 8 Feb 2027 07:00', now: Date.parse('2027-02-08T07:00:00Z') },
  { name: 'Monday 1 Mar 2027 07:00 (the 1st of a month)', now: Date.parse('2027-03-01T07:00:00Z') },
];

interface Attributed { s: SurveyResponse; agentId: string | null; teamId: string | null }

function attributeAll(world: World): Attributed[] {
  const byKey = new Map<string, Contact[]>();
  const byContact = new Map<string, Contact[]>();
  for (const c of world.contacts) {
    if (c.customerKey !== null) byKey.set(c.customerKey, [...(byKey.get(c.customerKey) ?? []), c]);
    byContact.set(c.contactId, [...(byContact.get(c.contactId) ?? []), c]);
  }
  return world.surveys.map((s) => {
    const candidates = [...(s.contactId ? byContact.get(s.contactId) ?? [] : []), ...(s.customerKey ? byKey.get(s.customerKey) ?? [] : [])];
    const a = attributeSurvey(s, candidates);
    return { s, agentId: a?.agentId ?? null, teamId: a?.teamId ?? null };
  });
}

const csatMean = (rs: Attributed[]): number => {
  const v = rs.filter((r) => r.s.csat !== null).map((r) => (100 * ((r.s.csat as number) - r.s.scaleMin)) / (r.s.scaleMax - r.s.scaleMin));
  return v.reduce((a, x) => a + x, 0) / v.length;
};

describe.each(INSTANTS)('demo customer story at $name', ({ now }) => {
  let world: World;
  let attributed: Attributed[];
  beforeAll(() => {
    world = generateWorld({ seed: 42, days: 6, endAt: now, agents: 300 });
    attributed = attributeAll(world);
  });

  it('consistency ranks first for satisfaction overall (beta about 0.6; productSat and valueForMoney under 0.2)', () => {
    const d = computeDrivers({ responses: world.surveys, outcome: 'csat' });
    const [consistency, productSat, valueForMoney] = d.drivers;
    // Measured (seed 42, 300 agents, 6 days): ~1 600 responses, modelN ~1 300; consistency r 0.59–0.62,
    // beta 0.59–0.63; productSat beta 0.14–0.15, valueForMoney 0.17 (rank 2, productSat 3).
    expect(d.modelN).toBeGreaterThanOrEqual(1000);
    expect(consistency).toMatchObject({ driver: 'consistency', rank: 1 });
    expect(consistency.beta).toBeGreaterThan(0.55);
    expect(productSat.beta).toBeLessThan(0.2);
    expect(valueForMoney.beta).toBeLessThan(0.2);
  });

  it('one channel chain is visibly worst: web>phone>store, over 30 points below the best chain and 15 beyond any other', () => {
    const d = computeDrivers({ responses: world.surveys, outcome: 'csat', by: 'channelChain' });
    const ranked = (d.groups ?? []).filter((g) => g.consistencyGapPts !== null).sort((a, b) => (b.consistencyGapPts as number) - (a.consistencyGapPts as number));
    // Measured: web>phone>store consistencyIndex ~39 on 47–51 responses vs the best (chat or email) ~74–75:
    // gap 34.7–35.8; the next worst chain 8.3–9.3 before the self-service and follow-up stories
    // joined the world, ~16 after (the survey draws moved): still ≥ 15 points behind the worst.
    expect(ranked[0].key).toBe('web>phone>store');
    expect(ranked[0].consistencyGapPts).toBeGreaterThan(30);
    expect((ranked[0].consistencyGapPts as number) - (ranked[1].consistencyGapPts as number)).toBeGreaterThanOrEqual(15);
    expect(ranked[0].outcomeMean).toBeLessThan(55);
  });

  it("the two new hires' CSAT is the lowest in their team", () => {
    const facts = world.scenarios.teamUnderTarget;
    if (!facts) throw new Error('no team scenario');
    const hires = new Set(facts.newHireAgentIds);
    const members = world.org.agents.filter((a) => a.teamId === facts.teamId).map((a) => a.id);
    const mean = (id: string) => csatMean(attributed.filter((r) => r.agentId === id));
    const rated = members.filter((id) => attributed.some((r) => r.agentId === id && r.s.csat !== null));
    const hireMeans = [...hires].map(mean);
    const others = rated.filter((id) => !hires.has(id)).map(mean);
    // Measured: lon-a011 34–46, lon-a012 44–53 (7–23 answers each) vs the others' lowest 61–62.
    expect(hireMeans.every((m) => Number.isFinite(m))).toBe(true);
    expect(Math.max(...hireMeans)).toBeLessThan(Math.min(...others));
  });

  it('HOTLINE: cases in the last 4 days across the enterprise, and in the team leader\'s own team two past 48 h plus newer ones', () => {
    const facts = world.scenarios.teamUnderTarget;
    if (!facts) throw new Error('no team scenario');
    // The demo raises each case 15 min after its response (apps/api customer/demo-hotline.ts).
    const raised = (r: Attributed) => r.s.respondedAt + 15 * 60_000;
    const recent = attributed.filter((r) => matchHotlineRules(r.s).length > 0 && r.s.respondedAt >= now - 96 * HOUR);
    const team = recent.filter((r) => r.teamId === facts.teamId);
    const overdue = team.filter((r) => raised(r) + HOTLINE_48H <= now);
    // Measured: 14, 17, 16 cases in the last 96 h enterprise-wide; lon-t01 5, 6, 5, of which 2 past 48 h.
    expect(recent.length).toBeGreaterThanOrEqual(5);
    expect(overdue.length).toBeGreaterThanOrEqual(2);
    expect(team.length).toBeGreaterThanOrEqual(3);
  });
});
