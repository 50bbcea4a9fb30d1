import { countsAsOffered, type WaitingContact } from '@floorwatch/contracts';
import type { World } from '@floorwatch/simulator';

/**
 * The demo's contacts in queue at `at`: the live feed sends contacts when they end (contacts
 * NDJSON), so who is waiting now comes from the simulated world itself — entered by `at`, not yet
 * answered (or, unanswered, not yet abandoned). They end after the backfill, so they are among
 * the world's future contacts.
 */
export function waitingInWorld(world: World, at: number): WaitingContact[] {
  const out: WaitingContact[] = [];
  for (const c of world.future.contacts) {
    if (!countsAsOffered(c) || c.outcome === 'blocked') continue;
    if (c.enqueuedAt <= at && at < (c.answeredAt ?? c.endedAt)) out.push({ queueId: c.queueId, siteId: c.siteId, channel: c.channel, enteredAt: c.enqueuedAt });
  }
  return out;
}
