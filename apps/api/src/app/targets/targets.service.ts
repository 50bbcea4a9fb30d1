import { Injectable } from '@nestjs/common';
import {
  formatScope,
  KPI_NAMES,
  TARGET_KPIS,
  type KpiApiResult,
  type KpiName,
  type KpiResult,
  type Me,
  type ResolvedTarget,
  type Scope,
  type Target,
  type TargetAudit,
  type TargetKpi,
} from '@floorwatch/contracts';
import { countTargetSource, DEFAULT_TARGETS, NO_GROUP, PER_DAY_TARGET_KPIS, resolveTarget, scaledCountTarget, scopeChain, targetStatus } from '@floorwatch/kpi';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import type { IndexedOrg } from '../org/org-lookup';
import type { setTargetSchema } from './targets.dto';
import { CountTargetDays } from './working-days';
import { minimumSample } from '../customer/minimum-sample';

interface TargetRow {
  kpi: TargetKpi;
  scope: string;
  value: number;
  direction: 'higher' | 'lower';
  amber_band: number | null;
}
interface AuditRow {
  id: string;
  kpi: TargetKpi;
  scope: string;
  old_value: number | null;
  new_value: number | null;
  changed_by: string;
  changed_at: Date;
}

const KPI_SET = new Set<string>(KPI_NAMES);
const TARGETED_KPIS = TARGET_KPIS.filter((k): k is TargetKpi & KpiName => KPI_SET.has(k));

/** Targets: stored ones, the most specific that applies, changes with an audit trail. */
@Injectable()
export class TargetsService {
  constructor(private readonly db: DataSource) {}

  async all(): Promise<Target[]> {
    const rows: TargetRow[] = await this.db.query('SELECT kpi, scope, value, direction, amber_band FROM targets');
    return rows.map((r) => ({ kpi: r.kpi, scope: r.scope, value: Number(r.value), direction: r.direction, amberBand: r.amber_band === null ? null : Number(r.amber_band) }));
  }

  /** The target that applies to `scope` for each KPI (or just `kpi`); KPIs with none are left out. */
  async resolve(scope: Scope, org: IndexedOrg, kpi?: TargetKpi): Promise<ResolvedTarget[]> {
    const targets = await this.all();
    const chain = scopeChain(scope, org.org);
    return (kpi ? [kpi] : [...TARGET_KPIS]).map((k) => resolveTarget(targets, k, chain)).filter((t): t is ResolvedTarget => t !== null);
  }

  /** Sets (upserts) a target and audits old → new in the same transaction. */
  async set(user: Me, req: z.output<typeof setTargetSchema>, org: IndexedOrg): Promise<ResolvedTarget> {
    const scope = formatScope(req.scope);
    const fallback = DEFAULT_TARGETS.find((t) => t.kpi === req.kpi);
    await this.db.transaction(async (tx) => {
      const old: TargetRow[] = await tx.query('SELECT kpi, scope, value, direction, amber_band FROM targets WHERE kpi = $1 AND scope = $2 FOR UPDATE', [req.kpi, scope]);
      const direction = req.direction ?? old[0]?.direction ?? fallback?.direction ?? 'higher';
      const amberBand = req.amberBand === undefined ? (old[0]?.amber_band ?? null) : req.amberBand;
      await tx.query(
        `INSERT INTO targets (kpi, scope, value, direction, amber_band, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, now())
         ON CONFLICT (kpi, scope) DO UPDATE SET value = EXCLUDED.value, direction = EXCLUDED.direction, amber_band = EXCLUDED.amber_band,
           updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [req.kpi, scope, req.value, direction, amberBand, user.username],
      );
      await tx.query('INSERT INTO target_audit (kpi, scope, old_value, new_value, changed_by) VALUES ($1, $2, $3, $4, $5)', [
        req.kpi,
        scope,
        old[0] ? Number(old[0].value) : null,
        req.value,
        user.username,
      ]);
    });
    const [resolved] = await this.resolve(req.scope, org, req.kpi);
    return resolved;
  }

  /** Removes the scope's own target (if any) and audits old → null; returns what applies now. */
  async reset(user: Me, kpi: TargetKpi, scope: Scope, org: IndexedOrg): Promise<ResolvedTarget | null> {
    const key = formatScope(scope);
    await this.db.transaction(async (tx) => {
      const old: TargetRow[] = await tx.query('SELECT value FROM targets WHERE kpi = $1 AND scope = $2 FOR UPDATE', [kpi, key]);
      if (!old[0]) return;
      await tx.query('DELETE FROM targets WHERE kpi = $1 AND scope = $2', [kpi, key]);
      await tx.query('INSERT INTO target_audit (kpi, scope, old_value, new_value, changed_by) VALUES ($1, $2, $3, NULL, $4)', [kpi, key, Number(old[0].value), user.username]);
    });
    const [resolved] = await this.resolve(scope, org, kpi);
    return resolved ?? null;
  }

  /** Audit entries, newest first; `visible` filters to scopes the caller may read. */
  async audit(scope: Scope | undefined, limit: number, visible: (scope: string) => boolean): Promise<TargetAudit[]> {
    const rows: AuditRow[] = scope
      ? await this.db.query('SELECT * FROM target_audit WHERE scope = $1 ORDER BY changed_at DESC, id LIMIT $2', [formatScope(scope), limit])
      : await this.db.query('SELECT * FROM target_audit ORDER BY changed_at DESC, id LIMIT $1', [limit]);
    return rows
      .filter((r) => visible(r.scope))
      .map((r) => ({
        id: r.id,
        kpi: r.kpi,
        scope: r.scope,
        oldValue: r.old_value === null ? null : Number(r.old_value),
        newValue: r.new_value === null ? null : Number(r.new_value),
        changedBy: r.changed_by,
        changedAt: new Date(r.changed_at).toISOString(),
      }));
  }

  /**
   * Days of `source`'s per-day count target due over `result`'s window for its whole scope: 1 for a
   * normal day gone by, less for a lightly staffed one (the demo sets its story's target with it).
   */
  dueDays(source: string, scope: Scope, result: KpiResult, org: IndexedOrg): Promise<number> {
    return new CountTargetDays(this.db, org, result).days(source, scope, 'all');
  }

  /** The days due of `source`'s count target for each row of a result grouped by day (row order). */
  async dueDaysPerRow(source: string, scope: Scope, result: KpiResult, org: IndexedOrg, tz?: string): Promise<number[]> {
    const due = new CountTargetDays(this.db, org, result, tz);
    const out: number[] = [];
    for (const row of result.rows) out.push(await due.days(source, scope, row.key));
    return out;
  }

  /**
   * Adds `targets` to every row: the target that applies to that row's own scope (an agent row
   * of a team query gets the agent's target), with its status for the row's value, and `from`
   * when it is inherited from a wider scope. Per-day counts (handled) are scaled to the days due
   * (count-target-due): the row's scheduled agent-hours against a normal day's, elapsed at asOf.
   */
  async annotate(result: KpiResult, scope: Scope, org: IndexedOrg, tz?: string): Promise<KpiApiResult> {
    const targets = await this.all();
    const chains = new Map<string, string[]>();
    const due = new CountTargetDays(this.db, org, result, tz);
    const rows = [];
    for (const row of result.rows) {
      const rowScope = rowScopeOf(scope, result.by, row.key);
      const key = formatScope(rowScope);
      let chain = chains.get(key);
      if (!chain) chains.set(key, (chain = scopeChain(rowScope, org.org)));
      const cells: KpiApiResult['rows'][number]['targets'] = {};
      for (const kpi of TARGETED_KPIS) {
        let t: ResolvedTarget | null;
        if (PER_DAY_TARGET_KPIS.includes(kpi)) {
          const source = countTargetSource(targets, kpi, chain);
          t = source ? scaledCountTarget(source, key, await due.days(source.scope, rowScope, row.key)) : null;
        } else {
          t = resolveTarget(targets, kpi, chain);
        }
        if (!t) continue;
        // Where a target is set on a wider scope, say so ("from team"); built-in defaults need no hint.
        const from = t.source !== key && t.source !== 'default' ? { from: t.source } : {};
        cells[kpi] = minimumSample(kpi, row.kpis, { value: t.value, status: targetStatus(row.kpis[kpi], t), direction: t.direction, ...from });
      }
      rows.push({ ...row, targets: cells });
    }
    return { ...result, rows };
  }
}

/** A row grouped by agent, team, site or queue is that scope; any other row is the query's scope. */
export function rowScopeOf(scope: Scope, by: KpiResult['by'], key: string): Scope {
  if (key === NO_GROUP || key === 'all') return scope;
  switch (by) {
    case 'agent':
    case 'team':
    case 'site':
    case 'queue':
      return { kind: by, id: key };
    default:
      return scope;
  }
}
