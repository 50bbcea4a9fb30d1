import { KPI_NAMES } from '@floorwatch/contracts';
import { z } from 'zod';
import { isoInstant, scopeText } from '../common/validation';

export const DEFAULT_CAUSE_CODES = ['training', 'absence', 'forecast-miss', 'system', 'campaign', 'process', 'coaching', 'other'];
const kpi = z.enum([...KPI_NAMES, 'staffingGap'] as const, { error: 'must be a KPI of fw kpi or staffingGap' });

export const createActionSchema = z
  .object({
    alertId: z.string().uuid({ error: 'must be an alert id' }).nullable().optional(),
    kpi: kpi.optional(),
    scope: scopeText.optional(),
    causeCode: z.string().trim().min(1, { error: 'is required' }),
    description: z.string().trim().min(1, { error: 'is required' }).max(4000),
    owner: z.string().trim().min(1).max(100).optional(),
    effectiveAt: isoInstant.optional(),
    dueAt: isoInstant,
  })
  .superRefine((a, ctx) => {
    if (!a.alertId && !a.kpi) ctx.addIssue({ code: 'custom', path: ['kpi'], message: 'is required without alertId' });
    if (!a.alertId && !a.scope) ctx.addIssue({ code: 'custom', path: ['scope'], message: 'is required without alertId' });
  });

export const patchActionSchema = z.object({
  status: z.enum(['open', 'done', 'cancelled']).optional(),
  description: z.string().trim().min(1).max(4000).optional(),
  owner: z.string().trim().min(1).max(100).optional(),
  dueAt: isoInstant.optional(),
  effectiveAt: isoInstant.optional(),
});

export const listActionsSchema = z.object({
  scope: scopeText.optional(),
  from: isoInstant.optional(),
  to: isoInstant.optional(),
  by: z.enum(['causeCode']).optional(),
  asOf: isoInstant.optional(),
  effectSeconds: z.coerce.number().int().positive().multipleOf(900, { error: 'must be a multiple of 900' }).optional(),
});

export const causeCodesSchema = z.object({ causeCodes: z.array(z.string().trim().min(1).max(60)).min(1) });

export const createExceptionSchema = z
  .object({ start: isoInstant, end: isoInstant, causeCode: z.string().trim().min(1, { error: 'is required' }), note: z.string().max(2000).prefault('') })
  .refine((x) => x.end > x.start, { path: ['end'], message: 'must be after start' })
  .refine((x) => x.end - x.start <= 86_400_000, { path: ['end'], message: 'an exception covers at most a day' });

export const decideExceptionSchema = z.object({ decision: z.enum(['approved', 'declined']), note: z.string().max(2000).optional() });
