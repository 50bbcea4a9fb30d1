import type { Contact, SurveyAttribution, SurveyResponse } from '@floorwatch/contracts';

export const DEFAULT_ATTRIBUTE_WINDOW_HOURS = 72;

/** A segment the customer actually spoke to someone on (customer.md "Answered segment"). */
export const isAnsweredSegment = (c: Contact): boolean => c.agentId !== null && c.answeredAt !== null;

/** Ties: latest endedAt, then answeredAt, then greatest segmentId (customer.md). */
function later(a: Contact, b: Contact): boolean {
  if (a.endedAt !== b.endedAt) return a.endedAt > b.endedAt;
  const aa = a.answeredAt ?? Number.NEGATIVE_INFINITY;
  const ba = b.answeredAt ?? Number.NEGATIVE_INFINITY;
  if (aa !== ba) return aa > ba;
  return a.segmentId > b.segmentId;
}

function latest(list: Iterable<Contact>): Contact | null {
  let best: Contact | null = null;
  for (const c of list) if (best === null || later(c, best)) best = c;
  return best;
}

function toAttribution(c: Contact, by: SurveyAttribution['attributedBy'], answered: boolean): SurveyAttribution {
  return {
    attributedBy: by,
    segmentId: c.segmentId,
    contactId: c.contactId,
    agentId: answered ? c.agentId : null,
    teamId: answered ? c.teamId : null,
    queueId: c.queueId,
    reason: c.reason,
    channel: c.channel,
    siteId: c.siteId,
  };
}

export type AttributableResponse = Pick<SurveyResponse, 'customerKey' | 'respondedAt' | 'contactId'>;

/**
 * The segment a response rates, from whatever records are present (so a later contact can change
 * it): 1. its contact id (a record's contactId or segmentId) → the latest answered segment of that
 * contact whatever the times; 2. the customer's latest answered segment that ended within
 * W hours before respondedAt (both ends inclusive; W = 0 turns it off); 3. null (enterprise only).
 * `candidates` may hold any records: the function picks what the rules allow, in any order.
 */
export function attributeSurvey(
  s: AttributableResponse,
  candidates: Iterable<Contact>,
  windowHours: number = DEFAULT_ATTRIBUTE_WINDOW_HOURS,
): SurveyAttribution | null {
  const list = [...candidates];
  const ref = s.contactId ?? null;
  if (ref !== null && ref !== '') {
    // A contact-id match wins over a segment-id match of another contact (ids are feed-unique in practice).
    const hit = list.find((c) => c.contactId === ref) ?? list.find((c) => c.segmentId === ref);
    if (hit) {
      const segments = list.filter((c) => c.contactId === hit.contactId);
      const answered = latest(segments.filter(isAnsweredSegment));
      if (answered) return toAttribution(answered, 'contactId', true);
      return toAttribution(latest(segments) as Contact, 'contactId', false);
    }
  }
  if (s.customerKey === null || !(windowHours > 0)) return null;
  const w = windowHours * 3_600_000;
  const best = latest(
    list.filter((c) => c.customerKey === s.customerKey && isAnsweredSegment(c) && c.endedAt <= s.respondedAt && c.endedAt >= s.respondedAt - w),
  );
  return best ? toAttribution(best, 'window', true) : null;
}

/** Whether two attributions name the same segment the same way (so a stored one needs no update). */
export function sameAttribution(a: SurveyAttribution | null | undefined, b: SurveyAttribution | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return (
    a.attributedBy === b.attributedBy && a.segmentId === b.segmentId && a.contactId === b.contactId && a.agentId === b.agentId &&
    a.teamId === b.teamId && a.queueId === b.queueId && a.reason === b.reason && a.channel === b.channel && a.siteId === b.siteId
  );
}
