import type { Target } from '@floorwatch/contracts';

/**
 * The planted stories a new user finds on the dashboards. Ids are stable for the default world
 * (and any world with London and Chicago at default size); `World.scenarios` carries the
 * figures computed from the generated records.
 */
export const SCENARIOS = {
  /** 1. Demo user `agent` is back from the 12:30–13:00 lunch ~5 minutes late every working day. */
  lateFromLunch: {
    id: 'late-from-lunch',
    username: 'agent',
    agentId: 'lon-a003',
    siteId: 'lon',
    lunchLocal: { start: '12:30', end: '13:00' },
    lateSeconds: { min: 240, max: 360 },
    worstHour: 13,
  },
  /** 2. Demo user `lead`'s team is 7% under its handled target: two new hires with 2–3× ACW. */
  teamUnderTarget: {
    id: 'team-under-target',
    teamId: 'lon-t01',
    leaderUsername: 'lead',
    newHireAgentIds: ['lon-a011', 'lon-a012'],
    acwFactor: 2.6,
    shortfallPct: 7,
  },
  /** 3. Enterprise AHT red: the TV campaign call type runs far above 360 s; every other reason is under. */
  ahtTvCampaign: {
    id: 'aht-tv-campaign',
    reason: 'tv-campaign',
    queueIds: ['lon-tv-campaign', 'mnl-tv-campaign', 'chi-tv-campaign'],
    ahtTargetSeconds: 360,
  },
  /**
   * 4. Control desk: at Chicago 10:00–10:15 local, on the last full day and today, forecast need
   * 100, 105 agents scheduled `open`, 95 on hand: 10 of the 105 are booked into a mandatory
   * training session laid over their open shift (a `training` row overlapping the `open` row in
   * wfm-schedule.csv), so they are in `aux:training`. scheduledAgents = open seconds / 900 = 105,
   * actualAgents = productive seconds / 900 = 95, and the staffing row's training shrinkage = 10.
   */
  staffingTraining: {
    id: 'staffing-training',
    siteId: 'chi',
    localTime: '10:00',
    requiredAgents: 100,
    scheduledAgents: 105,
    actualAgents: 95,
    trainingAgents: 10,
  },
} as const;

/** Figures of the planted scenarios in one generated world. */
export interface ScenarioFacts {
  lateFromLunch: { agentId: string; username: 'agent'; delaysSeconds: { date: string; seconds: number }[] } | null;
  teamUnderTarget: {
    teamId: string;
    leaderUsername: 'lead';
    newHireAgentIds: string[];
    /** Full local days [from, to) the target is computed over. */
    from: number;
    to: number;
    days: number;
    handledActual: number;
    /** handledActual / 0.93 over the whole window, and per day (the target to set). */
    handledTargetForPeriod: number;
    handledTargetPerDay: number;
    target: Target;
  } | null;
  ahtTvCampaign: { queueIds: string[] };
  staffingTraining: {
    siteId: string;
    dates: string[];
    intervalStarts: number[];
    requiredAgents: number;
    scheduledAgents: number;
    actualAgents: number;
    openAgentIds: string[];
    trainingAgentIds: string[];
  } | null;
}
