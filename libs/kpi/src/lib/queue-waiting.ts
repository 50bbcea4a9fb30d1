import { WAITING_UNKNOWN_REASON, type Channel, type QueueWaitingResult, type WaitingContact, type WaitingFigures } from '@floorwatch/contracts';

const iso = (t: number): string => new Date(t).toISOString();

function figures(list: readonly WaitingContact[], asOf: number): WaitingFigures {
  if (list.length === 0) return { waiting: 0, longestWaitSeconds: null, oldestEnteredAt: null };
  let oldest = Infinity;
  for (const c of list) if (c.enteredAt < oldest) oldest = c.enteredAt;
  return { waiting: list.length, longestWaitSeconds: Math.max(0, (asOf - oldest) / 1000), oldestEnteredAt: iso(oldest) };
}

const UNKNOWN: WaitingFigures = { waiting: null, longestWaitSeconds: null, oldestEnteredAt: null, reason: WAITING_UNKNOWN_REASON };

/** A queue of the site whose waiting no source knows (its feed reports completed contacts only). */
export interface UnknownWaitingQueue {
  queueId: string;
  channel: Channel;
}

/**
 * Calls waiting and the longest wait of one site at `asOf`, per channel and per queue, from the
 * contacts in queue now (the caller gives those entered by asOf and not yet answered or ended).
 * Voice is always reported (0 waiting is a figure on a wallboard, not a blank). The `unknown`
 * queues report waiting null with the reason, and so does each channel one of them is in: a 0
 * there would say nobody waits when nobody can tell.
 */
export function queueWaiting(site: string, contacts: readonly WaitingContact[], asOf: number, unknown: readonly UnknownWaitingQueue[] = []): QueueWaitingResult {
  const mine = contacts.filter((c) => c.siteId === site && c.enteredAt <= asOf);
  const byChannel = new Map<Channel, WaitingContact[]>([['voice', []]]);
  const byQueue = new Map<string, WaitingContact[]>();
  for (const c of mine) {
    let ch = byChannel.get(c.channel);
    if (!ch) byChannel.set(c.channel, (ch = []));
    ch.push(c);
    let q = byQueue.get(c.queueId);
    if (!q) byQueue.set(c.queueId, (q = []));
    q.push(c);
  }
  const unknownIds = new Set(unknown.map((u) => u.queueId));
  const unknownChannels = new Set(unknown.map((u) => u.channel));
  const channels: QueueWaitingResult['channels'] = {};
  for (const [ch, list] of byChannel) channels[ch] = unknownChannels.has(ch) ? { ...UNKNOWN } : figures(list, asOf);
  for (const ch of unknownChannels) channels[ch] = { ...UNKNOWN };
  const queues = [
    ...[...byQueue.entries()].filter(([queueId]) => !unknownIds.has(queueId)).map(([queueId, list]) => ({ queueId, channel: list[0].channel, ...figures(list, asOf) })),
    ...unknown.map((u) => ({ queueId: u.queueId, channel: u.channel, ...UNKNOWN })),
  ].sort((a, b) => (a.queueId < b.queueId ? -1 : a.queueId > b.queueId ? 1 : 0));
  return { site, asOf: iso(asOf), channels, queues };
}
