import type { Contact, OrgEntryPoint, SessionChannel, SessionOutcome } from '@floorwatch/contracts';
import { customerPhone } from '../customers';
import type { SimOrg } from '../org';
import { Rng } from '../rng';
import { DAY, MINUTE } from '../time';
import { FOUR_TOUCH_CUSTOMER, mintId, planContactStories, type ContactStories } from './contact-stories';
import { containedPerTransfer, demoEntryPoints, entryPointAlias, nodeOf, SPIKE_DAYS } from './entry-points';

/** A demo session as the feeds write it: raw customer, entry point by its alias (DNIS / URL). */
export interface DemoSession {
  sessionId: string;
  customerKey: string | null;
  channel: Extract<SessionChannel, 'ivr' | 'chatbot'>;
  entryPoint: string;
  siteId: string;
  startedAt: number;
  endedAt: number;
  outcome: SessionOutcome;
  intent: string;
  lastNode: string;
  idAttempted: boolean | null;
  idPassed: boolean | null;
  /** The contact it handed over to (its contactId names it in every feed; Connect: the CTR). */
  contact: Contact | null;
}

export interface DemoSelfService extends ContactStories {
  entryPoints: OrgEntryPoint[];
  /** Sorted by startedAt; those ending at or after the world's end belong to the live part. */
  sessions: DemoSession[];
}

const ABANDON_P = 0.1;
const SHORT_OF_ABANDON = 0.4;
const ERROR_P = 0.02;
const ID_ATTEMPT_P = 0.6;
/** Failure among attempts: higher for callers who then ask for an agent; ≈ 20 % overall (one in five). */
const ID_FAIL_TRANSFERRED = 0.27;
const ID_FAIL_OTHER = 0.1;
/** Contained sessions whose customer comes back (a later contact's customer): not truly resolved. */
const COMES_BACK_P = 0.15;
const POOL = 2_000_000;
/**
 * Share of voice and chat contacts that come through the IVR / chatbot (the rest dial a direct
 * line or start from the app): keeps the demo's session volume, and its backfill time, modest.
 */
const VIA_SELF_SERVICE_P = 0.3;
/** A Chicago number the org does not list yet (the admin's unknown entry points): a share of its IVR-only sessions. */
export const UNLISTED_ENTRY_POINT = '+18005550199';
const UNLISTED_P = 0.02;

/**
 * The demo's self-service (selfservice.md §2): one IVR (voice) or chatbot (chat) session before
 * every queued inbound contact, transferred to it; around each, contained, abandoned and failed
 * sessions that never reach a queue, in proportions per menu node (one node's opt-out spikes).
 * Applies the contact stories first (transfers, outbound, callbacks, the four-touch customer).
 */
export function buildSelfService(seed: number, sim: SimOrg, contacts: Contact[], endAt: number): DemoSelfService {
  const stories = planContactStories(seed, sim, contacts, endAt);
  const rng = Rng.derive(seed, 'selfservice-sessions');
  const spikeFrom = endAt - SPIKE_DAYS * DAY;
  const sessions: DemoSession[] = [];
  const sessionId = (siteId: string): string => (siteId === 'mnl' ? `ctr:${mintId(rng)}` : `${siteId}-ss-${String(sessions.length + 1).padStart(8, '0')}`);
  const fresh = (): string | null => (rng.chance(0.03) ? null : customerPhone(rng.int(0, POOL - 1)));

  for (let i = 0; i < contacts.length; i++) {
    const c = contacts[i];
    if (c.channel !== 'voice' && c.channel !== 'chat') continue;
    if ((c.direction ?? 'inbound') !== 'inbound' || c.queued === false || !rng.chance(VIA_SELF_SERVICE_P)) continue;
    const channel = c.channel === 'voice' ? 'ivr' : 'chatbot';
    const node = nodeOf(c.reason, channel);
    const base = { channel, entryPoint: entryPointAlias(c.siteId, channel), siteId: c.siteId, intent: c.reason } as const;
    const ivrSeconds = Math.min(240, Math.max(12, rng.logNormal(channel === 'ivr' ? 55 : 70, 0.4)));
    sessions.push({
      ...base,
      sessionId: sessionId(c.siteId),
      customerKey: c.customerKey,
      startedAt: c.enqueuedAt - Math.round(ivrSeconds * 1000),
      endedAt: c.enqueuedAt,
      outcome: 'transferred',
      lastNode: node,
      ...idv(rng, channel, ID_FAIL_TRANSFERRED),
      contact: c,
    });
    const extra: SessionOutcome[] = [];
    for (let k = rng.poisson(containedPerTransfer(node, c.enqueuedAt, spikeFrom)); k > 0; k--) extra.push('contained');
    if (rng.chance(ABANDON_P)) extra.push('abandoned');
    if (rng.chance(ERROR_P)) extra.push('error');
    for (const outcome of extra) {
      const startedAt = c.enqueuedAt + Math.round(rng.uniform(-7.5, 7.5) * MINUTE);
      const short = outcome === 'abandoned' && rng.chance(SHORT_OF_ABANDON);
      const seconds = short ? rng.uniform(2, 9) : outcome === 'contained' ? rng.logNormal(130, 0.5) : rng.logNormal(50, 0.5);
      const unlisted = c.siteId === 'chi' && channel === 'ivr' && rng.chance(UNLISTED_P);
      sessions.push({
        ...base,
        ...(unlisted ? { entryPoint: UNLISTED_ENTRY_POINT } : {}),
        sessionId: sessionId(c.siteId),
        customerKey: outcome === 'contained' && rng.chance(COMES_BACK_P) ? laterCustomer(contacts, i, rng) : fresh(),
        startedAt,
        endedAt: startedAt + Math.max(1000, Math.round(seconds * 1000)),
        outcome,
        lastNode: short ? 'welcome' : node,
        ...(short ? { idAttempted: null, idPassed: null } : idv(rng, channel, ID_FAIL_OTHER)),
        contact: null,
      });
    }
  }
  const story = stories.fourTouch;
  if (story) {
    const chatbot = 'chatbot' as const;
    sessions.push({
      sessionId: 'chi-ss-four-touch',
      customerKey: FOUR_TOUCH_CUSTOMER,
      channel: chatbot,
      entryPoint: entryPointAlias('chi', chatbot),
      siteId: 'chi',
      startedAt: story.chatbotAt,
      endedAt: story.chatbotAt + 4 * MINUTE,
      outcome: 'contained',
      intent: story.chat.reason,
      lastNode: nodeOf(story.chat.reason, chatbot),
      idAttempted: null,
      idPassed: null,
      contact: null,
    });
  }
  sessions.sort((a, b) => a.startedAt - b.startedAt || (a.sessionId < b.sessionId ? -1 : 1));
  return { ...stories, entryPoints: demoEntryPoints(sim.sites), sessions };
}

function idv(rng: Rng, channel: 'ivr' | 'chatbot', failP: number): { idAttempted: boolean | null; idPassed: boolean | null } {
  if (channel !== 'ivr' || !rng.chance(ID_ATTEMPT_P)) return { idAttempted: null, idPassed: null };
  return { idAttempted: true, idPassed: !rng.chance(failP) };
}

/** The customer of a contact of the same site a few hours later (the self-service did not settle it). */
function laterCustomer(contacts: readonly Contact[], i: number, rng: Rng): string | null {
  const siteId = contacts[i].siteId;
  for (let j = i + rng.int(30, 600), tries = 0; j < contacts.length && tries < 50; j++, tries++) {
    const c = contacts[j];
    if (c.siteId === siteId && c.customerKey !== null && c.customerKey !== FOUR_TOUCH_CUSTOMER && (c.direction ?? 'inbound') !== 'outbound') return c.customerKey;
  }
  return null;
}
