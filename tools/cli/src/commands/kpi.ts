import type { z } from 'zod';
import { KpiQueryService } from '@floorwatch/api/kpi/kpi-query.service';
import { kpiQuerySchema, staffingQuerySchema } from '@floorwatch/api/kpi/kpi-query.schema';
import { StaffingService } from '@floorwatch/api/kpi/staffing.service';
import { TargetsService } from '@floorwatch/api/targets/targets.service';
import { requireKnownScope } from '@floorwatch/api/org/scope-exists';
import { UsageError } from '../cli-errors';
// The lean path (no Nest modules, so no controllers, swagger, socket.io...): see cli-database.ts.
import { withDatabase } from '../cli-database';

const OPTION_OF: Record<string, string> = { asOf: '--as-of' };

/** The API's own query schema, with its messages naming the CLI option. */
function parse<S extends z.ZodType>(schema: S, input: Record<string, unknown>): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = String(issue.path[0] ?? 'arguments');
  throw new UsageError(`${OPTION_OF[field] ?? `--${field}`}: ${issue.message}`);
}

export interface KpiOptions {
  from?: string;
  to?: string;
  asOf?: string;
  scope?: string;
  by?: string;
  tz?: string;
}

/** `fw kpi`: the JSON of GET /api/v1/kpis without targets, from the same KpiQueryService. */
export async function kpiCommand(o: KpiOptions, out: NodeJS.WritableStream): Promise<void> {
  const params = parse(kpiQuerySchema, { scope: o.scope, from: o.from, to: o.to, by: o.by, tz: o.tz, asOf: o.asOf });
  const result = await withDatabase(async ({ store, orgs }) => {
    requireKnownScope(params.scope, await orgs.get(), '--scope');
    return new KpiQueryService(store, orgs).query(params);
  });
  out.write(JSON.stringify(result) + '\n');
}

/** `fw staffing --site --from --to`: rows per 15-minute interval, as GET /api/v1/staffing. */
export async function staffingCommand(o: { site?: string; from?: string; to?: string }, out: NodeJS.WritableStream): Promise<void> {
  const q = parse(staffingQuerySchema, { site: o.site, from: o.from, to: o.to });
  const result = await withDatabase(async ({ handle, store, orgs }) => {
    const org = await orgs.get();
    requireKnownScope({ kind: 'site', id: q.site }, org, '--site');
    return new StaffingService(store, new TargetsService(handle.dataSource)).staffing(q.site, q.from, q.to, org);
  });
  out.write(JSON.stringify(result) + '\n');
}
