import type { AgentStateEvent, Contact } from '@floorwatch/contracts';
import { contactObject, stateObject } from '../feeds/ndjson';
import type { World } from './world';

export type LiveEvent =
  | { at: number; format: 'agent-states-ndjson'; record: { agentId: string; at: string; state: string } }
  | { at: number; format: 'contacts-ndjson'; record: Record<string, unknown> };

/** A contact record is final once its after-contact work is done: that is when it is sent. */
export function contactEmitAt(c: Contact): number {
  return c.endedAt + c.acwSeconds * 1000;
}

const cache = new WeakMap<World, { states: AgentStateEvent[]; contacts: Contact[] }>();

function timeline(world: World): { states: AgentStateEvent[]; contacts: Contact[] } {
  let t = cache.get(world);
  if (!t) {
    const states = world.stateEvents.concat(world.future.stateEvents);
    const contacts = world.contacts.concat(world.future.contacts).sort((a, b) => contactEmitAt(a) - contactEmitAt(b) || (a.contactId < b.contactId ? -1 : 1));
    t = { states, contacts };
    cache.set(world, t);
  }
  return t;
}

/**
 * The world's events in [fromMs, toMs), in time order, as the generic feeds' objects: what
 * live mode pushes to the running API. Beyond `world.horizon` there is nothing; generate a
 * world with more `liveDays` for longer runs. At equal times state changes come first.
 */
export function* liveEvents(world: World, fromMs: number, toMs: number): Generator<LiveEvent> {
  if (toMs > world.horizon) throw new Error(`liveEvents: toMs ${new Date(toMs).toISOString()} is past the simulated horizon ${new Date(world.horizon).toISOString()}; raise liveDays`);
  const { states, contacts } = timeline(world);
  let i = lowerBound(states.length, (k) => states[k].at < fromMs);
  let j = lowerBound(contacts.length, (k) => contactEmitAt(contacts[k]) < fromMs);
  for (;;) {
    const s = i < states.length && states[i].at < toMs ? states[i] : null;
    const c = j < contacts.length && contactEmitAt(contacts[j]) < toMs ? contacts[j] : null;
    if (!s && !c) return;
    if (s && (!c || s.at <= contactEmitAt(c))) {
      i++;
      yield { at: s.at, format: 'agent-states-ndjson', record: stateObject(s) };
    } else if (c) {
      j++;
      yield { at: contactEmitAt(c), format: 'contacts-ndjson', record: contactObject(c) };
    }
  }
}

function lowerBound(n: number, before: (k: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
