import type { Channel, Contact, SurveyResponse } from '@floorwatch/contracts';
import { Rng } from './rng';
import { HOUR } from './time';

const CHANNEL_NAME: Record<Channel, string> = { voice: 'phone', chat: 'chat', email: 'email', messaging: 'messaging', social: 'social', video: 'video', backoffice: 'backoffice' };

/**
 * Post-contact consistency surveys from ~3% of handled contacts. Customers whose journey
 * crossed channels rate consistency lower (the Cranfield finding the KPI is built on).
 */
export function drawSurveys(seed: number, handled: Contact[], prevChannel: Map<string, Channel>, endAt: number): SurveyResponse[] {
  const rng = Rng.derive(seed, 'surveys');
  const out: SurveyResponse[] = [];
  for (const c of handled) {
    if (c.customerKey === null || !rng.chance(0.03)) continue;
    const respondedAt = c.endedAt + Math.round(rng.exponential(8) * HOUR / 1000) * 1000;
    if (respondedAt > endAt) continue;
    const main = CHANNEL_NAME[c.channel];
    const prev = prevChannel.get(c.contactId);
    let chain: string;
    if (prev && prev !== c.channel) chain = `${CHANNEL_NAME[prev]}>${main}`;
    else chain = rng.weighted([main, `web>${main}`, `${main}>store`, `app>${main}`, `web>${main}>store`], [0.5, 0.22, 0.12, 0.1, 0.06]);
    const hops = chain.split('>').length - 1;
    const mean = 5.4 - 0.45 * hops - (prev && prev !== c.channel ? 0.5 : 0);
    const fewItems = rng.chance(0.07);
    const items = [0, 1, 2, 3, 4].map((q) => {
      if (fewItems ? q >= 2 || rng.chance(0.5) : rng.chance(0.05)) return null;
      const v = Math.round(rng.normal(mean + (q === 3 ? 0.4 : 0), 1.1));
      return Math.min(7, Math.max(1, v));
    }) as SurveyResponse['items'];
    out.push({
      customerKey: c.customerKey,
      respondedAt,
      mainChannel: main,
      channelChain: chain,
      items,
      csat: rng.chance(0.8) ? Math.min(5, Math.max(1, Math.round(rng.normal(mean - 1.4, 0.9)))) : null,
      nps: rng.chance(0.7) ? Math.min(10, Math.max(0, Math.round(rng.normal(mean + 2, 2)))) : null,
      scaleMin: 1,
      scaleMax: 7,
    });
  }
  out.sort((a, b) => a.respondedAt - b.respondedAt);
  return out;
}
