import { DriversService } from '@floorwatch/api/customer/drivers/drivers.service';
import { driversQuerySchema } from '@floorwatch/api/customer/drivers/drivers-query.schema';
import { OrgService } from '@floorwatch/api/org/org.service';
import { requireKnownScope } from '@floorwatch/api/org/scope-exists';
import { UsageError } from '../cli-errors';
import { withCli } from '../cli-context';

export interface DriversOptions {
  outcome?: string;
  from?: string;
  to?: string;
  scope?: string;
  by?: string;
}

/** `fw drivers`: the JSON of GET /api/v1/drivers, from the same DriversService. */
export async function driversCommand(o: DriversOptions, out: NodeJS.WritableStream): Promise<void> {
  const r = driversQuerySchema.safeParse({ outcome: o.outcome, scope: o.scope, from: o.from, to: o.to, by: o.by });
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new UsageError(`--${String(issue.path[0] ?? 'arguments')}: ${issue.message}`);
  }
  const result = await withCli(async ({ app }) => {
    requireKnownScope(r.data.scope, await app.get(OrgService).get(), '--scope');
    return app.get(DriversService).drivers(r.data);
  });
  out.write(JSON.stringify(result) + '\n');
}
