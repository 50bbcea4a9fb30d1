import fc from 'fast-check';
import type { Contact, Org } from '@floorwatch/contracts';
import { computeKpis } from '../compute-kpis';

const T0 = Date.parse('2026-03-02T08:00:00Z');
const org: Org = { sites: [{ id: 'lon', name: 'London', timezone: 'Europe/London' }], teams: [{ id: 't', name: 'T', siteId: 'lon', leaderUserId: null }], agents: [{ id: 'a1', name: 'A', teamId: 't', siteId: 'lon', aliases: [] }], queues: [{ id: 'q', name: 'Q', channel: 'voice', siteId: 'lon', aliases: [], slSeconds: null }] };
const query = { from: T0, to: T0 + 86_400_000, asOf: T0 + 30 * 86_400_000, scope: { kind: 'enterprise' as const } };
const QUEUE_SIDE = ['offered', 'answered', 'abandoned', 'shortAbandoned', 'serviceLevelPct', 'asaSeconds', 'abandonRatePct'] as const;

const arbContact = (id: string, kind: 'inbound' | 'outbound' | 'ivr-callback-unanswered') =>
  fc.record({ startMin: fc.nat(1400), wait: fc.nat(120), talk: fc.nat(600), answered: fc.boolean() }).map(({ startMin, wait, talk, answered }): Contact => {
    const enq = T0 + startMin * 60_000;
    const outbound = kind === 'outbound';
    const ans = outbound || (answered && kind === 'inbound');
    return {
      contactId: id, segmentId: id, channel: 'voice', queueId: 'q', reason: 'q', agentId: ans ? 'a1' : null, customerKey: null,
      enqueuedAt: enq, answeredAt: ans ? enq + (outbound ? 0 : wait * 1000) : null, endedAt: enq + (outbound ? 0 : wait * 1000) + talk * 1000,
      waitSeconds: outbound ? 0 : wait, talkSeconds: ans ? talk : 0, holdSeconds: 0, acwSeconds: 0, outcome: ans ? 'handled' : 'abandoned',
      transferredTo: null, siteId: 'lon', teamId: ans ? 't' : null,
      direction: kind === 'inbound' ? 'inbound' : kind === 'outbound' ? 'outbound' : 'callback', queued: kind !== 'outbound',
    };
  });

describe('selfservice.md: outbound calls and unanswered callbacks leave offered / answered / SL / ASA unchanged (fast-check)', () => {
  it('adding them to any inbound traffic changes no queue-side KPI', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(), { maxLength: 20 }).chain((xs) => fc.tuple(...xs.map((_, i) => arbContact(`in${i}`, 'inbound')))),
        fc.array(fc.nat(), { maxLength: 10 }).chain((xs) => fc.tuple(...xs.map((_, i) => arbContact(`out${i}`, i % 2 ? 'outbound' : 'ivr-callback-unanswered')))),
        (inbound, extra) => {
          const [before] = computeKpis({ org, contacts: inbound, stateEvents: [], schedule: [], surveys: [] }, query);
          const [after] = computeKpis({ org, contacts: [...inbound, ...extra], stateEvents: [], schedule: [], surveys: [] }, query);
          for (const k of QUEUE_SIDE) expect([k, after.kpis[k]]).toEqual([k, before.kpis[k]]);
        },
      ),
      { numRuns: 100 },
    );
  });
});
