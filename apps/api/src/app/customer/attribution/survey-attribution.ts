import type { Contact, SurveyAttribution, SurveyResponse } from '@floorwatch/contracts';
import { attributeSurvey, DEFAULT_ATTRIBUTE_WINDOW_HOURS, sameAttribution } from '@floorwatch/kpi';
import { CONTACT_FIELDS, SURVEY_SELECT, toContact, toSurvey, type ContactRowRaw, type SurveyRowRaw } from '../../database/record-sql';
import type { RecordStore } from '../../database/record-store';
import { surveyNaturalKey, type StoredContact, type StoredSurvey } from '../../database/record-types';
import { deferTouches } from '../../rollup/rollup-rebuild';
import { refreshSurveyDays, utcDays } from '../../rollup/survey-rollup';

const HOUR_MS = 3_600_000;

/** A stored response with its row key, so an attribution change can be written back. */
export interface KeyedSurvey {
  naturalKey: string;
  survey: SurveyResponse;
}

/** What one batch changed: responses newly written or whose attribution moved (for HOTLINE routing). */
export interface AttributionChange {
  naturalKey: string;
  survey: SurveyResponse;
  before: SurveyAttribution | null;
  isNew: boolean;
}

/**
 * customer.md "Attribution", kept current by the records present: after every ingest batch, the
 * batch's responses and every stored response the batch's contacts could change (same contact or
 * segment id, same customer within the window, or currently attributed to one of its segments)
 * are attributed again with libs/kpi attributeSurvey over the stored contacts, and rows whose
 * attribution moved are updated. Whatever order responses and contacts arrive in, each response
 * ends up attributed against the same set of records, so KPIs do not depend on the order.
 */
export class SurveyAttributor {
  constructor(readonly windowHours: number = DEFAULT_ATTRIBUTE_WINDOW_HOURS) {}

  /** `deferRollups` (bulk ingest): the changed responses' days join the pending span rebuild re-aggregates. */
  async afterWrite(tx: RecordStore, contacts: readonly StoredContact[], surveys: readonly StoredSurvey[], deferRollups = false): Promise<AttributionChange[]> {
    if (contacts.length === 0 && surveys.length === 0) return [];
    const affected = await this.affected(tx, contacts, surveys);
    if (affected.length === 0) return [];
    const candidates = await this.candidates(tx, affected.map((a) => a.survey));
    const fresh = new Set(surveys.map(naturalKeyOf));
    const changes: AttributionChange[] = [];
    for (const { naturalKey, survey } of affected) {
      const next = attributeSurvey(survey, candidates, this.windowHours);
      const isNew = fresh.has(naturalKey);
      if (!sameAttribution(next, survey.attribution)) changes.push({ naturalKey, survey: { ...survey, attribution: next }, before: survey.attribution ?? null, isNew });
      else if (isNew) changes.push({ naturalKey, survey, before: survey.attribution ?? null, isNew });
    }
    const moved = changes.filter((c) => !sameAttribution(c.before, c.survey.attribution));
    if (moved.length) await writeAttributions(tx, moved);
    // The day rows are keyed by attribution: re-aggregate the days of new and re-attributed responses
    // (the rollup refresh before this ran when the new ones had no attribution yet).
    if (deferRollups) await deferTouches(tx, { contacts: [], agentTimes: [], surveys: changes.map((c) => c.survey) });
    else {
      const times = changes.map((c) => c.survey.respondedAt);
      await refreshSurveyDays(tx, utcDays(times), times);
    }
    return changes;
  }

  /** Stored responses the batch may (re)attribute. */
  private async affected(tx: RecordStore, contacts: readonly StoredContact[], surveys: readonly StoredSurvey[]): Promise<KeyedSurvey[]> {
    const keys = surveys.map(naturalKeyOf);
    const ids = [...new Set(contacts.flatMap((c) => [c.contactId, c.segmentId]))];
    const segments = [...new Set(contacts.map((c) => c.segmentId))];
    const w = this.windowHours * HOUR_MS;
    const byCustomer = new Map<string, [number, number]>();
    for (const c of contacts) {
      if (c.customerKey === null || c.agentId === null || c.answeredAt === null || !(w > 0)) continue;
      const r = byCustomer.get(c.customerKey);
      byCustomer.set(c.customerKey, r ? [Math.min(r[0], c.endedAt), Math.max(r[1], c.endedAt + w)] : [c.endedAt, c.endedAt + w]);
    }
    const custKeys = [...byCustomer.keys()];
    const rows = await tx.query<SurveyRowRaw & { naturalKey: string }>(
      `${SURVEY_SELECT.replace('SELECT ', 'SELECT natural_key AS "naturalKey", ')}
       WHERE natural_key = ANY($1::text[]) OR contact_id = ANY($2::text[]) OR attr_segment_id = ANY($3::text[])
          OR (customer_key = ANY($4::text[]) AND responded_at >= to_timestamp($5::float8 / 1000) AND responded_at <= to_timestamp($6::float8 / 1000))`,
      [keys, ids, segments, custKeys, minOf(byCustomer, 0), maxOf(byCustomer, 1)],
    );
    return rows.map(({ naturalKey, ...r }) => ({ naturalKey, survey: toSurvey(r) }));
  }

  /** Every stored contact the rules could pick for these responses. */
  private async candidates(tx: RecordStore, surveys: readonly SurveyResponse[]): Promise<Contact[]> {
    const refs = [...new Set(surveys.map((s) => s.contactId).filter((x): x is string => !!x))];
    const w = this.windowHours * HOUR_MS;
    const custs = [...new Set(surveys.map((s) => s.customerKey).filter((x): x is string => x !== null))];
    const times = surveys.filter((s) => s.customerKey !== null).map((s) => s.respondedAt);
    const out = new Map<string, Contact>();
    const add = (rows: ContactRowRaw[]): void => {
      for (const r of rows) out.set(`${r.contactId}\u0000${r.segmentId}\u0000${r.enqueuedAt}`, toContact(r));
    };
    if (refs.length) {
      add(
        await tx.query<ContactRowRaw>(
          `SELECT ${CONTACT_FIELDS} FROM contacts WHERE contact_id IN (
             SELECT contact_id FROM contacts WHERE contact_id = ANY($1::text[]) OR segment_id = ANY($1::text[]))`,
          [refs],
        ),
      );
    }
    if (custs.length && w > 0 && times.length) {
      let lo = Infinity;
      let hi = -Infinity;
      for (const t of times) {
        if (t < lo) lo = t;
        if (t > hi) hi = t;
      }
      add(
        await tx.query<ContactRowRaw>(
          `SELECT ${CONTACT_FIELDS} FROM contacts WHERE customer_key = ANY($1::text[])
             AND ended_at >= to_timestamp($2::float8 / 1000) AND ended_at <= to_timestamp($3::float8 / 1000)
             AND agent_id IS NOT NULL AND answered_at IS NOT NULL`,
          [custs, lo - w, hi],
        ),
      );
    }
    return [...out.values()];
  }
}

/** survey_responses.natural_key as RecordStore.writeSurveys computes it. */
export const naturalKeyOf = surveyNaturalKey;

const minOf = (m: Map<string, [number, number]>, i: 0 | 1): number => (m.size ? Math.min(...[...m.values()].map((r) => r[i])) : 0);
const maxOf = (m: Map<string, [number, number]>, i: 0 | 1): number => (m.size ? Math.max(...[...m.values()].map((r) => r[i])) : 0);

async function writeAttributions(tx: RecordStore, moved: readonly AttributionChange[]): Promise<void> {
  const col = <T>(f: (a: SurveyAttribution | null) => T): T[] => moved.map((m) => f(m.survey.attribution ?? null));
  await tx.query(
    `UPDATE survey_responses s SET attributed_by = u.by, attr_segment_id = u.seg, attr_contact_id = u.cid, agent_id = u.agent,
       team_id = u.team, queue_id = u.queue, reason = u.reason, channel = u.channel, site_id = u.site
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
       AS u(key, by, seg, cid, agent, team, queue, reason, channel, site)
     WHERE s.natural_key = u.key`,
    [
      moved.map((m) => m.naturalKey),
      col((a) => a?.attributedBy ?? null),
      col((a) => a?.segmentId ?? null),
      col((a) => a?.contactId ?? null),
      col((a) => a?.agentId ?? null),
      col((a) => a?.teamId ?? null),
      col((a) => a?.queueId ?? null),
      col((a) => a?.reason ?? null),
      col((a) => a?.channel ?? null),
      col((a) => a?.siteId ?? null),
    ],
  );
}
