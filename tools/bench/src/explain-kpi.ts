/*
 * Where a KPI query's time goes: `node -r ./tools/register.cjs tools/bench/src/explain-kpi.ts`
 * ingests the small world into PostgreSQL (BENCH_DATABASE_URL / TEST_DATABASE_URL, own schema)
 * or PGlite, runs the bench's 90-day enterprise queries through KpiQueryService with every SQL
 * statement timed, and prints EXPLAIN ANALYZE of the slowest. Evidence for docs/perf.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../../apps/api/src/app/database/open-database';
import { KpiQueryService } from '../../../apps/api/src/app/kpi/kpi-query.service';
import { DAILY_STATE_KEY, refreshDaily } from '../../../apps/api/src/app/rollup/daily-refresh';
import { refreshRepeats } from '../../../apps/api/src/app/rollup/fcr-repeats';
import { AGENT_TIME_THROUGH_KEY } from '../../../apps/api/src/app/rollup/rollup.service';
import { BENCH_END, makeWorld } from './bench-world';
import { benchIngest } from './ingest-bench';
import { dropSchema } from './pg-admin';
import { postgresUrl } from './run-bench';
import { SIZES } from './sizes';
import { explainCases, timeStatements, type ExplainCase } from './explain-statements';

const DAY = 86_400_000;

async function main(): Promise<void> {
  const size = SIZES[(process.argv[2] as 'tiny' | 'small' | undefined) ?? 'small'];
  const w = makeWorld(size);
  const pg = await postgresUrl();
  const schema = `fw_explain_${process.pid}`;
  const dataDir = pg ? null : mkdtempSync(join(tmpdir(), 'fw-explain-'));
  const handle = pg ? await openDatabase({ url: pg, schema, migrationsRun: true, poolSize: 4 }) : await openDatabase({ dataDir: dataDir as string, migrationsRun: true });
  try {
    const { stores } = await benchIngest(handle, w, pg ? 'PostgreSQL' : 'PGlite');
    const kpis = new KpiQueryService(stores.store, stores.orgs);
    const query = stores.store.query.bind(stores.store);
    const timed = timeStatements(stores.store);
    const to = Math.floor(BENCH_END / DAY) * DAY + DAY;
    const team = w.world.org.teams[0].id;
    const cases: ExplainCase[] = [
      ['enterprise by day, 90 days', { kind: 'enterprise' }, 'day', 90],
      ['enterprise by site, 90 days', { kind: 'enterprise' }, 'site', 90],
      ['site by day, 90 days', { kind: 'site', id: w.world.org.sites[0].id }, 'day', 90],
      ['team by agent, 30 days', { kind: 'team', id: team }, 'agent', 30],
    ];
    // The ingest hook's repeat refresh, for a batch's worth of contacts (the latest 5 000).
    const recent = await query<{ customer_key: string | null; e: number; x: number }>(
      `SELECT customer_key, (extract(epoch from enqueued_at) * 1000)::float8 AS e, (extract(epoch from ended_at) * 1000)::float8 AS x
         FROM contacts ORDER BY enqueued_at DESC LIMIT 5000`,
    );
    const touches = recent.map((r) => ({ customerKey: r.customer_key, enqueuedAt: r.e, endedAt: r.x }));
    await stores.store.transaction(async (tx) => {
      const t0 = performance.now();
      await refreshRepeats(tx, touches);
      process.stdout.write(`\n## ingest hook: refreshRepeats for 5 000 contacts: ${(performance.now() - t0).toFixed(1)} ms\n`);
    });
    // The daily hook: a batch of those contacts (their days are the current, incomplete ones), then
    // every day from scratch (what the first refresh of an existing database, or a day completing in every zone, costs at most).
    await stores.store.transaction(async (tx) => {
      let t0 = performance.now();
      const steady = await refreshDaily(tx, { contactIntervals: touches.flatMap((t) => [t.enqueuedAt, t.endedAt]), repeatIntervals: [], agentTimes: [] }, AGENT_TIME_THROUGH_KEY);
      process.stdout.write(`## ingest hook: refreshDaily for the same batch: ${(performance.now() - t0).toFixed(1)} ms (${steady.contactDays} contact days, ${steady.agentDays} agent days)\n`);
      await tx.query('DELETE FROM settings WHERE key = $1', [DAILY_STATE_KEY]);
      t0 = performance.now();
      const all = await refreshDaily(tx, { contactIntervals: [], repeatIntervals: [], agentTimes: [] }, AGENT_TIME_THROUGH_KEY);
      process.stdout.write(`## refreshDaily from scratch: ${(performance.now() - t0).toFixed(1)} ms (${all.contactDays} contact days, ${all.agentDays} agent days)\n`);
    });
    const [counts] = await query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM rollup_contacts_15m) AS c15, (SELECT count(*) FROM rollup_contacts_day) AS cday,
              (SELECT count(*) FROM rollup_agent_time_15m) AS a15, (SELECT count(*) FROM rollup_agent_time_day) AS aday`,
    );
    process.stdout.write(`## rows: contacts 15m ${counts['c15']}, day ${counts['cday']}; agent time 15m ${counts['a15']}, day ${counts['aday']}\n`);
    // A/B in the same process and conditions: the daily path off (no daily state: the reader
    // uses the 15-minute rows, as before the day rows existed) and on, alternating, 10 runs each.
    const state = await stores.store.getSetting<unknown>(DAILY_STATE_KEY);
    for (const [name, scope, by, days] of cases) {
      const q = { scope, by, from: to - days * DAY, to };
      const ms: Record<'off' | 'on', number[]> = { off: [], on: [] };
      for (let i = 0; i < 11; i++) {
        for (const mode of ['off', 'on'] as const) {
          if (mode === 'off') await query('DELETE FROM settings WHERE key = $1', [DAILY_STATE_KEY]);
          else await stores.store.setSetting(DAILY_STATE_KEY, state);
          const t0 = performance.now();
          await kpis.query(q);
          if (i > 0) ms[mode].push(performance.now() - t0); // the first pair warms up
        }
      }
      const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1].toFixed(1);
      process.stdout.write(`## A/B ${name}: 15-minute rows only ${med(ms.off)} ms, with day rows ${med(ms.on)} ms (service, median of 10)\n`);
    }
    await explainCases(stores.store, kpis, timed, cases, to, pg ? 'PostgreSQL' : 'PGlite');
  } finally {
    await handle.close().catch(() => undefined);
    if (pg) await dropSchema(pg, schema);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    rmSync(w.dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`explain-kpi: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
