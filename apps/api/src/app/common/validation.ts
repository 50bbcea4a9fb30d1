/**
 * One way to validate every input of the API: zod schemas, and a 400 body that names the field
 * and the reason (`{statusCode: 400, message, field}`), so a client can point at the bad input.
 */
import { BadRequestException } from '@nestjs/common';
import { parseScope, isScopeError, type Scope } from '@floorwatch/contracts';
import { z } from 'zod';

export interface ValidationErrorBody {
  statusCode: 400;
  message: string;
  field: string;
}

export function badRequest(field: string, message: string): BadRequestException {
  const body: ValidationErrorBody = { statusCode: 400, message: `${field}: ${message}`, field };
  return new BadRequestException(body);
}

/** Parses `input` with `schema`; the first issue becomes the 400 (one clear reason beats ten). */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : 'body';
  throw badRequest(field, issue.message);
}

/** 2026-02-31 is not a day, though some parsers roll it over into March. */
function isCalendarDay(day: string): boolean {
  const [y, m, d] = day.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** ISO 8601 date or date-time, to epoch ms. A bare date is midnight UTC. */
export const isoInstant = z
  .string({ error: 'is required (ISO 8601 date or date-time)' })
  .refine((s) => /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && isCalendarDay(s.slice(0, 10)) && !Number.isNaN(Date.parse(s)), {
    error: 'is not an ISO 8601 date or date-time',
  })
  .transform((s) => Date.parse(/T|\s/.test(s) && !/(Z|[+-]\d{2}:?\d{2})$/.test(s) ? `${s}Z` : s));

export const isoDay = z
  .string({ error: 'is required (YYYY-MM-DD)' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a day as YYYY-MM-DD' })
  .refine(isCalendarDay, { error: 'is not a calendar day' });

export const scopeText = z.string({ error: 'is required' }).transform((text, ctx): Scope => {
  const scope = parseScope(text);
  if (isScopeError(scope)) {
    ctx.addIssue({ code: 'custom', message: scope.error });
    return z.NEVER;
  }
  return scope;
});

export const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { error: 'is not an IANA time zone' },
);

export const nonEmpty = (max = 200) => z.string({ error: 'is required' }).trim().min(1, { error: 'must not be empty' }).max(max);

/** For @ApiBody / @ApiQuery: the JSON schema of a zod schema, so the docs follow the code. */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
