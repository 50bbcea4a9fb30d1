import type { Contact, SelfServiceSession } from '@floorwatch/contracts';
import { directionOf } from '@floorwatch/contracts';
import { computeHandledEffort, computeJourneyKpis, computeKpis, computeSelfServiceKpis, type SelfServiceKpiValues } from '@floorwatch/kpi';
import { generateWorld } from '../world';
import { FOUR_TOUCH_CUSTOMER } from './contact-stories';
import type { DemoSession } from './sessions';

/**
 * The README tour's self-service story (selfservice.md demo world), read straight off the generated
 * world through the pure @floorwatch/kpi functions the API uses: no database, no ingest. 180 agents
 * give every site chat (London, Manila and Chicago each ≥ 4 teams of ~13); the four-touch customer
 * exists at any size (four-touch-story-at-any-size.spec.ts); four days keep it to seconds.
 */
const NOW = Date.parse('2026-11-20T15:00:00Z');
const DAY = 86_400_000;
const world = generateWorld({ seed: 42, days: 4, agents: 180, endAt: NOW });
const FROM = world.startAt;

/** As ingest stores it: the entry point as written (ids and aliases group alike), the contact by its segment. */
const toSession = (s: DemoSession): SelfServiceSession => ({
  sessionId: s.sessionId,
  customerKey: s.customerKey,
  channel: s.channel,
  entryPoint: s.entryPoint,
  startedAt: s.startedAt,
  endedAt: s.endedAt,
  outcome: s.outcome,
  intent: s.intent,
  lastNode: s.lastNode,
  idAttempted: s.idAttempted,
  idPassed: s.idPassed,
  transferredContactId: s.contact?.segmentId ?? null,
  siteId: s.siteId,
});
const sessions = (world.selfService?.sessions ?? []).filter((s) => s.endedAt < NOW).map(toSession);
const contacts: Contact[] = world.contacts;
const ss = (by?: 'site' | 'lastNode'): Map<string, SelfServiceKpiValues> => computeSelfServiceKpis({ sessions, contacts }, { from: FROM, to: NOW, asOf: NOW, by });

describe('demo world self-service story (README tour: manager self-service panel)', () => {
  it('sessions at every site; containment ~40 % (0.8 contained per transfer); ID&V failures ~20 % (one in five)', () => {
    const all = ss().get('all') as SelfServiceKpiValues;
    // Per transferred session ~0.8 contained, 0.1 abandoned (60 % of them long), 0.02 error:
    // 0.8 / (1 + 0.8 + 0.06 + 0.02) = 42.6 %; the spike node pulls it down a little.
    expect(all.ivrContainmentPct).toBeGreaterThan(35);
    expect(all.ivrContainmentPct).toBeLessThan(48);
    // Attempts fail 27 % before an opt-out, 10 % otherwise: (0.27 + 0.8 × 0.1 + 0.1 × 0.6 × 0.1) / 1.86 ≈ 19 %.
    expect(all.idFailurePct).toBeGreaterThan(16);
    expect(all.idFailurePct).toBeLessThan(23);
    const bySite = ss('site');
    for (const site of ['lon', 'mnl', 'chi']) {
      expect(bySite.get(site)?.ivrOffered).toBeGreaterThan(100);
      // Sessions find their contact by segment: time to a human is known at every site.
      expect(bySite.get(site)?.timeToHumanSeconds).toBeGreaterThan(0);
    }
  });

  it('opt-out hot spot: tech:outage-check ranks first by opt-out among the menu nodes', () => {
    const ranked = [...ss('lastNode')].filter(([, v]) => v.ivrOptOutPct !== null).sort(([, a], [, b]) => (b.ivrOptOutPct as number) - (a.ivrOptOutPct as number));
    expect(ranked[0][0]).toBe('tech:outage-check');
    // 0.08 contained per transfer in the last 14 days (the whole window): 1 / (1 + 0.08 + 0.08) ≈ 86 %; the rest ≤ ~57 %.
    expect(ranked[0][1].ivrOptOutPct).toBeGreaterThan(75);
    expect(ranked[1][1].ivrOptOutPct).toBeLessThan(65);
  });

  it('outbound campaign calls in Manila only; transfers between queues in Manila and Chicago', () => {
    const outboundSites = new Set(contacts.filter((c) => directionOf(c) === 'outbound').map((c) => c.siteId));
    expect([...outboundSites]).toEqual(['mnl']);
    const bySite = computeKpis({ org: world.org, contacts, stateEvents: [], schedule: [], surveys: [] }, { from: FROM, to: NOW, asOf: NOW, scope: { kind: 'enterprise' }, by: 'site' });
    const k = (site: string) => bySite.find((r) => r.key === site)?.kpis;
    expect(k('mnl')?.outboundHandled).toBeGreaterThan(0);
    expect(k('lon')?.outboundHandled).toBe(0);
    expect(k('chi')?.outboundHandled).toBe(0);
    // ~5 % of handled voice segments hand over to another queue (queue_log, London's ACD, cannot say).
    const effort = computeHandledEffort(contacts, { from: FROM, to: NOW, keyOf: (c) => c.siteId });
    expect(effort.get('mnl')?.transferRatePct).toBeGreaterThan(1);
    expect(effort.get('chi')?.transferRatePct).toBeGreaterThan(1);
    expect(effort.get('lon')?.transferRatePct).toBe(0);
  });

  it('callbacks: Manila has callback segments handled, not offered', () => {
    const byDir = computeKpis({ org: world.org, contacts, stateEvents: [], schedule: [], surveys: [] }, { from: FROM, to: NOW, asOf: NOW, scope: { kind: 'site', id: 'mnl' }, by: 'direction' });
    const callback = byDir.find((r) => r.key === 'callback')?.kpis;
    expect(callback?.handled).toBeGreaterThan(0);
    expect(callback?.offered).toBe(0);
  });

  it('journeys: the Chicago customer +13125550404 is one four-touch chain chatbot › chat › voice › e-mail', () => {
    const story = world.selfService?.fourTouch;
    expect(story).toBeTruthy();
    // Only this customer's records: the chain is theirs, whatever other customers did.
    const mine = computeJourneyKpis(
      sessions.filter((s) => s.customerKey === FOUR_TOUCH_CUSTOMER),
      contacts.filter((c) => c.customerKey === FOUR_TOUCH_CUSTOMER),
      { from: FROM, to: NOW, asOf: NOW + 2 * DAY, by: 'derivedChain' },
    );
    expect([...mine.keys()]).toEqual(['chatbot>chat>voice>email']);
    expect(mine.get('chatbot>chat>voice>email')).toMatchObject({ journeys: 1, journeyContacts: 4, customerEffort: 4 });
    // Across everyone the chain is there too, and customers cross channels in other journeys.
    const all = computeJourneyKpis(sessions, contacts, { from: FROM, to: NOW, asOf: NOW + 2 * DAY, by: 'derivedChain' });
    expect(all.get('chatbot>chat>voice>email')?.journeys).toBeGreaterThanOrEqual(1);
    expect([...all.keys()].filter((k) => k.includes('>')).length).toBeGreaterThan(3);
  });
});
