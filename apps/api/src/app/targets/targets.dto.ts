import { TARGET_KPIS } from '@floorwatch/contracts';
import { z } from 'zod';
import { scopeText } from '../common/validation';

const kpi = z.enum(TARGET_KPIS, { error: `must be one of ${TARGET_KPIS.join(', ')}` });

export const targetsQuerySchema = z.object({ scope: scopeText.prefault('enterprise'), kpi: kpi.optional() });
export const auditQuerySchema = z.object({ scope: scopeText.optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) });

export const setTargetSchema = z
  .object({
    kpi,
    scope: scopeText,
    value: z.number({ error: 'must be a number' }).finite(),
    direction: z.enum(['higher', 'lower'], { error: 'must be higher or lower' }).optional(),
    amberBand: z.number({ error: 'must be a number or null' }).finite().min(0, { error: 'must be ≥ 0' }).nullable().optional(),
  })
  .strict();

/** DELETE /targets?kpi=&scope=: the scope's own target goes; the next one up applies again. */
export const resetTargetSchema = z.object({ kpi, scope: scopeText }).strict();
