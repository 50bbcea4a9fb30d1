import type { Me } from '@floorwatch/contracts';
import { listQuerySchema, reportQuerySchema } from '@floorwatch/api/customer/hotline/hotline.dto';
import { hotlineReportCsv, HotlineService } from '@floorwatch/api/customer/hotline/hotline.service';
import { OrgService } from '@floorwatch/api/org/org.service';
import { requireKnownScope } from '@floorwatch/api/org/scope-exists';
import { UsageError } from '../cli-errors';
import { withCli } from '../cli-context';

export interface HotlineOptions {
  state?: string;
  scope?: string;
  from?: string;
  to?: string;
  report?: boolean;
  month?: string;
  tz?: string;
  format?: string;
}

/** The CLI runs on the database itself, as the admin would see it (read-only: no transitions here). */
const CLI_USER: Me = { username: 'fw-cli', roles: ['admin'], agentId: null, teamIds: [], siteIds: [] };

function usage(r: { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } }): never {
  const issue = r.error.issues[0];
  throw new UsageError(`--${String(issue.path[0] ?? 'arguments')}: ${issue.message}`);
}

/** `fw hotline [--state] [--scope] [--from --to]` = GET /api/v1/hotline; `--report --month` = GET /api/v1/hotline/report. */
export async function hotlineCommand(o: HotlineOptions, out: NodeJS.WritableStream): Promise<void> {
  if (o.report) {
    const r = reportQuerySchema.safeParse({ month: o.month, scope: o.scope, tz: o.tz, format: o.format });
    if (!r.success) usage(r);
    const report = await withCli(async ({ app }) => {
      if (r.data.scope) requireKnownScope(r.data.scope, await app.get(OrgService).get(), '--scope');
      return app.get(HotlineService).report(CLI_USER, r.data.month, r.data.scope, r.data.tz);
    });
    out.write(r.data.format === 'csv' ? hotlineReportCsv(report) : JSON.stringify(report) + '\n');
    return;
  }
  const r = listQuerySchema.safeParse({ state: o.state, scope: o.scope, from: o.from, to: o.to });
  if (!r.success) usage(r);
  const cases = await withCli(async ({ app }) => {
    if (r.data.scope) requireKnownScope(r.data.scope, await app.get(OrgService).get(), '--scope');
    return app.get(HotlineService).list(CLI_USER, r.data);
  });
  out.write(JSON.stringify(cases) + '\n');
}
