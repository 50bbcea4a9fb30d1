import type { Org } from '@floorwatch/contracts';
import { generateWorld, type World } from '@floorwatch/simulator';
import type { StoredContact, StoredForecast, StoredScheduleSegment, StoredStateEvent, StoredSurvey } from '../../../apps/api/src/app/database/record-types';
import { hashCustomerKey } from '../../../apps/api/src/app/ingest/customer-key';
import { localTime } from '@floorwatch/simulator';

const DAY = 86_400_000;

export interface FullWorldOptions {
  agents: number;
  days: number;
  /** Last local day of the history (every site), `yyyy-MM-dd`. */
  lastDay: string;
  seed: number;
  /** Simulator handle-time scale (WorldOptions.handleScale); default 1. */
  handleScale?: number;
  /** Agent-days generated at once: bounds memory (~50 KB each while a chunk is in memory). */
  chunkAgentDays?: number;
}

/** One chunk of consecutive local days, as the stored records ingest would have written. */
export interface FullWorldChunk {
  index: number;
  days: string[];
  org: Org;
  contacts: StoredContact[];
  states: StoredStateEvent[];
  schedule: StoredScheduleSegment[];
  forecasts: StoredForecast[];
  surveys: StoredSurvey[];
  generateMs: number;
}

/** Which feed a site's records arrive on (as libs/simulator writes them), kept as the record's `source`. */
function feedOf(world: World, siteId: string | null, voice: boolean, kind: 'contacts' | 'states'): string {
  const acd = world.sim.sites.find((s) => s.id === siteId)?.acd;
  if (acd === 'connect') return kind === 'contacts' ? 'connect-ctr' : 'connect-agent-events';
  if (acd === 'queue_log' && voice) return 'queue_log';
  return kind === 'contacts' ? 'contacts-ndjson' : 'agent-states-ndjson';
}

export function dayList(lastDay: string, days: number): string[] {
  const last = Date.parse(`${lastDay}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => new Date(last - (days - 1 - i) * DAY).toISOString().slice(0, 10));
}

/**
 * The world `days` local days long, ending with `lastDay`, in chunks of consecutive days. Each
 * chunk is a whole libs/simulator world (org, schedules, plans, queue simulation, contacts, state
 * events consistent with both) over its days: generateWorld is asked for the chunk's days with
 * `endAt` at 12:00 UTC of its last day — the one instant every site (London, Manila, Chicago) is
 * on that date — and no live days, so history + `future` together are the chunk's whole days.
 * The org's ids, teams and queues depend only on the agent count, so every chunk shares them; the
 * seed changes per chunk so days differ (shift starts, arrivals, customers). Contact ids are
 * prefixed with the chunk (the simulator numbers some from 1 per world). Customer keys are hashed
 * with the deployment's salt as ingest does.
 */
export function* fullWorldChunks(options: FullWorldOptions, salt: string): Generator<FullWorldChunk> {
  const all = dayList(options.lastDay, options.days);
  const perChunk = Math.max(1, Math.floor((options.chunkAgentDays ?? 3000) / options.agents));
  for (let start = 0, index = 0; start < all.length; start += perChunk, index++) {
    const days = all.slice(start, start + perChunk);
    const t0 = Date.now();
    const world = generateWorld({
      seed: options.seed * 10_007 + index,
      days: days.length - 1,
      endAt: Date.parse(`${days[days.length - 1]}T12:00:00Z`),
      agents: options.agents,
      liveDays: 0,
      handleScale: options.handleScale,
    });
    yield { index, days, org: world.org, ...toStored(world, index, salt, days), generateMs: Date.now() - t0 };
  }
}

function toStored(world: World, chunk: number, salt: string, days: string[]): Omit<FullWorldChunk, 'index' | 'days' | 'org' | 'generateMs'> {
  const stateSource = new Map(world.sim.agents.map((a) => [a.id, feedOf(world, a.siteId, a.group === 'voice', 'states')]));
  const contacts: StoredContact[] = [];
  for (const list of [world.contacts, world.future.contacts]) {
    for (const c of list) {
      const id = `k${chunk}-${c.contactId}`;
      contacts.push({ ...c, contactId: id, segmentId: `k${chunk}-${c.segmentId}`, customerKey: hashCustomerKey(salt, c.customerKey), source: feedOf(world, c.siteId, c.channel === 'voice', 'contacts') });
    }
  }
  const states: StoredStateEvent[] = [];
  for (const list of [world.stateEvents, world.future.stateEvents]) {
    for (const e of list) states.push({ ...e, seq: 0, source: stateSource.get(e.agentId) ?? 'agent-states-ndjson' });
  }
  // Forecasts run from the earliest site's first midnight to the latest site's last: keep each
  // site's own days so neighbouring chunks do not overwrite each other's rows.
  const tz = new Map(world.org.sites.map((s) => [s.id, s.timezone]));
  const span = new Map(world.org.sites.map((s) => [s.id, siteSpan(days, tz.get(s.id) ?? 'UTC')]));
  const forecasts = world.forecasts
    .filter((f) => {
      const [from, to] = span.get(f.siteId) ?? [0, 0];
      return f.intervalStart >= from && f.intervalStart < to;
    })
    .map((f) => ({ ...f, source: 'wfm-forecast' }));
  return {
    contacts,
    states,
    schedule: world.schedule.map((s) => ({ ...s, source: 'wfm-schedule' })),
    forecasts,
    surveys: world.surveys.map((s) => ({ ...s, customerKey: hashCustomerKey(salt, s.customerKey), source: 'survey' })),
  };
}

/** [local midnight of the first day, local midnight after the last) in `tz`. */
function siteSpan(days: string[], tz: string): [number, number] {
  return [localTime(days[0], 0, tz), localTime(days[days.length - 1], 24 * 60, tz)];
}
