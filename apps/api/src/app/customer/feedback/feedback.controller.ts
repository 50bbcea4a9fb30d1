import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FeedbackItem, Me } from '@floorwatch/contracts';
import { z } from 'zod';
import { requireRead } from '../../auth/authorize';
import { CurrentUser } from '../../auth/current-user.decorator';
import { isoInstant, scopeText, validate } from '../../common/validation';
import { SCOPE_COLUMN } from '../../database/record-sql';
import { RecordStore } from '../../database/record-store';
import { OrgService } from '../../org/org.service';
import { requireKnownScope } from '../../org/scope-exists';

const feedbackQuery = z.object({ scope: scopeText, from: isoInstant, to: isoInstant });

interface Row {
  respondedAt: number;
  contactId: string | null;
  channel: string | null;
  queueId: string | null;
  attributedBy: 'contactId' | 'window' | null;
  csat: number | null;
  nps: number | null;
  scaleMin: number;
  scaleMax: number;
  comment: string | null;
  caseState: FeedbackItem['caseState'];
}

/**
 * GET /api/v1/feedback (customer.md): the responses counting in a scope, newest first, at most 200
 * — the agent page's own customers' comments. Read access as for KPIs (an agent only its own
 * agent scope), and only attributed responses below enterprise, so an agent never sees another
 * agent's or an unattributed response. No customer key in the rows.
 */
@ApiTags('customer')
@ApiBearerAuth()
@Controller()
export class FeedbackController {
  constructor(
    private readonly store: RecordStore,
    private readonly orgs: OrgService,
  ) {}

  @Get('feedback')
  async feedback(@CurrentUser() user: Me, @Query() query: Record<string, unknown>): Promise<FeedbackItem[]> {
    const q = validate(feedbackQuery, query);
    const org = await this.orgs.get();
    requireRead(user, q.scope, org);
    requireKnownScope(q.scope, org);
    const params: unknown[] = [new Date(q.from), new Date(q.to)];
    const scoped = q.scope.kind === 'enterprise' ? '' : ` AND s.${SCOPE_COLUMN[q.scope.kind]} = $${params.push(q.scope.id)}`;
    const rows = await this.store.query<Row>(
      `SELECT (extract(epoch from s.responded_at) * 1000)::float8 AS "respondedAt", s.attr_contact_id AS "contactId", s.channel, s.queue_id AS "queueId",
         s.attributed_by AS "attributedBy", s.csat, s.nps, s.scale_min AS "scaleMin", s.scale_max AS "scaleMax", s.comment, h.state AS "caseState"
       FROM survey_responses s LEFT JOIN hotline_cases h ON h.survey_key = s.natural_key
       WHERE s.responded_at >= $1 AND s.responded_at < $2${scoped}
       ORDER BY s.responded_at DESC, s.natural_key LIMIT 200`,
      params,
    );
    return rows.map((r) => ({
      respondedAt: new Date(r.respondedAt).toISOString(), contactId: r.contactId, channel: r.channel, queueId: r.queueId, attributedBy: r.attributedBy,
      csat: r.csat, nps: r.nps, scale: { min: r.scaleMin, max: r.scaleMax }, comment: r.comment, caseState: r.caseState ?? null,
    }));
  }
}
