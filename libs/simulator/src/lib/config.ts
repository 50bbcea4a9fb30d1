import type { Channel } from '@floorwatch/contracts';

/** Which team works which queues; voice teams serve every voice queue of their site. */
export type ChannelGroup = 'voice' | 'chat' | 'email';

export interface SiteDef {
  id: string;
  name: string;
  timezone: string;
  /** Share of the enterprise head count. */
  weight: number;
  /** Local hours (inclusive start, exclusive end) the voice and chat lines are open. */
  openHour: number;
  closeHour: number;
  /** Which feed carries this site's ACD data (spec/feeds.md). */
  acd: 'queue_log' | 'connect' | 'ndjson';
}

export const DEFAULT_SITES: readonly SiteDef[] = [
  { id: 'lon', name: 'London', timezone: 'Europe/London', weight: 0.3, openHour: 8, closeHour: 20, acd: 'queue_log' },
  { id: 'mnl', name: 'Manila', timezone: 'Asia/Manila', weight: 0.3, openHour: 7, closeHour: 22, acd: 'connect' },
  { id: 'chi', name: 'Chicago', timezone: 'America/Chicago', weight: 0.4, openHour: 7, closeHour: 21, acd: 'ndjson' },
];

export interface ReasonDef {
  /** Queue id suffix and call type. */
  reason: string;
  channel: Channel;
  group: ChannelGroup;
  /** Share of the group's volume. */
  mix: number;
  /** Mean talk (or chat/e-mail work) seconds for an agent of average experience. */
  talk: number;
  /** Probability of a customer hold, and its mean length. */
  holdP: number;
  hold: number;
  acw: number;
  /** Probability the customer comes back within the repeat window (drives FCR). */
  repeatP: number;
  /** Mean seconds a caller waits before hanging up; null = never abandons (e-mail). */
  patience: number | null;
}

/**
 * Handle times are tuned so every reason stays under the 360 s voice AHT target except the TV
 * campaign (scenario 3), whose share of voice volume drags the enterprise AHT above 360.
 */
export const REASONS: readonly ReasonDef[] = [
  { reason: 'billing', channel: 'voice', group: 'voice', mix: 0.22, talk: 200, holdP: 0.2, hold: 50, acw: 40, repeatP: 0.2, patience: 150 },
  { reason: 'tech-support', channel: 'voice', group: 'voice', mix: 0.18, talk: 235, holdP: 0.35, hold: 70, acw: 45, repeatP: 0.32, patience: 180 },
  { reason: 'sales', channel: 'voice', group: 'voice', mix: 0.13, talk: 230, holdP: 0.15, hold: 40, acw: 35, repeatP: 0.12, patience: 120 },
  { reason: 'cancellations', channel: 'voice', group: 'voice', mix: 0.12, talk: 240, holdP: 0.25, hold: 50, acw: 45, repeatP: 0.26, patience: 200 },
  { reason: 'tv-campaign', channel: 'voice', group: 'voice', mix: 0.35, talk: 600, holdP: 0.3, hold: 60, acw: 70, repeatP: 0.2, patience: 240 },
  { reason: 'chat', channel: 'chat', group: 'chat', mix: 1, talk: 290, holdP: 0, hold: 0, acw: 40, repeatP: 0.24, patience: 240 },
  { reason: 'email', channel: 'email', group: 'email', mix: 1, talk: 280, holdP: 0, hold: 0, acw: 50, repeatP: 0.22, patience: null },
];

/** Queue id = `<site>-<reason>`: queue_log has no call-type field, so the queue is the reason (kpis.md default). */
export function queueId(siteId: string, reason: string): string {
  return `${siteId}-${reason}`;
}

export const TEAM_GROUPS: readonly ChannelGroup[] = ['voice', 'voice', 'voice', 'chat', 'voice', 'email', 'voice', 'voice', 'chat'];

/** Target occupancy the arrival volume is sized to: busy but answerable, as a real plan is. */
export const TARGET_OCCUPANCY = 0.8;

export interface WorldOptions {
  seed: number;
  /** Full local days of history before the day containing `endAt`. */
  days: number;
  /** The world runs up to this instant (epoch ms); later events are the live stream. */
  endAt: number;
  /** Total agents across sites (default 300). */
  agents?: number;
  /** Subset of site ids (default all three). */
  sites?: string[];
  /** Days beyond `endAt`'s day simulated for the live stream (default 1). */
  liveDays?: number;
  /**
   * Multiplies every reason's mean talk, hold and after-call work (default 1). The plan sizes
   * volume to occupancy, so 0.5 gives about twice the contacts per agent-day on the same staff:
   * the bench's loaded world uses it to reach performance.md's 20 M contacts.
   */
  handleScale?: number;
}

/** REASONS with handle times scaled (WorldOptions.handleScale); REASONS itself at 1. */
export function scaledReasons(scale = 1): readonly ReasonDef[] {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`handleScale must be a positive number, got ${scale}`);
  if (scale === 1) return REASONS;
  return REASONS.map((r) => ({ ...r, talk: r.talk * scale, hold: r.hold * scale, acw: r.acw * scale }));
}

export const DEMO_PASSWORD = 'floorwatch';
