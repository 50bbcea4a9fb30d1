import type { Channel, QueueWaitingResult, WaitingContact, WaitingFigures } from '@floorwatch/contracts';

const iso = (t: number): string => new Date(t).toISOString();

function figures(list: readonly WaitingContact[], asOf: number): WaitingFigures {
  if (list.length === 0) return { waiting: 0, longestWaitSeconds: null, oldestEnteredAt: null };
  let oldest = Infinity;
  for (const c of list) if (c.enteredAt < oldest) oldest = c.enteredAt;
  return { waiting: list.length, longestWaitSeconds: Math.max(0, (asOf - oldest) / 1000), oldestEnteredAt: iso(oldest) };
}

/**
 * Calls waiting and the longest wait of one site at `asOf`, per channel and per queue, from the
 * contacts in queue now (the caller gives those entered by asOf and not yet answered or ended).
 * Voice is always reported (0 waiting is a figure on a wallboard, not a blank).
 */
export function queueWaiting(site: string, contacts: readonly WaitingContact[], asOf: number): QueueWaitingResult {
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
  const channels: QueueWaitingResult['channels'] = {};
  for (const [ch, list] of byChannel) channels[ch] = figures(list, asOf);
  const queues = [...byQueue.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([queueId, list]) => ({ queueId, channel: list[0].channel, ...figures(list, asOf) }));
  return { site, asOf: iso(asOf), channels, queues };
}
