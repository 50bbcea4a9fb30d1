import type { z } from 'zod';
import { BonusService } from '@floorwatch/api/bonus/bonus.service';
import { bonusQuerySchema } from '@floorwatch/api/bonus/bonus.controller';
import { forecastAccuracyQuerySchema } from '@floorwatch/api/forecast-accuracy/forecast-accuracy.controller';
import { ForecastAccuracyService } from '@floorwatch/api/forecast-accuracy/forecast-accuracy.service';
import { RecordStore } from '@floorwatch/api/database/record-store';
import { KpiQueryService } from '@floorwatch/api/kpi/kpi-query.service';
import { StaffingService } from '@floorwatch/api/kpi/staffing.service';
import { OrgService } from '@floorwatch/api/org/org.service';
import { requireKnownScope } from '@floorwatch/api/org/scope-exists';
import { TargetsService } from '@floorwatch/api/targets/targets.service';
import { UsageError } from '../cli-errors';
import { withCli } from '../cli-context';

function parse<S extends z.ZodType>(schema: S, input: Record<string, unknown>): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = String(issue.path[0] ?? 'arguments');
  throw new UsageError(`${field === 'asOf' ? '--as-of' : `--${field}`}: ${issue.message}`);
}

/** `fw forecast-accuracy --site --from --to [--by interval|day|queue] [--as-of]`: as GET /api/v1/forecast-accuracy. */
export async function forecastAccuracyCommand(o: { site?: string; from?: string; to?: string; by?: string; asOf?: string }, out: NodeJS.WritableStream): Promise<void> {
  const q = parse(forecastAccuracyQuerySchema, { site: o.site, from: o.from, to: o.to, by: o.by, asOf: o.asOf });
  const result = await withCli(async ({ app }) => {
    const org = await app.get(OrgService).get();
    requireKnownScope({ kind: 'site', id: q.site }, org, '--site');
    const service = new ForecastAccuracyService(app.get(RecordStore), app.get(StaffingService), app.get(KpiQueryService));
    return service.report(q.site, q.from, q.to, q.by, org, q.asOf);
  });
  out.write(JSON.stringify(result) + '\n');
}

/** `fw bonus --agent <id> [--as-of] [--period quarter|month]`: one JSON object, as GET /api/v1/bonus. */
export async function bonusCommand(o: { agent?: string; asOf?: string; period?: string }, out: NodeJS.WritableStream): Promise<void> {
  const q = parse(bonusQuerySchema, { agent: o.agent, asOf: o.asOf, period: o.period });
  const result = await withCli(async ({ app }) => {
    const org = await app.get(OrgService).get();
    requireKnownScope({ kind: 'agent', id: q.agent }, org, '--agent');
    return new BonusService(app.get(RecordStore), app.get(KpiQueryService), app.get(TargetsService)).tracker(q.agent, org, q.period, q.asOf);
  });
  out.write(JSON.stringify(result) + '\n');
}
