import type { AgentState, Channel, OrgQueue } from '@floorwatch/contracts';
import { CHANNELS } from '@floorwatch/contracts';

export type ActivityCategory = 'productive' | 'planned' | 'unpaid' | 'unplanned';

export interface ActivityRule {
  category: ActivityCategory;
  paid: boolean;
  countsInAdherence: boolean;
  /** True when `state` keeps the agent in adherence while this activity is scheduled. */
  inAdherenceStates: (state: AgentState) => boolean;
}

export interface KpiConfig {
  /** Activity name (lower-case) → rule. Activities not listed fall back to `unknownActivity`. */
  activities: Record<string, ActivityRule>;
  /** Rule for an activity the table does not name. */
  unknownActivity: (activity: string) => ActivityRule;
  slSecondsByChannel: Record<Channel, number>;
  /** Per-queue answer-time target; wins over OrgQueue.slSeconds and the channel default. */
  slSecondsByQueue: Record<string, number>;
  shortAbandonSeconds: number;
  rtaThresholdSeconds: number;
  fcrWindowSeconds: number;
  sameReasonOnly: boolean;
  minContacts: number;
  /** Service-level target used by Erlang C staffing when a forecast gives no requiredAgents. */
  staffingSlTargetPct: number;
  /** customer.md: csat top box threshold on the 0–100 item score (default 75). */
  topBoxMinScore?: number;
  /** customer.md: survey KPIs with fewer responses get status none (default 30). */
  minResponses?: number;
  /** customer.md: attribution window in hours (default 72; 0 = off). */
  attributeWindowHours?: number;
}

export const PRODUCTIVE_STATES: readonly AgentState[] = ['available', 'on_contact', 'acw'];

export function isProductiveState(state: AgentState): boolean {
  return state === 'available' || state === 'on_contact' || state === 'acw';
}

export function isAuxState(state: AgentState): boolean {
  return state.startsWith('aux:');
}

/** Builds a rule whose in-adherence states are a fixed list. */
export function activityRule(
  category: ActivityCategory,
  paid: boolean,
  countsInAdherence: boolean,
  states: readonly AgentState[],
): ActivityRule {
  const set = new Set<string>(states);
  return { category, paid, countsInAdherence, inAdherenceStates: (s) => set.has(s) };
}

const none: readonly AgentState[] = [];

function auxActivity(name: string): ActivityRule {
  return activityRule('planned', true, true, [`aux:${name}`]);
}

export const DEFAULT_ACTIVITIES: Record<string, ActivityRule> = {
  open: activityRule('productive', true, true, PRODUCTIVE_STATES),
  break: activityRule('planned', true, true, ['aux:break', 'logged_out']),
  lunch: activityRule('unpaid', false, true, ['aux:lunch', 'logged_out']),
  meeting: auxActivity('meeting'),
  training: auxActivity('training'),
  coaching: auxActivity('coaching'),
  offline: auxActivity('offline'),
  vacation: activityRule('planned', true, false, none),
  holiday: activityRule('planned', true, false, none),
  sick: activityRule('unplanned', true, false, none),
  absent: activityRule('unplanned', true, false, none),
};

/**
 * Channels kpis.md leaves open: social posts are answered like messaging but faster (1 h),
 * video like voice (20 s), back-office work items like e-mail (1 day).
 */
export const DEFAULT_SL_SECONDS: Record<Channel, number> = {
  voice: 20,
  chat: 60,
  messaging: 300,
  email: 86_400,
  social: 3_600,
  video: 20,
  backoffice: 86_400,
};

export const DEFAULT_KPI_CONFIG: KpiConfig = Object.freeze({
  activities: DEFAULT_ACTIVITIES,
  // A WFM activity nobody configured behaves like meeting/training: planned, paid, and the agent
  // is expected in `aux:<activity>`.
  unknownActivity: auxActivity,
  slSecondsByChannel: DEFAULT_SL_SECONDS,
  slSecondsByQueue: {},
  shortAbandonSeconds: 5,
  rtaThresholdSeconds: 120,
  fcrWindowSeconds: 7 * 86_400,
  sameReasonOnly: false,
  minContacts: 30,
  staffingSlTargetPct: 80,
});

function checkNonNegative(name: string, v: number): void {
  if (!Number.isFinite(v) || v < 0) throw new RangeError(`KpiConfig.${name} must be a finite number ≥ 0, got ${v}`);
}

function checkRule(name: string, rule: ActivityRule): void {
  // These keep shrinkage = planned + unplanned = 100 × (1 − productiveInOpen / paid) an identity.
  if (rule.category === 'productive' && !rule.paid) {
    throw new RangeError(`KpiConfig activity "${name}": a productive activity must be paid`);
  }
  if (rule.category === 'unpaid' && rule.paid) {
    throw new RangeError(`KpiConfig activity "${name}": an unpaid activity cannot be paid`);
  }
}

/** Defaults overridden by `overrides`; `activities` and `slSecondsByChannel` are merged key by key. */
export function withKpiConfig(overrides: Partial<KpiConfig> = {}, base: KpiConfig = DEFAULT_KPI_CONFIG): KpiConfig {
  const activities: Record<string, ActivityRule> = { ...base.activities };
  for (const [name, rule] of Object.entries(overrides.activities ?? {})) activities[name.toLowerCase()] = rule;
  const config: KpiConfig = {
    ...base,
    ...overrides,
    activities,
    slSecondsByChannel: { ...base.slSecondsByChannel, ...(overrides.slSecondsByChannel ?? {}) },
    slSecondsByQueue: { ...base.slSecondsByQueue, ...(overrides.slSecondsByQueue ?? {}) },
  };
  for (const [name, rule] of Object.entries(config.activities)) checkRule(name, rule);
  for (const ch of CHANNELS) checkNonNegative(`slSecondsByChannel.${ch}`, config.slSecondsByChannel[ch]);
  for (const [q, v] of Object.entries(config.slSecondsByQueue)) checkNonNegative(`slSecondsByQueue.${q}`, v);
  checkNonNegative('shortAbandonSeconds', config.shortAbandonSeconds);
  checkNonNegative('rtaThresholdSeconds', config.rtaThresholdSeconds);
  checkNonNegative('fcrWindowSeconds', config.fcrWindowSeconds);
  checkNonNegative('minContacts', config.minContacts);
  if (!(config.staffingSlTargetPct > 0 && config.staffingSlTargetPct < 100)) {
    throw new RangeError(`KpiConfig.staffingSlTargetPct must be in (0, 100), got ${config.staffingSlTargetPct}`);
  }
  return config;
}

/** action.md: `training:<course>` and `coaching:<topic>` take their base activity's row. */
export function ruleFor(config: KpiConfig, activity: string): ActivityRule {
  const name = activity.toLowerCase();
  const own = config.activities[name];
  if (own) return own;
  const base = name.slice(0, name.indexOf(':'));
  if ((base === 'training' || base === 'coaching') && config.activities[base]) return config.activities[base];
  return config.unknownActivity(name);
}

/** Answer-time target of a queue: config per-queue override, then OrgQueue.slSeconds, then channel. */
export function slSecondsFor(config: KpiConfig, channel: Channel, queue?: OrgQueue | null, queueId?: string): number {
  const id = queue?.id ?? queueId;
  const override = id === undefined ? undefined : config.slSecondsByQueue[id];
  if (override !== undefined) return override;
  if (queue && queue.slSeconds !== null && queue.slSeconds !== undefined) return queue.slSeconds;
  return config.slSecondsByChannel[channel];
}
