import type { Contact } from '@floorwatch/contracts';
import type { SimOrg } from '../org';
import { Rng } from '../rng';
import { DAY, HOUR, localDate, localTime } from '../time';

/** The Chicago customer bounced between channels (README tour): chatbot → chat → voice → e-mail. */
export const FOUR_TOUCH_CUSTOMER = '+13125550404';
/** How far before the world's end the four-touch journey starts (whole, counted, inside a week view). */
const FOUR_TOUCH_DAYS_BEFORE = 3;
/** The preferred day first, then older ones (a week view still holds them), then the day before yesterday. */
const FOUR_TOUCH_DAY_CANDIDATES = [FOUR_TOUCH_DAYS_BEFORE, 4, 5, 6, 2];
/** Sites whose ACD feed can say a contact was transferred between queues (queue_log writer cannot). */
const TRANSFER_SITES = new Set(['mnl', 'chi']);
const TRANSFER_P = 0.05;
/** Manila runs a sales callback campaign: some sales calls are the centre calling out. */
export const OUTBOUND_SITE = 'mnl';
const OUTBOUND_P = 0.08;
const CALLBACK_P = 0.04;

export interface ContactStories {
  /** Callback segmentId → the queued CTR (ContactId) the customer left for a call back. */
  previousOf: Map<string, string>;
  /** Segments that continue a transferred contact: no IVR of their own. */
  transferLegs: Set<string>;
  /** The chatbot session before the four-touch journey's chat (the chain's first touch). */
  fourTouch: { chatbotAt: number; chat: Contact; voice: Contact; email: Contact } | null;
}

/**
 * selfservice.md demo stories on the routed contacts, keeping every agent's time as simulated:
 * existing handled segments are relabelled (a transfer leg, an outbound campaign call, a
 * callback), never added to an agent. Only the queued CTR a callback customer left is new, and it
 * has no agent. Mutates `contacts` in place and returns it sorted by enqueuedAt again.
 */
export function planContactStories(seed: number, sim: SimOrg, contacts: Contact[], endAt: number): ContactStories {
  const rng = Rng.derive(seed, 'selfservice-contacts');
  const previousOf = new Map<string, string>();
  const transferLegs = new Set<string>();
  const taken = new Set<Contact>();
  const fourTouch = planFourTouch(sim, contacts, endAt, taken);

  // Transfers: a handled voice segment hands over to the next voice segment of the site that
  // starts within two minutes of its end in another queue (that segment becomes the second leg).
  const voiceBySite = new Map<string, Contact[]>();
  for (const c of contacts) {
    if (c.channel !== 'voice' || c.outcome !== 'handled') continue;
    const list = voiceBySite.get(c.siteId) ?? [];
    list.push(c);
    voiceBySite.set(c.siteId, list);
  }
  for (const [siteId, list] of voiceBySite) {
    if (!TRANSFER_SITES.has(siteId)) continue;
    for (let i = 0; i < list.length; i++) {
      const a = list[i];
      if (taken.has(a) || !rng.chance(TRANSFER_P)) continue;
      for (let j = i + 1; j < list.length && list[j].enqueuedAt <= a.endedAt + 120_000; j++) {
        const b = list[j];
        if (taken.has(b) || b.enqueuedAt < a.endedAt || b.queueId === a.queueId || b.agentId === a.agentId) continue;
        taken.add(a).add(b);
        a.outcome = 'transferred';
        a.transferredTo = b.segmentId;
        b.contactId = a.contactId;
        b.customerKey = a.customerKey;
        b.direction = 'transfer';
        transferLegs.add(b.segmentId);
        break;
      }
    }
  }

  const added: Contact[] = [];
  for (const c of contacts) {
    if (c.siteId !== OUTBOUND_SITE || c.channel !== 'voice' || c.outcome !== 'handled' || taken.has(c) || c.answeredAt === null) continue;
    if (c.reason.endsWith('-sales') && rng.chance(OUTBOUND_P)) {
      // The agent dials: unqueued, starts when the call is placed (answeredAt), no wait.
      c.direction = 'outbound';
      c.queued = false;
      c.enqueuedAt = c.answeredAt;
      c.waitSeconds = 0;
      taken.add(c);
    } else if (rng.chance(CALLBACK_P)) {
      // The customer waited 1–3 min in queue, chose a call back, and this segment is the call back.
      const leftAfter = rng.int(60, 180);
      const original: Contact = {
        ...c,
        contactId: mintId(rng),
        segmentId: '',
        agentId: null,
        teamId: null,
        enqueuedAt: c.enqueuedAt - leftAfter * 1000,
        answeredAt: null,
        endedAt: c.enqueuedAt,
        waitSeconds: leftAfter,
        talkSeconds: 0,
        holdSeconds: 0,
        acwSeconds: 0,
        outcome: 'timeout',
        exitedByKey: true,
      };
      original.segmentId = original.contactId;
      c.direction = 'callback';
      previousOf.set(c.segmentId, original.contactId);
      added.push(original);
      taken.add(c);
    }
  }
  contacts.push(...added);
  contacts.sort((a, b) => a.enqueuedAt - b.enqueuedAt || (a.segmentId < b.segmentId ? -1 : a.segmentId > b.segmentId ? 1 : 0));
  return { previousOf, transferLegs, fourTouch };
}

/**
 * Chicago, FOUR_TOUCH_DAYS_BEFORE days before the end: chatbot at 09:00 (contained), then the first
 * handled chat after 09:30, the first handled voice call 18 h after the chat, the first e-mail
 * from two hours after that call: each starts within 24 h of the previous end (one journey).
 * A day without such contacts (a short or small world, a quiet chat team) moves the story to the
 * next candidate day, so it exists whenever any recent day has them and ends before the world does.
 */
function planFourTouch(sim: SimOrg, contacts: Contact[], endAt: number, taken: Set<Contact>): ContactStories['fourTouch'] {
  const chi = sim.sites.find((s) => s.id === 'chi');
  if (!chi) return null;
  const first = (channel: string, after: number, before: number): Contact | undefined =>
    contacts.find((c) => c.siteId === 'chi' && c.channel === channel && c.outcome === 'handled' && c.enqueuedAt >= after && c.enqueuedAt < before && !taken.has(c));
  for (const daysBefore of FOUR_TOUCH_DAY_CANDIDATES) {
    const day = localDate(endAt - daysBefore * DAY, chi.timezone);
    const nine = localTime(day, 9 * 60, chi.timezone);
    const chat = first('chat', nine + HOUR / 2, nine + 6 * HOUR);
    if (!chat) continue;
    const voice = first('voice', chat.endedAt + 18 * HOUR, chat.endedAt + 23 * HOUR);
    if (!voice) continue;
    const email = first('email', voice.endedAt + 2 * HOUR, voice.endedAt + 20 * HOUR);
    if (!email || email.endedAt + email.acwSeconds * 1000 >= endAt) continue;
    for (const c of [chat, voice, email]) {
      c.customerKey = FOUR_TOUCH_CUSTOMER;
      taken.add(c);
    }
    return { chatbotAt: nine, chat, voice, email };
  }
  return null;
}

/** A Connect-style ContactId (uuid v4 shape) from the seeded stream. */
export function mintId(rng: Rng): string {
  const h = (n: number): string => {
    let out = '';
    for (let i = 0; i < n; i++) out += '0123456789abcdef'[Math.floor(rng.next() * 16)];
    return out;
  };
  return `${h(8)}-${h(4)}-4${h(3)}-b${h(3)}-${h(12)}`;
}
