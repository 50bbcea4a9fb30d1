import { KPI_NAMES, ROLES } from '@floorwatch/contracts';
import { z } from 'zod';
import { isoInstant, scopeText } from '../common/validation';

const ALERT_KPIS = [...KPI_NAMES, 'staffingGap'] as const;

export const conditionSchema = z.union([
  z.object({ status: z.enum(['red', 'amber']) }).strict(),
  z.object({ op: z.enum(['<', '<=', '>', '>=']), value: z.number().finite() }).strict(),
], { error: 'must be {status: "red"|"amber"} or {op: "<"|"<="|">"|">=", value: number}' });

export const windowSchema = z.union([
  z.object({ minutes: z.number().int().min(1).max(1440) }).strict(),
  z.object({ intervals: z.number().int().min(1).max(96) }).strict(),
  z.literal('today'),
], { error: 'must be {minutes: N}, {intervals: N} or "today"' });

const minutes = z.number().int().min(0).max(1440);
const audience = z.array(z.enum(ROLES)).min(1, { error: 'needs at least one role' });

export const createRuleSchema = z.object({
  name: z.string().trim().min(1, { error: 'is required' }).max(200),
  kpi: z.enum(ALERT_KPIS, { error: 'must be a KPI of fw kpi or staffingGap' }),
  scope: scopeText,
  each: z.enum(['site', 'team', 'agent']).nullable().optional(),
  condition: conditionSchema,
  window: windowSchema,
  sustainMinutes: minutes.optional(),
  clearMinutes: minutes.optional(),
  audience: audience.optional(),
  enabled: z.boolean().optional(),
});

export const patchRuleSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  condition: conditionSchema.optional(),
  window: windowSchema.optional(),
  sustainMinutes: minutes.optional(),
  clearMinutes: minutes.optional(),
  audience: audience.optional(),
  enabled: z.boolean().optional(),
});

export const listAlertsSchema = z.object({
  scope: scopeText.optional(),
  status: z.enum(['open', 'acknowledged', 'resolved', 'active']).optional(),
});

export const acknowledgeSchema = z.object({ note: z.string().trim().max(2000).optional() });
export const resolveSchema = z.object({ note: z.string({ error: 'is required' }).trim().min(1, { error: 'is required' }).max(2000) });

export const replaySchema = z.object({ from: isoInstant, to: isoInstant, rule: z.string().optional() });
