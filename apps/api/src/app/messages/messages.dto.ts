import { z } from 'zod';
import { isoDay, nonEmpty, scopeText } from '../common/validation';

export const sendMessageSchema = z
  .object({
    toScope: scopeText,
    kind: z.enum(['alert', 'coaching', 'message'], { error: 'must be alert, coaching or message' }),
    subject: nonEmpty(200),
    body: z.string({ error: 'is required' }).max(10_000, { error: 'must be at most 10000 characters' }),
  })
  .strict();

export const idSchema = z.object({ id: z.uuid({ error: 'is not a message or request id' }) });

export const createScheduleRequestSchema = z
  .object({
    day: isoDay,
    description: nonEmpty(2_000),
    shiftMinutes: z.number({ error: 'must be a whole number of minutes' }).int({ error: 'must be a whole number of minutes' }).min(-480).max(480).optional(),
    activity: nonEmpty(100).optional(),
  })
  .strict();

export const decisionSchema = z
  .object({
    decision: z.enum(['approved', 'declined'], { error: 'must be approved or declined' }),
    note: z.string().max(2_000).optional(),
  })
  .strict();
