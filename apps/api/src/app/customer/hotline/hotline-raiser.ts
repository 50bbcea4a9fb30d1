import { Subject } from 'rxjs';
import { DEFAULT_HOTLINE_RULES, matchHotlineRules, sameAttribution } from '@floorwatch/kpi';
import type { HotlineCase, HotlineRule } from '@floorwatch/contracts';
import type { RecordStore } from '../../database/record-store';
import type { AttributionChange } from '../attribution/survey-attribution';
import { assigneesFor } from './hotline-routing';
import { CASE_COLUMNS, returnedRows, toCase, type CaseRow } from './hotline-sql';

export const HOTLINE_RULES_KEY = 'hotline.rules';

export const responseIdOf = (s: { customerKey: string | null; respondedAt: number; contactId?: string | null }): string =>
  `${s.customerKey ?? ''}|${s.respondedAt}|${s.contactId ?? ''}`;

/**
 * Raises a case for each new response matching a rule (one per responseId, ever: the unique key
 * makes a re-ingest or a race a no-op) and re-routes open cases whose response was re-attributed.
 * Runs inside the ingest batch's transaction; the cases to push go out only after the commit.
 */
export class HotlineRaiser {
  /** New and re-routed cases, after their batch committed (the /live gateway sends them to their assignees). */
  readonly cases$ = new Subject<HotlineCase>();
  private pending: HotlineCase[] = [];

  async afterAttribution(tx: RecordStore, changes: readonly AttributionChange[], raise: boolean, now = Date.now()): Promise<void> {
    if (changes.length === 0) return;
    const rules = (await tx.getSetting<HotlineRule[]>(HOTLINE_RULES_KEY)) ?? [...DEFAULT_HOTLINE_RULES];
    for (const c of changes) {
      if (c.isNew) {
        if (!raise) continue;
        const hits = matchHotlineRules(c.survey, rules);
        if (hits.length === 0) continue;
        const a = c.survey.attribution ?? null;
        const assigned = await assigneesFor(tx, a);
        const rows = await tx.query<CaseRow>(
          `INSERT INTO hotline_cases (response_id, survey_key, customer_key, responded_at, raised_at, rules, csat, nps, scale_min, scale_max, comment,
               attributed_by, segment_id, contact_id, agent_id, team_id, queue_id, reason, channel, site_id, assigned_to, history)
             VALUES ($1, $2, $3, to_timestamp($4::float8 / 1000), to_timestamp($5::float8 / 1000), $6::jsonb, $7, $8, $9, $10, $11,
               $12, $13, $14, $15, $16, $17, $18, $19, $20, $21::jsonb, $22::jsonb)
             ON CONFLICT (response_id) DO NOTHING RETURNING ${CASE_COLUMNS}`,
          [
            responseIdOf(c.survey), c.naturalKey, c.survey.customerKey, c.survey.respondedAt, now, JSON.stringify(hits), c.survey.csat, c.survey.nps,
            c.survey.scaleMin, c.survey.scaleMax, c.survey.comment ?? null, a?.attributedBy ?? null, a?.segmentId ?? null, a?.contactId ?? null,
            a?.agentId ?? null, a?.teamId ?? null, a?.queueId ?? null, a?.reason ?? null, a?.channel ?? null, a?.siteId ?? null,
            JSON.stringify(assigned), JSON.stringify([{ to: 'open', by: 'system', at: new Date(now).toISOString(), note: `rules ${hits.join(', ')}` }]),
          ],
        );
        this.pending.push(...rows.map(toCase));
      } else if (!sameAttribution(c.before, c.survey.attribution)) {
        this.pending.push(...(await this.reroute(tx, c, now)));
      }
    }
  }

  private async reroute(tx: RecordStore, c: AttributionChange, now: number): Promise<HotlineCase[]> {
    const a = c.survey.attribution ?? null;
    const assigned = await assigneesFor(tx, a);
    const entry = { to: 'assigned', by: 'system', at: new Date(now).toISOString(), note: `re-attributed: ${assigned.join(', ') || 'nobody'}` };
    const rows = returnedRows<CaseRow>(await tx.query<unknown>(
      `UPDATE hotline_cases SET attributed_by = $2, segment_id = $3, contact_id = $4, agent_id = $5, team_id = $6, queue_id = $7, reason = $8,
           channel = $9, site_id = $10,
           assigned_to = $11::jsonb, history = history || $12::jsonb
         WHERE survey_key = $1 AND state <> 'closed' RETURNING ${CASE_COLUMNS}`,
      [c.naturalKey, a?.attributedBy ?? null, a?.segmentId ?? null, a?.contactId ?? null, a?.agentId ?? null, a?.teamId ?? null, a?.queueId ?? null,
        a?.reason ?? null, a?.channel ?? null, a?.siteId ?? null, JSON.stringify(assigned), JSON.stringify([entry])],
    ));
    return rows.map(toCase);
  }

  /** After the batch committed: hand its cases to the live push. */
  flush(): void {
    const out = this.pending;
    this.pending = [];
    for (const c of out) this.cases$.next(c);
  }

  /** The batch rolled back: its cases never existed. */
  discard(): void {
    this.pending = [];
  }
}
