import { DataSource } from 'typeorm';
import { z } from 'zod';
import { replayAlerts } from '@floorwatch/api/alerts/alert-engine';
import { AlertStore } from '@floorwatch/api/alerts/alert-store';
import { AlertValues } from '@floorwatch/api/alerts/alert-values';
import { isoInstant } from '@floorwatch/api/common/validation';
import { KpiQueryService } from '@floorwatch/api/kpi/kpi-query.service';
import { StaffingService } from '@floorwatch/api/kpi/staffing.service';
import { OrgService } from '@floorwatch/api/org/org.service';
import { TargetsService } from '@floorwatch/api/targets/targets.service';
import { UsageError } from '../cli-errors';
import { withCli } from '../cli-context';

const STATUSES = ['open', 'acknowledged', 'resolved', 'active'] as const;

/** `fw alerts [--status]`: alert instances as JSON lines' array, newest first (the CLI sees every scope). */
export async function alertsCommand(o: { status?: string }, out: NodeJS.WritableStream): Promise<void> {
  if (o.status !== undefined && !(STATUSES as readonly string[]).includes(o.status)) {
    throw new UsageError(`--status: must be one of ${STATUSES.join(', ')}`);
  }
  const rows = await withCli(async ({ app }) => {
    const store = new AlertStore(app.get(DataSource));
    const status = o.status === 'active' ? (['open', 'acknowledged'] as const) : o.status ? [o.status as 'open'] : undefined;
    return store.instances({ status: status ? [...status] : undefined, limit: 10_000 });
  });
  out.write(JSON.stringify(rows) + '\n');
}

const replaySchema = z
  .object({ from: isoInstant, to: isoInstant, rule: z.string().optional() })
  .refine((q) => q.to > q.from, { path: ['to'], message: 'must be after --from' })
  .refine((q) => q.to - q.from <= 31 * 86_400_000, { path: ['to'], message: 'at most 31 days after --from' });

/**
 * `fw alerts replay --from --to [--rule]`: what the ticks of [from, to) open and resolve on the
 * stored data, every rule (disabled ones too) or one; stores nothing.
 */
export async function alertsReplayCommand(o: { from?: string; to?: string; rule?: string }, out: NodeJS.WritableStream): Promise<void> {
  const r = replaySchema.safeParse(o);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new UsageError(`--${String(issue.path[0] ?? 'from')}: ${issue.message}`);
  }
  const q = r.data;
  const rows = await withCli(async ({ app }) => {
    const store = new AlertStore(app.get(DataSource));
    const rules = (await store.rules()).filter((x) => !q.rule || x.id === q.rule || x.name === q.rule);
    if (q.rule && rules.length === 0) throw new UsageError(`--rule: no alert rule ${q.rule}`);
    const values = new AlertValues(app.get(KpiQueryService), app.get(StaffingService), app.get(TargetsService));
    const tick = Number(process.env['ALERT_TICK_SECONDS'] ?? 60) || 60;
    return replayAlerts(values, rules, q.from, q.to, await app.get(OrgService).get(), tick);
  });
  out.write(JSON.stringify(rows) + '\n');
}
