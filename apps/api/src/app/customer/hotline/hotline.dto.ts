import { HOTLINE_RULE_FIELDS, HOTLINE_RULE_OPS, HOTLINE_STATES } from '@floorwatch/contracts';
import { z } from 'zod';
import { isoInstant, scopeText, timeZone } from '../../common/validation';

export const listQuerySchema = z.object({
  state: z.enum(HOTLINE_STATES, { error: `must be one of ${HOTLINE_STATES.join(', ')}` }).optional(),
  scope: scopeText.optional(),
  from: isoInstant.optional(),
  to: isoInstant.optional(),
});

export const transitionSchema = z.object({
  to: z.enum(HOTLINE_STATES, { error: `must be one of ${HOTLINE_STATES.join(', ')}` }),
  note: z.string().max(2000).optional(),
  action: z.string().max(2000).optional(),
  causeCode: z.string().max(100).optional(),
  resolution: z.string().max(2000).optional(),
});

export const assigneeSchema = z.object({
  assignedTo: z.array(z.string().min(1).max(200)).min(1, { error: 'needs at least one user' }).max(20),
  note: z.string().max(2000).optional(),
});

export const rulesSchema = z.array(
  z.object({
    id: z.string().min(1).max(100),
    field: z.enum(HOTLINE_RULE_FIELDS),
    op: z.enum(HOTLINE_RULE_OPS),
    value: z.union([z.number(), z.string().min(1).max(500)]),
    needsComment: z.boolean().prefault(false),
  }),
).max(100);

export const reportQuerySchema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'must be YYYY-MM' }),
  scope: scopeText.optional(),
  tz: timeZone.optional(),
  format: z.enum(['csv', 'json']).prefault('json'),
});

/** GET /hotline/summary: the period is required (its cycle KPIs); asOf defaults to now. */
export const summaryQuerySchema = z.object({
  scope: scopeText.optional(),
  from: isoInstant,
  to: isoInstant,
  asOf: isoInstant.optional(),
}).superRefine((q, ctx) => {
  if (q.from >= q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
});
