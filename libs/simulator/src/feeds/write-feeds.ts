import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentState, Contact, FeedFormat } from '@floorwatch/contracts';
import type { SimAgent } from '../lib/org';
import type { World } from '../lib/world';
import { agentEventObject, ctrObject } from './connect';
import { LineWriter } from './line-writer';
import { contactLine, stateLine } from './ndjson';
import { writeQueueLog } from './queue-log';
import { decorateCtr, ivrBySegment, writeSelfServiceFeeds } from './selfservice';
import { writeForecast, writeSchedule, writeSurveys } from './wfm';

export interface FeedFile {
  format: FeedFormat;
  file: string;
  /** Lines or records written (CSV header excluded). */
  records: number;
}

/**
 * Writes the world in the real feed formats, one set per site's ACD, and returns the files in
 * the order to ingest them: org first (so aliases resolve), then WFM, then ACD, then surveys.
 */
export function writeFeeds(world: World, dir: string): FeedFile[] {
  mkdirSync(dir, { recursive: true });
  const out: FeedFile[] = [];
  const file = (name: string) => join(dir, name);

  writeFileSync(file('org.json'), JSON.stringify(world.org, null, 2) + '\n');
  out.push({ format: 'org', file: file('org.json'), records: 1 });
  const tzOfSite = new Map(world.org.sites.map((s) => [s.id, s.timezone]));
  const tzOfAgent = new Map(world.org.agents.map((a) => [a.id, tzOfSite.get(a.siteId) ?? 'UTC']));
  out.push({ format: 'wfm-schedule', file: file('wfm-schedule.csv'), records: writeSchedule(file('wfm-schedule.csv'), world.schedule, tzOfAgent) });
  out.push({ format: 'wfm-forecast', file: file('wfm-forecast.csv'), records: writeForecast(file('wfm-forecast.csv'), world.forecasts, tzOfSite) });

  const agents = new Map(world.sim.agents.map((a) => [a.id, a]));
  for (const site of world.sim.sites) {
    const contacts = world.contacts.filter((c) => c.siteId === site.id);
    const events = world.stateEvents.filter((e) => agents.get(e.agentId)?.siteId === site.id);
    if (site.acd === 'queue_log') {
      // queue_log is voice only: chat and e-mail (and their agents) go to the generic feeds.
      const voiceAgents = new Map([...agents].filter(([, a]) => a.siteId === site.id && a.group === 'voice'));
      const voiceQueues = world.org.queues.filter((q) => q.siteId === site.id && q.channel === 'voice').map((q) => q.id);
      const f = file(`${site.id}-queue_log`);
      const inProgress = world.future.contacts.filter((c) => c.siteId === site.id && c.channel === 'voice' && c.answeredAt !== null && c.answeredAt < world.endAt);
      const records = writeQueueLog(f, contacts.filter((c) => c.channel === 'voice'), events.filter((e) => voiceAgents.has(e.agentId)), voiceAgents, voiceQueues, inProgress);
      out.push({ format: 'queue_log', file: f, records });
      out.push(ndjson(file(`${site.id}-contacts.ndjson`), 'contacts-ndjson', lazy(contacts.filter((c) => c.channel !== 'voice'), contactLine)));
      out.push(ndjson(file(`${site.id}-agent-states.ndjson`), 'agent-states-ndjson', lazy(events.filter((e) => !voiceAgents.has(e.agentId)), stateLine)));
    } else if (site.acd === 'connect') {
      const ivr = ivrBySegment(world.selfService ?? undefined);
      out.push(ndjson(file(`${site.id}-connect-ctr.ndjson`), 'connect-ctr', lazy(contacts, (c) => JSON.stringify(decorateCtr(ctrObject(c, c.agentId ? agents.get(c.agentId) : undefined), c, world.selfService ?? undefined, ivr)))));
      out.push(ndjson(file(`${site.id}-connect-agent-events.ndjson`), 'connect-agent-events', connectAgentLines(world, events, agents)));
    } else {
      out.push(ndjson(file(`${site.id}-contacts.ndjson`), 'contacts-ndjson', lazy(contacts, contactLine)));
      out.push(ndjson(file(`${site.id}-agent-states.ndjson`), 'agent-states-ndjson', lazy(events, stateLine)));
    }
    out.push(...writeSelfServiceFeeds(world, site, dir));
  }
  out.push({ format: 'survey', file: file('survey.csv'), records: writeSurveys(file('survey.csv'), world.surveys) });
  return out;
}

/** Serialise one line at a time so a feed never exists whole in memory as strings. */
function* lazy<T>(items: T[], line: (item: T) => string): Generator<string> {
  for (const item of items) yield line(item);
}

function ndjson(path: string, format: FeedFormat, lines: Iterable<string>): FeedFile {
  const w = new LineWriter(path);
  for (const l of lines) w.write(l);
  w.close();
  return { format, file: path, records: w.lines };
}

function* connectAgentLines(world: World, events: World['stateEvents'], agents: Map<string, SimAgent>): Generator<string> {
  // The snapshot names the contact the agent is on: index contacts by agent and answer / end time.
  const byKey = new Map<string, Contact>();
  for (const list of [world.contacts, world.future.contacts]) {
    for (const c of list) {
      if (!c.agentId || c.answeredAt === null) continue;
      byKey.set(`${c.agentId}|${c.answeredAt}`, c);
      byKey.set(`${c.agentId}|${c.endedAt}`, c);
    }
  }
  const prev = new Map<string, AgentState>();
  const count = new Map<string, number>();
  for (const e of events) {
    const agent = agents.get(e.agentId) as SimAgent;
    const n = (count.get(e.agentId) ?? 0) + 1;
    count.set(e.agentId, n);
    const before = prev.get(e.agentId) ?? 'logged_out';
    prev.set(e.agentId, e.state);
    yield JSON.stringify(agentEventObject(e, before, agent, byKey.get(`${e.agentId}|${e.at}`), n));
  }
}
