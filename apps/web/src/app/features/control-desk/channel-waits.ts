import type { KpiApiResult, KpiRowWithTargets } from '@floorwatch/contracts';

/**
 * The live queues a control desk watches. The site-level ASA mixes e-mail waits (hours) with
 * voice/chat waits (seconds), so the desk shows each live channel's own ASA instead.
 */
export const LIVE_WAIT_CHANNELS = ['voice', 'chat'] as const;
export type LiveWaitChannel = (typeof LIVE_WAIT_CHANNELS)[number];

export const WAIT_LABELS: Readonly<Record<LiveWaitChannel, string>> = { voice: 'Voice wait', chat: 'Chat wait' };

export function isWaitChannel(k: string): k is LiveWaitChannel {
  return (LIVE_WAIT_CHANNELS as readonly string[]).includes(k);
}

/** One channel's row of a `by=channel` result (key = channel), or null. */
export function channelRow(result: KpiApiResult | undefined | null, channel: LiveWaitChannel): KpiRowWithTargets | null {
  return result?.rows.find((r) => r.key === channel) ?? null;
}

/** The API's ASA for one channel from a `by=channel` result; null when that channel had no rows. */
export function channelAsa(result: KpiApiResult | undefined | null, channel: LiveWaitChannel): number | null {
  return channelRow(result, channel)?.kpis.asaSeconds ?? null;
}
