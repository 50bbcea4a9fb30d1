import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../../apps/api/src/app/database/open-database';
import { RecordStore } from '../../../apps/api/src/app/database/record-store';
import { IngestEvents } from '../../../apps/api/src/app/ingest/ingest-events';
import { IngestService } from '../../../apps/api/src/app/ingest/ingest.service';
import { OrgService } from '../../../apps/api/src/app/org/org.service';
import { ROLLUP_PENDING_KEY, type PendingSpan } from '../../../apps/api/src/app/rollup/rollup-rebuild';
import { RollupService } from '../../../apps/api/src/app/rollup/rollup.service';
import { SelfServiceKpiOverlay } from '../../../apps/api/src/app/selfservice/selfservice-kpi-overlay';
import { startApi, timeRequests } from './kpi-bench';
import { dropSchema } from './pg-admin';
import { round, type BenchFigure, type BenchSize } from './sizes';

const DAY = 86_400_000;
const iso = (t: number): string => new Date(t).toISOString();
/** Self-service sessions per size: `full` is performance.md's population (5 000 agents' sites, 90 days ≈ 10 M sessions). */
export const SESSIONS_BY_SIZE: Record<BenchSize['name'], number> = { tiny: 100_000, small: 1_000_000, full: 10_000_000 };
const SITES = [['lon', 'London', 'Europe/London'], ['mnl', 'Manila', 'Asia/Manila'], ['chi', 'Chicago', 'America/Chicago']] as const;

/**
 * The population, written server-side in one set-based INSERT … SELECT from generate_series (the
 * fastest bulk path PostgreSQL has, faster than COPY from the client): 6 entry points (an IVR and a
 * chatbot per site), 8 intents, 12 menu nodes, 70 % of callers known among 2 M customers;
 * outcomes ~40 % contained, 35 % transferred, 15 % abandoned (a third of them under 10 s), 2 % error.
 */
const POPULATE_SQL = `
INSERT INTO selfservice_sessions (session_id, source, customer_key, channel, entry_point, started_at, ended_at, outcome, intent, last_node,
  id_attempted, id_passed, transferred_contact_id, reason_missing, linkable, version_ms, line_number, content_hash)
SELECT 'b' || g, 'bench', CASE WHEN h % 10 < 7 THEN 'cust' || (h2 % 2000000) END, CASE WHEN h % 3 = 0 THEN 'chatbot' ELSE 'ivr' END,
  (ARRAY['lon', 'mnl', 'chi'])[1 + h % 3] || CASE WHEN h % 3 = 0 THEN '-bot' ELSE '-ivr' END,
  st, st + make_interval(secs => CASE WHEN o = 'abandoned' AND h2 % 3 = 0 THEN 4 ELSE 20 + h2 % 400 END), o,
  'intent-' || (h2 % 8), 'node-' || (h % 12), h2 % 5 < 3, CASE WHEN h2 % 5 < 3 THEN h % 5 <> 0 END,
  CASE WHEN o = 'transferred' THEN 'c' || g END, false, false, 0, 0, ''
FROM generate_series(1, $1::int) AS g,
  LATERAL (SELECT abs(hashint8(g::bigint))::bigint AS h, abs(hashint8(g::bigint * 7919))::bigint AS h2) x,
  LATERAL (SELECT $2::timestamptz + make_interval(secs => (g::float8 / $1::int) * $3::float8) AS st,
    CASE WHEN x.h2 % 100 < 40 THEN 'contained' WHEN x.h2 % 100 < 75 THEN 'transferred' WHEN x.h2 % 100 < 90 THEN 'abandoned' WHEN x.h2 % 100 < 92 THEN 'error' ELSE 'contained' END AS o) y`;

/**
 * `--only sessions`: the self-service KPIs over a full 90 days of sessions on PostgreSQL —
 * populate, the product's rollup rebuild (RollupService.rebuild), then HTTP p50/p95 of
 * GET /kpis by site and by day (performance.md: < 100 ms p95), and one raw-path query beside them.
 */
export async function sessionFigures(url: string, size: BenchSize, progress: (line: string) => void = () => undefined): Promise<BenchFigure[]> {
  const n = Number(process.env['BENCH_SESSIONS'] ?? SESSIONS_BY_SIZE[size.name]);
  const schema = `fw_bench_${process.pid}_sessions`;
  const handle = await openDatabase({ url, schema, migrationsRun: true, poolSize: 4 });
  const out: BenchFigure[] = [];
  const label = `${(n / 1e6).toFixed(1)} M sessions, 90 days, 3 sites`;
  try {
    const store = RecordStore.for(handle);
    const to = Math.floor(Date.parse('2026-11-25T00:00:00Z') / DAY) * DAY;
    const from = to - 90 * DAY;
    for (const [id, name, tz] of SITES) {
      await store.query('INSERT INTO sites (id, name, timezone) VALUES ($1, $2, $3)', [id, name, tz]);
      for (const kind of ['ivr', 'bot']) await store.query(`INSERT INTO entry_points (id, name, site_id, aliases) VALUES ($1, $2, $3, '[]')`, [`${id}-${kind}`, `${name} ${kind}`, id]);
    }
    progress(`sessions: writing ${n} sessions`);
    let t = performance.now();
    await store.query(POPULATE_SQL, [n, new Date(from), 90 * 86_400]);
    await store.query('ANALYZE selfservice_sessions');
    const writeS = (performance.now() - t) / 1000;
    progress(`sessions: rollup rebuild`);
    const span: PendingSpan = { contactsFrom: null, contactsTo: null, agentFrom: null, sessionsFrom: from, sessionsTo: to };
    await store.setSetting(ROLLUP_PENDING_KEY, span);
    t = performance.now();
    const report = await store.transaction((tx) => new RollupService().rebuild(tx));
    await store.query('ANALYZE rollup_sessions_15m, rollup_sessions_ep_15m, rollup_sessions_ep_day, rollup_sessions_dim_day');
    const rebuildS = (performance.now() - t) / 1000;
    const count = async (table: string): Promise<number> => Number((await store.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
    const rows = await count('rollup_sessions_15m');
    const tables = { rollupRows: rows, epRows: await count('rollup_sessions_ep_15m'), epDayRows: await count('rollup_sessions_ep_day'), dimDayRows: await count('rollup_sessions_dim_day') };
    progress(`sessions: rows ${JSON.stringify(tables)}`);
    out.push({ name: 'self-service sessions: write + rollup rebuild', size: label, value: round(rebuildS, 1), unit: 's', details: { writeSeconds: round(writeS, 1), rebuildSeconds: round(rebuildS, 1), sessionIntervals: report.sessionIntervals, sessionsMs: report.ms.sessions, ...tables } });

    // Rows the day-row reads scan (EXPLAIN ANALYZE of the reader's shape over the 90 UTC days).
    for (const [what, sql] of [
      ['ep day rows, UTC', `SELECT entry_point, sum(offered) FROM rollup_sessions_ep_day r WHERE r.day_zone = 'UTC' AND r.day >= $1::date AND r.day < $2::date GROUP BY 1`],
      ['dim day rows, last node', `SELECT entry_point, dim_key, sum(offered) FROM rollup_sessions_dim_day r WHERE r.day_zone = 'UTC' AND r.day >= $1::date AND r.day < $2::date AND r.dim = 'n' GROUP BY 1, 2`],
    ] as const) {
      const plan = await store.query<Record<string, string>>(`EXPLAIN (ANALYZE, TIMING OFF) ${sql}`, [iso(from).slice(0, 10), iso(to).slice(0, 10)]);
      progress(`sessions: EXPLAIN ANALYZE ${what}:\n${plan.map((r) => Object.values(r)[0]).join('\n')}`);
    }
    const orgs = new OrgService(handle.dataSource);
    const api = await startApi(handle, { store, orgs, ingest: new IngestService(store, orgs, new IngestEvents()) });
    try {
      const queries: [string, Record<string, string>][] = [
        ['KPI query: self-service, enterprise by site, 90 days', { scope: 'enterprise', by: 'site', from: iso(from), to: iso(to) }],
        ['KPI query: self-service, enterprise by day, 90 days', { scope: 'enterprise', by: 'day', from: iso(from), to: iso(to) }],
        ['KPI query: self-service, site by day, 90 days', { scope: 'site:chi', by: 'day', from: iso(from), to: iso(to) }],
        ['KPI query: self-service, enterprise by last node, 90 days', { scope: 'enterprise', by: 'lastNode', from: iso(from), to: iso(to) }],
        ['KPI query: self-service, enterprise by intent, 90 days', { scope: 'enterprise', by: 'intent', from: iso(from), to: iso(to) }],
        ['KPI query: self-service, site by site, 90 days', { scope: 'site:lon', by: 'site', from: iso(from), to: iso(to) }],
      ];
      for (const [name, q] of queries) {
        progress(`sessions: ${name}`);
        const r = await timeRequests(api, q, size.requests);
        out.push({ name, size: label, value: r.p95, unit: 'ms p95', details: { p50: r.p50, rows: r.rows, requests: size.requests, goalMs: 100 } });
      }
    } finally {
      await api.app.close();
    }
    // The session part alone (the overlay on the rollups, in process): what of the HTTP time is the sessions'.
    const rolledOverlay = new SelfServiceKpiOverlay(store);
    for (const by of ['site', 'day', 'lastNode', 'intent'] as const) {
      const org0 = await store.loadOrg();
      // asOf = to, as GET /kpis takes it here (latest event: none): asOf − W lies inside the window.
      const q = { scope: { kind: 'enterprise' as const }, from, to, asOf: to, by };
      await rolledOverlay.apply([], org0, q);
      const ms: number[] = [];
      for (let i = 0; i < size.requests; i++) {
        const t0 = performance.now();
        await rolledOverlay.apply([], org0, q);
        ms.push(performance.now() - t0);
      }
      ms.sort((a, b) => a - b);
      out.push({ name: `self-service overlay alone (rollups), enterprise by ${by}, in-process`, size: label, value: round(ms[Math.floor(ms.length / 2)], 1), unit: 'ms p50', details: { max: round(ms[ms.length - 1], 1), days: rolledOverlay.lastRolledDays } });
    }
    // The same by-site answer from raw sessions (the path before the rollup), once: the A/B beside the
    // figures. Not above 2 M sessions: it holds every session of the window in memory (19 s at 1 M).
    if (n > 2_000_000) return out;
    progress('sessions: raw path once');
    const overlay = new SelfServiceKpiOverlay(store);
    overlay.useRollup = false;
    const org = await store.loadOrg();
    t = performance.now();
    await overlay.apply([], org, { scope: { kind: 'enterprise' }, from, to, asOf: to, by: 'site' });
    out.push({ name: 'self-service by site 90 days, raw sessions (before the rollup), in-process', size: label, value: round(performance.now() - t, 0), unit: 'ms', details: { requests: 1 } });
  } finally {
    await handle.close().catch(() => undefined);
    await dropSchema(url, schema);
  }
  return out;
}
