import type { z } from 'zod';
import { kpiQuerySchema, staffingQuerySchema } from '@floorwatch/api/kpi/kpi-query.schema';
import { requireKnownScope } from '@floorwatch/api/org/scope-exists';
import { UsageError } from '../usage-error';
// The lean path (no Nest modules, so no controllers, swagger, socket.io...): see cli-database.ts.
import { withDatabase, type PreparedDatabase } from '../cli-database';

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

// The services (TypeORM, pg, libs/kpi) are imported by withDatabase while PGlite opens the data
// directory, not with this module: the arguments are checked first, and a usage error opens none.
const kpiServices = () => import('@floorwatch/api/kpi/kpi-query.service');
const staffingServices = () => Promise.all([import('@floorwatch/api/kpi/staffing.service'), import('@floorwatch/api/targets/targets.service')]);

/** `fw kpi`: the JSON of GET /api/v1/kpis without targets, from the same KpiQueryService. */
export async function kpiCommand(o: KpiOptions, out: NodeJS.WritableStream, db: PreparedDatabase): Promise<void> {
  const params = parse(kpiQuerySchema, { scope: o.scope, from: o.from, to: o.to, by: o.by, tz: o.tz, asOf: o.asOf });
  const result = await withDatabase(db, kpiServices, async ({ store, orgs }, { KpiQueryService }) => {
    requireKnownScope(params.scope, await orgs.get(), '--scope');
    return new KpiQueryService(store, orgs).query(params);
  });
  out.write(JSON.stringify(result) + '\n');
}

/** `fw staffing --site --from --to`: rows per 15-minute interval, as GET /api/v1/staffing. */
export async function staffingCommand(o: { site?: string; from?: string; to?: string }, out: NodeJS.WritableStream, db: PreparedDatabase): Promise<void> {
  const q = parse(staffingQuerySchema, { site: o.site, from: o.from, to: o.to });
  const result = await withDatabase(db, staffingServices, async ({ handle, store, orgs }, [{ StaffingService }, { TargetsService }]) => {
    const org = await orgs.get();
    requireKnownScope({ kind: 'site', id: q.site }, org, '--site');
    return new StaffingService(store, new TargetsService(handle.dataSource)).staffing(q.site, q.from, q.to, org);
  });
  out.write(JSON.stringify(result) + '\n');
}
