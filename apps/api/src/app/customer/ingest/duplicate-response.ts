import type { LineOutcome } from '@floorwatch/feeds';
import type { RecordStore } from '../../database/record-store';
import type { StoredSurvey } from '../../database/record-types';
import { responseIdOf } from '../hotline/hotline-raiser';

export const DUPLICATE_RESPONSE = 'duplicate-response';

/**
 * customer.md "Survey feed": responseId = (customerKey, respondedAt, contactId or empty). An
 * identical line read again is a duplicate (feeds.md: its line hash was claimed before, it never
 * gets here); a *different* line with a responseId already stored, or already taken by an earlier
 * line of the same batch, is quarantined `duplicate-response` and writes nothing: the first
 * answer stands, so a re-sent, edited answer can neither replace it nor count twice.
 *
 * `surveys` are the survey records the batch's accepted `outcomes` mapped to, in order (the
 * survey parser gives one record per accepted line). Outcomes are replaced in place; the
 * surveys to write are returned.
 */
export async function quarantineDuplicateResponses(tx: RecordStore, outcomes: LineOutcome[], surveys: readonly StoredSurvey[]): Promise<StoredSurvey[]> {
  if (surveys.length === 0) return [];
  const ids = surveys.map(responseIdOf);
  const stored = await tx.query<{ id: string }>('SELECT DISTINCT response_id AS id FROM survey_responses WHERE response_id = ANY($1::text[])', [[...new Set(ids)]]);
  const taken = new Set(stored.map((r) => r.id));
  const kept: StoredSurvey[] = [];
  let k = 0;
  outcomes.forEach((o, i) => {
    if (o.records.length === 0) return;
    let duplicate = false;
    for (let j = 0; j < o.records.length; j++, k++) {
      if (taken.has(ids[k])) duplicate = true;
    }
    const mine = surveys.slice(k - o.records.length, k);
    if (duplicate) {
      outcomes[i] = { lineNumber: o.lineNumber, raw: o.raw, status: 'quarantined', reason: DUPLICATE_RESPONSE, detail: 'another line with the same responseId (customer, respondedAt, contact_id) was ingested first', records: [] };
      return;
    }
    for (const s of mine) taken.add(responseIdOf(s));
    kept.push(...mine);
  });
  return kept;
}
