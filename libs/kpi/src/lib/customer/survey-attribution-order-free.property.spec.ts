import fc from 'fast-check';
import type { Contact, SurveyResponse } from '@floorwatch/contracts';
import { computeKpis } from '../compute-kpis';
import { contact, input, query, survey } from '../../testing/fixtures';
import { attributeSurvey } from './attribution';

const T0 = Date.parse('2024-05-01T00:00:00Z');
const H = 3_600_000;

/** Small worlds: 3 customers, 3 agents, contacts over 5 days, responses with or without contact ids. */
const world = fc.record({
  contacts: fc.array(
    fc.record({ cust: fc.integer({ min: 0, max: 2 }), agent: fc.integer({ min: 0, max: 2 }), startH: fc.integer({ min: 0, max: 120 }), answered: fc.boolean(), seg: fc.integer({ min: 1, max: 2 }) }),
    { maxLength: 12 },
  ),
  responses: fc.array(
    fc.record({ cust: fc.integer({ min: 0, max: 3 }), atH: fc.integer({ min: 0, max: 130 }), ref: fc.option(fc.integer({ min: 0, max: 14 })), csat: fc.integer({ min: 1, max: 7 }), nps: fc.integer({ min: 0, max: 10 }) }),
    { minLength: 1, maxLength: 8 },
  ),
});

type World = typeof world extends fc.Arbitrary<infer T> ? T : never;

function build(w: World): { contacts: Contact[]; surveys: SurveyResponse[] } {
  const contacts = w.contacts.map((c, i) =>
    contact({
      contactId: `K${i}`, segmentId: `K${i}-${c.seg}`, customerKey: `C${c.cust}`, agentId: c.answered ? `a${c.agent}` : null, teamId: c.answered ? `t${c.agent}` : null,
      enqueuedAt: T0 + c.startH * H, answeredAt: c.answered ? T0 + c.startH * H : null, endedAt: T0 + c.startH * H + 300_000,
    }),
  );
  const surveys = w.responses.map((r) =>
    survey([null, null, null, null, null], { customerKey: `C${r.cust}`, respondedAt: T0 + r.atH * H, contactId: r.ref === null ? null : `K${r.ref}`, csat: r.csat, nps: r.nps }),
  );
  return { contacts, surveys };
}

describe('attribution is order-free: responses before or after the contacts they rate give the same KPIs', () => {
  it('the attribution of each response does not depend on the order the records arrived in', () => {
    fc.assert(
      fc.property(world, fc.integer(), (w, seed) => {
        const { contacts, surveys } = build(w);
        const shuffled = [...contacts].sort((a, b) => ((a.segmentId.charCodeAt(1) * 31 + seed) % 7) - ((b.segmentId.charCodeAt(1) * 31 + seed) % 7));
        for (const s of surveys) expect(attributeSurvey(s, shuffled)).toEqual(attributeSurvey(s, [...contacts].reverse()));
      }),
      { numRuns: 200 },
    );
  });

  it('KPIs by agent: responses attributed as contacts arrive one by one (re-attributing every time) equal attributing once at the end', () => {
    fc.assert(
      fc.property(world, (w) => {
        const { contacts, surveys } = build(w);
        // Responses arrive first, contacts later one at a time: each arrival re-attributes.
        let present: Contact[] = [];
        let live = surveys.map((s) => ({ ...s, attribution: attributeSurvey(s, present) }));
        for (const c of contacts) {
          present = [...present, c];
          live = live.map((s) => ({ ...s, attribution: attributeSurvey(s, present) }));
        }
        const once = surveys.map((s) => ({ ...s, attribution: attributeSurvey(s, contacts) }));
        const q = query('2024-04-30T00:00:00Z', '2024-05-08T00:00:00Z', { kind: 'enterprise' }, { by: 'agent' });
        expect(computeKpis(input({ surveys: live }), q)).toEqual(computeKpis(input({ surveys: once }), q));
      }),
      { numRuns: 100 },
    );
  });
});
