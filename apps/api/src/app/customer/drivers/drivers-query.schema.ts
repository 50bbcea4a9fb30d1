import { DRIVER_OUTCOMES, type DriverOutcome, type Scope } from '@floorwatch/contracts';
import { z } from 'zod';
import { isoInstant, scopeText } from '../../common/validation';
import { MAX_RANGE_DAYS } from '../../kpi/kpi-query.schema';

export interface DriversQuery {
  outcome: DriverOutcome;
  scope: Scope;
  from: number;
  to: number;
  by?: 'mainChannel' | 'channelChain';
}

/** `fw drivers` and GET /api/v1/drivers: the same parameters (customer.md "Drivers"). */
export const driversQuerySchema = z
  .object({
    outcome: z.enum(DRIVER_OUTCOMES, { error: `must be one of ${DRIVER_OUTCOMES.join(', ')}` }),
    scope: scopeText.prefault('enterprise'),
    from: isoInstant,
    to: isoInstant,
    by: z.enum(['mainChannel', 'channelChain'], { error: 'must be mainChannel or channelChain' }).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.from >= q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    else if (q.to - q.from > MAX_RANGE_DAYS * 86_400_000) ctx.addIssue({ code: 'custom', path: ['to'], message: `range is longer than ${MAX_RANGE_DAYS} days` });
  });
