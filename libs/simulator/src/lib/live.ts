import type { AgentStateEvent, Contact } from '@floorwatch/contracts';
import { ctrObject } from '../feeds/connect';
import { contactObject, stateObject } from '../feeds/ndjson';
import { decorateCtr, ivrBySegment, ivrOnlyCtr, sessionObject } from '../feeds/selfservice';
import type { World } from './world';

export type LiveEvent =
  | { at: number; format: 'agent-states-ndjson'; record: { agentId: string; at: string; state: string } }
  /**
   * A contact (contacts-ndjson, or a Connect site's CTR, which also carries the IVR session that
   * handed over to it) or a self-service session: `endedAt` says whether the backfill has it already.
   */
  | { at: number; format: 'contacts-ndjson' | 'selfservice-ndjson' | 'connect-ctr'; record: Record<string, unknown>; endedAt: number };

type SessionEvent = Extract<LiveEvent, { endedAt: number }>;

/** A contact record is final once its after-contact work is done: that is when it is sent. */
export function contactEmitAt(c: Contact): number {
  return c.endedAt + c.acwSeconds * 1000;
}

interface Timeline {
  states: AgentStateEvent[];
  contacts: Contact[];
  sessions: SessionEvent[];
  contactRecord: ReturnType<typeof contactRecorder>;
}
const cache = new WeakMap<World, Timeline>();

function timeline(world: World): Timeline {
  let t = cache.get(world);
  if (!t) {
    const states = world.stateEvents.concat(world.future.stateEvents);
    const contacts = world.contacts.concat(world.future.contacts).sort((a, b) => contactEmitAt(a) - contactEmitAt(b) || (a.contactId < b.contactId ? -1 : 1));
    t = { states, contacts, sessions: sessionEvents(world), contactRecord: contactRecorder(world) };
    cache.set(world, t);
  }
  return t;
}

/**
 * selfservice.md §5 live: a site with a real-time IVR feed (selfservice-ndjson) reports a session
 * open when the caller enters and closed when they leave, so "in IVR now" moves; Connect sends
 * a CTR after the call, and only sessions that reached no queue have one of their own (queued
 * ones ride on the contact's CTR: see contactRecord).
 */
function sessionEvents(world: World): SessionEvent[] {
  const connect = connectSites(world);
  const out: SessionEvent[] = [];
  for (const s of world.selfService?.sessions ?? []) {
    if (!connect.has(s.siteId)) {
      out.push({ at: s.startedAt, format: 'selfservice-ndjson', record: sessionObject(s, true), endedAt: s.endedAt });
      out.push({ at: s.endedAt, format: 'selfservice-ndjson', record: sessionObject(s), endedAt: s.endedAt });
    } else if (!s.contact) out.push({ at: s.endedAt, format: 'connect-ctr', record: ivrOnlyCtr(s), endedAt: s.endedAt });
  }
  // Stable sort: a session opened and closed in the same millisecond stays open-then-closed.
  return out.sort((a, b) => a.at - b.at);
}

function connectSites(world: World): Set<string> {
  return new Set(world.sim.sites.filter((s) => s.acd === 'connect').map((s) => s.id));
}

/**
 * A contact as its site's ACD reports it live: a Connect site sends the CTR the backfill has
 * (writeFeeds), so the IVR session that queued the call (InitiationTimestamp, SystemEndpoint,
 * lastNode, idv) arrives with it; a generic contact object would drop that session.
 */
function contactRecorder(world: World): (c: Contact) => { format: 'contacts-ndjson' | 'connect-ctr'; record: Record<string, unknown> } {
  const connect = connectSites(world);
  const agents = new Map(world.sim.agents.map((a) => [a.id, a]));
  const ss = world.selfService ?? undefined;
  const ivr = ivrBySegment(ss);
  return (c) =>
    connect.has(c.siteId)
      ? { format: 'connect-ctr', record: decorateCtr(ctrObject(c, c.agentId ? agents.get(c.agentId) : undefined), c, ss, ivr) }
      : { format: 'contacts-ndjson', record: contactObject(c) };
}

/**
 * The world's events in [fromMs, toMs), in time order, as the generic feeds' objects: what
 * live mode pushes to the running API (agent states, contacts, self-service sessions). Beyond `world.horizon` there is nothing; generate a
 * world with more `liveDays` for longer runs. At equal times state changes come first, then contacts.
 */
export function* liveEvents(world: World, fromMs: number, toMs: number): Generator<LiveEvent> {
  if (toMs > world.horizon) throw new Error(`liveEvents: toMs ${new Date(toMs).toISOString()} is past the simulated horizon ${new Date(world.horizon).toISOString()}; raise liveDays`);
  const { states, contacts, sessions, contactRecord } = timeline(world);
  let i = lowerBound(states.length, (k) => states[k].at < fromMs);
  let j = lowerBound(contacts.length, (k) => contactEmitAt(contacts[k]) < fromMs);
  let m = lowerBound(sessions.length, (k) => sessions[k].at < fromMs);
  for (;;) {
    const s = i < states.length && states[i].at < toMs ? states[i] : null;
    const c = j < contacts.length && contactEmitAt(contacts[j]) < toMs ? contacts[j] : null;
    const ss = m < sessions.length && sessions[m].at < toMs ? sessions[m] : null;
    if (!s && !c && !ss) return;
    if (s && (!c || s.at <= contactEmitAt(c)) && (!ss || s.at <= ss.at)) {
      i++;
      yield { at: s.at, format: 'agent-states-ndjson', record: stateObject(s) };
    } else if (c && (!ss || contactEmitAt(c) <= ss.at)) {
      j++;
      yield { at: contactEmitAt(c), ...contactRecord(c), endedAt: c.endedAt };
    } else if (ss) {
      m++;
      yield ss;
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
