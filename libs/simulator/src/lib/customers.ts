import type { Channel } from '@floorwatch/contracts';
import { MinHeap } from './heap';
import type { Routed } from './queue-sim';
import { Rng } from './rng';
import { DAY, HOUR, MINUTE } from './time';

/** Large enough that two unrelated contacts rarely share a customer by chance (~3% within 7 days). */
const POOL = 2_000_000;
const WITHHELD_P = 0.03;

/**
 * The customer's raw identifier, the same on every channel (decision: the platforms resolve chat
 * and e-mail customers to the account's phone number), so FCR and cross-channel repeat match
 * across feeds once ingest hashes it.
 */
export function customerPhone(idx: number): string {
  const cc = ['+44 7700 ', '+63 917 ', '+1 312 55'][idx % 3];
  return `${cc}${String(idx).padStart(7, '0')}`.replace(/ /g, '');
}

interface Pending {
  customer: number;
  prevChannel: Channel;
  expires: number;
}

/**
 * Gives every routed contact a customer (index, or -1 when the caller id is withheld) in
 * global time order: a customer whose issue was not resolved comes back — often on another
 * channel — days later, which is what FCR and cross-channel repeat measure.
 */
export function assignCustomers(seed: number, routed: Routed[], channels: Channel[]): { customer: Int32Array; prevChannel: (Channel | null)[] } {
  const rng = Rng.derive(seed, 'customers');
  const heaps = new Map<Channel, MinHeap<Pending>>(channels.map((c) => [c, new MinHeap<Pending>()]));
  const customer = new Int32Array(routed.length);
  const prevChannel: (Channel | null)[] = new Array(routed.length).fill(null);
  for (let i = 0; i < routed.length; i++) {
    const r = routed[i];
    const ch = r.arrival.reason.channel;
    const heap = heaps.get(ch) as MinHeap<Pending>;
    let picked: Pending | null = null;
    while (heap.size && (heap.peekKey() as number) <= r.arrival.at) {
      const p = heap.pop() as Pending;
      if (p.expires >= r.arrival.at) {
        picked = p;
        break;
      }
    }
    if (!picked && ch === 'voice' && rng.chance(WITHHELD_P)) {
      customer[i] = -1;
      continue;
    }
    const c = picked ? picked.customer : rng.int(0, POOL - 1);
    customer[i] = c;
    prevChannel[i] = picked ? picked.prevChannel : null;
    if (r.outcome === 'pending') continue;
    const endedAt = r.answeredAt !== null ? r.answeredAt + (r.talkSeconds + r.holdSeconds) * 1000 : r.arrival.at + r.waitSeconds * 1000;
    if (r.outcome === 'abandoned' && rng.chance(0.5)) {
      const due = endedAt + Math.round(rng.exponential(25) * MINUTE);
      heaps.get(ch)?.push(due, { customer: c, prevChannel: ch, expires: due + 12 * HOUR });
    } else if (r.outcome === 'handled' && rng.chance(r.arrival.reason.repeatP)) {
      const next = rng.chance(0.62) ? ch : rng.pick(channels.filter((x) => x !== ch).concat(channels.length === 1 ? [ch] : []));
      const due = endedAt + Math.round(rng.exponential(1.4) * DAY) + MINUTE;
      heaps.get(next)?.push(due, { customer: c, prevChannel: ch, expires: due + DAY });
    }
  }
  return { customer, prevChannel };
}
