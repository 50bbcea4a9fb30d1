import { performance } from 'node:perf_hooks';
import type { GroupBy, Scope } from '@floorwatch/contracts';
import type { RecordStore } from '../../../apps/api/src/app/database/record-store';
import type { KpiQueryService } from '../../../apps/api/src/app/kpi/kpi-query.service';

export type ExplainCase = [name: string, scope: Scope, by: GroupBy, days: number];

interface Timed {
  sql: string;
  params: unknown[];
  ms: number;
}

/** Wraps store.query so every statement is timed; returns the list it fills. */
export function timeStatements(store: RecordStore): Timed[] {
  const timed: Timed[] = [];
  const query = store.query.bind(store);
  store.query = (async (sql: string, params?: unknown[]) => {
    const t0 = performance.now();
    const r = await query(sql, params);
    timed.push({ sql, params: params ?? [], ms: performance.now() - t0 });
    return r;
  }) as typeof store.query;
  return timed;
}

/**
 * Each case once to warm up, then once more with every statement timed: the service time, the
 * six slowest statements, and EXPLAIN (ANALYZE) of the slowest and of every day-row read.
 */
export async function explainCases(store: RecordStore, kpis: KpiQueryService, timed: Timed[], cases: readonly ExplainCase[], to: number, label: string): Promise<void> {
  const day = 86_400_000;
  const out = (line: string): boolean => process.stdout.write(line + '\n');
  for (const [name, scope, by, days] of cases) {
    await kpis.query({ scope, by, from: to - days * day, to });
    timed.length = 0;
    const t0 = performance.now();
    await kpis.query({ scope, by, from: to - days * day, to });
    const total = performance.now() - t0;
    out(`\n## ${name} (${label}): ${total.toFixed(1)} ms in the service, path ${kpis.lastPath}, ${kpis.lastDailyRanges} daily ranges, ${kpis.lastSurveyDays} survey days`);
    const sorted = [...timed].sort((a, b) => b.ms - a.ms);
    for (const t of sorted.slice(0, 6)) out(`  ${t.ms.toFixed(1)} ms  ${t.sql.replace(/\s+/g, ' ').slice(0, 150)}`);
    for (const t of sorted.filter((t, i) => i === 0 || /FROM rollup_\w+_day|FROM survey_responses s LEFT JOIN/.test(t.sql))) {
      out(`  EXPLAIN ${t.sql.replace(/\s+/g, ' ').slice(0, 90)}`);
      const plan = await store.query<Record<string, string>>(`EXPLAIN (ANALYZE, COSTS OFF) ${t.sql}`, t.params);
      for (const r of plan) out(`    | ${Object.values(r)[0]}`);
    }
  }
}
