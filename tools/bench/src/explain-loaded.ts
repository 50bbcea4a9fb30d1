/*
 * Where a KPI query's time goes on a kept full-size world (`npm run bench -- --size full
 * --keep-loaded` leaves schema fw_bench_full_<agents>x<days>):
 *   BENCH_DATABASE_URL=… node -r ./tools/register.cjs tools/bench/src/explain-loaded.ts fw_bench_full_1000x90
 * Runs the bench's queries through KpiQueryService on that schema with every statement timed and
 * prints EXPLAIN (ANALYZE) of the slowest. Evidence for docs/perf.md; reads only.
 */
import { openDatabase } from '../../../apps/api/src/app/database/open-database';
import { RecordStore } from '../../../apps/api/src/app/database/record-store';
import { KpiQueryService } from '../../../apps/api/src/app/kpi/kpi-query.service';
import { OrgService } from '../../../apps/api/src/app/org/org.service';
import { explainCases, timeStatements, type ExplainCase } from './explain-statements';
import { postgresUrl } from './run-bench';

async function main(): Promise<void> {
  const [schema, toIso = '2024-06-13T00:00:00Z'] = process.argv.slice(2);
  const pg = await postgresUrl();
  if (!schema || !pg) throw new Error('usage: BENCH_DATABASE_URL=… explain-loaded.ts <schema> [to ISO]');
  const handle = await openDatabase({ url: pg, schema, migrationsRun: true, poolSize: 4 });
  try {
    const store = RecordStore.for(handle);
    const orgs = new OrgService(handle.dataSource);
    const org = (await orgs.get()).org;
    const kpis = new KpiQueryService(store, orgs);
    const timed = timeStatements(store);
    const cases: ExplainCase[] = [
      ['enterprise by day, 90 days', { kind: 'enterprise' }, 'day', 90],
      ['enterprise by site, 90 days', { kind: 'enterprise' }, 'site', 90],
      ['enterprise by agent, 90 days', { kind: 'enterprise' }, 'agent', 90],
      ['site by day, 90 days', { kind: 'site', id: org.sites.find((s) => s.id !== 'unassigned')?.id ?? org.sites[0].id }, 'day', 90],
      ['team by agent, 30 days', { kind: 'team', id: org.teams[0].id }, 'agent', 30],
    ];
    await explainCases(store, kpis, timed, cases, Date.parse(toIso), `PostgreSQL, ${schema}`);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`explain-loaded: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
