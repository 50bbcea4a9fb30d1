import type { OrgEntryPoint, SessionChannel } from '@floorwatch/contracts';
import type { SiteDef } from '../config';

/** How each site's IVR and chatbot are reached: the DNIS / URL the feeds name (alias) per channel. */
const ENTRY: Record<string, Record<'ivr' | 'chatbot', { name: string; alias: string }>> = {
  lon: { ivr: { name: 'London IVR 0800 000 100', alias: '+448000000100' }, chatbot: { name: 'London help-centre chatbot', alias: 'https://help.example.co.uk/chat' } },
  mnl: { ivr: { name: 'Manila IVR (02) 8000 0100', alias: '+6328000100' }, chatbot: { name: 'Manila web chatbot', alias: '+6328000199' } },
  chi: { ivr: { name: 'Chicago IVR 800 555 0100', alias: '+18005550100' }, chatbot: { name: 'Chicago help-centre chatbot', alias: 'https://help.example.com/chat' } },
};

export function entryPointId(siteId: string, channel: 'ivr' | 'chatbot'): string {
  return `${siteId}-${channel}`;
}

/** The raw entry point a feed writes for a site's IVR or chatbot (the alias, as a real DNIS or URL). */
export function entryPointAlias(siteId: string, channel: 'ivr' | 'chatbot'): string {
  return ENTRY[siteId]?.[channel].alias ?? `${siteId}-${channel}`;
}

/** org.json `entryPoints` (selfservice.md §2): one IVR and one chatbot per site. */
export function demoEntryPoints(sites: readonly SiteDef[]): OrgEntryPoint[] {
  const out: OrgEntryPoint[] = [];
  for (const s of sites) {
    for (const ch of ['ivr', 'chatbot'] as const) {
      const e = ENTRY[s.id]?.[ch];
      out.push({ id: entryPointId(s.id, ch), name: e?.name ?? `${s.name} ${ch}`, siteId: s.id, aliases: e ? [e.alias] : [] });
    }
  }
  return out;
}

/**
 * The menu node a session of this queue ends at: each call type has one self-service node where
 * the customer is either served (contained) or asks for an agent (opt-out). The chatbot has one.
 */
export function nodeOf(reason: string, channel: SessionChannel): string {
  if (channel === 'chatbot') return 'bot:faq';
  const type = reason.replace(/^[a-z]+-/, '');
  return NODE_OF_TYPE[type] ?? `${type}:menu`;
}

const NODE_OF_TYPE: Record<string, string> = {
  billing: 'billing:balance',
  'tech-support': 'tech:outage-check',
  sales: 'sales:offers',
  cancellations: 'cancel:retention',
  'tv-campaign': 'tv:order-status',
};

/** The node whose opt-out spikes over the last SPIKE_DAYS days (the outage message stopped helping). */
export const SPIKE_NODE = 'tech:outage-check';
export const SPIKE_DAYS = 14;

/**
 * Contained sessions per transferred one at a node (before the spike): containment lands near 40 %
 * and the spike node, at 0.08 over the last two weeks, has the highest opt-out in any window.
 */
export function containedPerTransfer(node: string, at: number, spikeFrom: number): number {
  if (node === SPIKE_NODE) return at >= spikeFrom ? 0.08 : 0.7;
  return CONTAIN[node] ?? 0.8;
}

const CONTAIN: Record<string, number> = {
  'billing:balance': 1.1,
  'sales:offers': 0.7,
  'cancel:retention': 0.8,
  'tv:order-status': 0.9,
  'bot:faq': 0.8,
};
