import type { Contact } from '@floorwatch/contracts';

/**
 * selfservice.md §2 transferredContactId names "the contact's segmentId"; feeds differ in what that
 * is: a Connect CTR's segment is its ContactId, but queue_log numbers segments 1, 2… per call and
 * contacts-ndjson defaults them to "1", so a segmentId alone can name thousands of contacts. The
 * look-up, most specific first: a segment whose segmentId and contactId both equal the id (Connect,
 * NDJSON ids); the first segment (by enqueuedAt, then segmentId) of the contact with that
 * contactId (a queue_log call id); a segmentId only when one segment has it. Anything else: none.
 * Order-free: the same contacts in any order give the same answer.
 */
export function sessionContactIndex(contacts: Iterable<Contact>): (id: string) => Contact | undefined {
  const firstOf = new Map<string, Contact>();
  const bySegment = new Map<string, Contact | null>();
  const earlier = (a: Contact, b: Contact): boolean => a.enqueuedAt < b.enqueuedAt || (a.enqueuedAt === b.enqueuedAt && a.segmentId < b.segmentId);
  const exact = new Map<string, Contact>();
  for (const c of contacts) {
    if (c.contactId === c.segmentId) exact.set(c.contactId, c);
    const f = firstOf.get(c.contactId);
    if (!f || earlier(c, f)) firstOf.set(c.contactId, c);
    const seen = bySegment.get(c.segmentId);
    // Two different segments sharing a segmentId: ambiguous (null); the same one again is no conflict.
    if (seen === undefined) bySegment.set(c.segmentId, c);
    else if (seen !== null && (seen.contactId !== c.contactId || seen.segmentId !== c.segmentId)) bySegment.set(c.segmentId, null);
  }
  return (id) => exact.get(id) ?? firstOf.get(id) ?? bySegment.get(id) ?? undefined;
}
