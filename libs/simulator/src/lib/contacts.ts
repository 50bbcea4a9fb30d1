import type { Channel, Contact } from '@floorwatch/contracts';
import { queueId } from './config';
import { customerPhone } from './customers';
import type { SimOrg } from './org';
import type { Routed } from './queue-sim';
import { Rng } from './rng';

/**
 * Normalised contacts exactly as ingest will read them back from each site's feed: London voice
 * comes from queue_log, which logs no hold (calltime includes it), so there talk = talk + hold
 * and hold = 0. reason = queue id, as kpis.md defaults it (queue_log carries no call type).
 */
export function buildContacts(
  seed: number,
  sim: SimOrg,
  routed: Routed[],
  routedSite: string[],
  customer: Int32Array,
  prevChannel: (Channel | null)[],
): { contacts: Contact[]; prevChannel: Map<string, Channel> } {
  const rng = Rng.derive(seed, 'contact-ids');
  const acd = new Map(sim.sites.map((s) => [s.id, s.acd]));
  const teamOf = new Map(sim.agents.map((a) => [a.id, a.teamId]));
  const contacts: Contact[] = [];
  const prev = new Map<string, Channel>();
  const seq = new Map<string, number>();
  for (let i = 0; i < routed.length; i++) {
    const r = routed[i];
    if (r.outcome === 'pending') continue;
    const siteId = routedSite[i];
    const channel = r.arrival.reason.channel;
    const n = (seq.get(siteId) ?? 0) + 1;
    seq.set(siteId, n);
    const fromQueueLog = acd.get(siteId) === 'queue_log' && channel === 'voice';
    const contactId =
      acd.get(siteId) === 'connect' ? uuid(rng) : fromQueueLog ? `${Math.floor(r.arrival.at / 1000)}.${n}` : `${siteId}-${channel}-${String(n).padStart(7, '0')}`;
    const q = queueId(siteId, r.arrival.reason.reason);
    const answered = r.outcome === 'handled';
    const endedAt = answered ? (r.answeredAt as number) + (r.talkSeconds + r.holdSeconds) * 1000 : r.arrival.at + r.waitSeconds * 1000;
    contacts.push({
      contactId,
      segmentId: contactId,
      channel,
      queueId: q,
      reason: q,
      agentId: r.agent?.id ?? null,
      customerKey: customer[i] >= 0 ? customerPhone(customer[i]) : null,
      enqueuedAt: r.arrival.at,
      answeredAt: r.answeredAt,
      endedAt,
      waitSeconds: r.waitSeconds,
      talkSeconds: fromQueueLog ? r.talkSeconds + r.holdSeconds : r.talkSeconds,
      holdSeconds: fromQueueLog ? 0 : r.holdSeconds,
      acwSeconds: r.acwSeconds,
      outcome: answered ? 'handled' : 'abandoned',
      transferredTo: null,
      siteId,
      teamId: r.agent ? (teamOf.get(r.agent.id) ?? null) : null,
    });
    const p = prevChannel[i];
    if (p) prev.set(contactId, p);
  }
  return { contacts, prevChannel: prev };
}

function uuid(rng: Rng): string {
  const h = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(rng.next() * 16)];
    return s;
  };
  return `${h(8)}-${h(4)}-4${h(3)}-a${h(3)}-${h(12)}`;
}
