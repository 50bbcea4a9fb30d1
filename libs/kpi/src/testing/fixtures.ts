import type { AgentState, AgentStateEvent, Contact, Org, ScheduleSegment, Scope, SurveyResponse } from '@floorwatch/contracts';
import type { KpiInput, KpiQuery } from '../lib/compute-kpis';

/** Shared builders for the scenario specs (not exported from the library). */
export const at = (iso: string): number => Date.parse(iso);

export const ORG: Org = {
  sites: [
    { id: 'lon', name: 'London', timezone: 'Europe/London' },
    { id: 'nyc', name: 'New York', timezone: 'America/New_York' },
  ],
  teams: [
    { id: 't1', name: 'Team 1', siteId: 'lon', leaderUserId: null },
    { id: 't2', name: 'Team 2', siteId: 'lon', leaderUserId: null },
    { id: 't3', name: 'Team 3', siteId: 'nyc', leaderUserId: null },
  ],
  agents: [
    { id: 'a1', name: 'Ann', teamId: 't1', siteId: 'lon', aliases: [] },
    { id: 'a2', name: 'Bob', teamId: 't1', siteId: 'lon', aliases: [] },
    { id: 'a3', name: 'Cat', teamId: 't2', siteId: 'lon', aliases: [] },
    { id: 'a4', name: 'Dan', teamId: 't3', siteId: 'nyc', aliases: [] },
  ],
  queues: [
    { id: 'qv', name: 'Voice', channel: 'voice', siteId: 'lon', aliases: [], slSeconds: null },
    { id: 'qc', name: 'Chat', channel: 'chat', siteId: 'lon', aliases: [], slSeconds: null },
    { id: 'qn', name: 'NY voice', channel: 'voice', siteId: 'nyc', aliases: [], slSeconds: 30 },
  ],
};

export function seg(agentId: string, start: string, end: string, activity: string): ScheduleSegment {
  return { agentId, start: at(start), end: at(end), activity };
}

export function ev(agentId: string, when: string, state: AgentState): AgentStateEvent {
  return { agentId, at: at(when), state };
}

let seq = 0;
/** A handled voice contact of agent a1 on queue qv unless overridden. */
export function contact(p: Partial<Contact> & { enqueuedAt: number }): Contact {
  seq += 1;
  const answeredAt = p.answeredAt === undefined ? p.enqueuedAt + (p.waitSeconds ?? 10) * 1000 : p.answeredAt;
  const talk = p.talkSeconds ?? 200;
  const hold = p.holdSeconds ?? 0;
  const acw = p.acwSeconds ?? 60;
  return {
    contactId: `c${seq}`,
    segmentId: `c${seq}-1`,
    channel: 'voice',
    queueId: 'qv',
    reason: 'billing',
    agentId: answeredAt === null ? null : 'a1',
    customerKey: null,
    answeredAt,
    endedAt: answeredAt === null ? p.enqueuedAt + (p.waitSeconds ?? 10) * 1000 : answeredAt + (talk + hold + acw) * 1000,
    waitSeconds: 10,
    talkSeconds: talk,
    holdSeconds: hold,
    acwSeconds: acw,
    outcome: answeredAt === null ? 'abandoned' : 'handled',
    transferredTo: null,
    siteId: 'lon',
    teamId: answeredAt === null ? null : 't1',
    ...p,
  };
}

export function survey(items: SurveyResponse['items'], p: Partial<SurveyResponse> = {}): SurveyResponse {
  return {
    customerKey: 'k', respondedAt: at('2024-05-01T10:00:00Z'), mainChannel: 'phone', channelChain: 'web>phone',
    items, csat: null, nps: null, scaleMin: 1, scaleMax: 7, ...p,
  };
}

export function input(p: Partial<KpiInput>): KpiInput {
  return { org: ORG, contacts: [], stateEvents: [], schedule: [], surveys: [], ...p };
}

export function query(from: string, to: string, scope: Scope = { kind: 'enterprise' }, extra: Partial<KpiQuery> = {}): KpiQuery {
  return { from: at(from), to: at(to), asOf: at(to), scope, ...extra };
}
