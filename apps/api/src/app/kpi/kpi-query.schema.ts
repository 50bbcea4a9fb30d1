import { GROUP_BYS, type GroupBy, type Scope } from '@floorwatch/contracts';
import { z } from 'zod';
import { isoInstant, scopeText, timeZone } from '../common/validation';

/** Longest window one request may ask for; longer ranges belong to a report job, not a page. */
export const MAX_RANGE_DAYS = 400;
/**
 * Per-group caps: 15-minute rows past a month, or hour-of-day groups past a quarter, cost more than a
 * page may. Direction and coverage are answered from raw contacts only (the rollups keep no
 * direction key, and coverage keys reason × channel before the cross-site reason is applied), so a
 * quarter is the most they may load whole.
 */
export const MAX_DAYS_BY: Partial<Record<GroupBy, number>> = { interval: 31, hour: 92, direction: 92, coverage: 92 };
const DAY_MS = 86_400_000;

export interface KpiQueryParams {
  scope: Scope;
  from: number;
  to: number;
  by?: GroupBy;
  tz?: string;
  /** Undefined: the latest event time ingested. */
  asOf?: number;
}

export const kpiQuerySchema = z
  .object({
    scope: scopeText.prefault('enterprise'),
    from: isoInstant,
    to: isoInstant,
    by: z.enum(GROUP_BYS, { error: `must be one of ${GROUP_BYS.join(', ')}` }).optional(),
    // Absent: day and hour groups use each site's own zone (enterprise too), as libs/kpi does; an
    // enterprise by-day window of UTC midnights names each site's local days (site-local-days.ts).
    tz: timeZone.optional(),
    asOf: isoInstant.optional(),
  })
  .superRefine((q, ctx) => {
    if (q.from >= q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    else if (q.to - q.from > MAX_RANGE_DAYS * DAY_MS) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `range is longer than ${MAX_RANGE_DAYS} days` });
    } else if (q.by && MAX_DAYS_BY[q.by] !== undefined && q.to - q.from > (MAX_DAYS_BY[q.by] as number) * DAY_MS) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `range is longer than ${MAX_DAYS_BY[q.by]} days for by=${q.by}` });
    }
  });

export const staffingQuerySchema = z
  .object({
    site: z.string({ error: 'is required' }).min(1, { error: 'is required' }),
    from: isoInstant,
    to: isoInstant,
  })
  .superRefine((q, ctx) => {
    if (q.from >= q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    else if (q.to - q.from > 31 * DAY_MS) ctx.addIssue({ code: 'custom', path: ['to'], message: 'range is longer than 31 days' });
  });
