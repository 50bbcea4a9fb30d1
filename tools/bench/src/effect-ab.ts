import { performance } from 'node:perf_hooks';
import { generateWorld } from '@floorwatch/simulator';
import { backfillWorld } from '../../../apps/api/src/app/demo/demo-backfill';
import { NO_PROGRESS } from '../../../apps/api/src/app/demo/demo-progress';
import { services } from '../../../apps/api/src/app/ingest/ingest-test-kit';
import { ActivityEffectService } from '../../../apps/api/src/app/training/activity-effect.service';
import { withTestDatabase } from '../../../apps/api/src/testing/test-database';

/*
 * Interleaved A/B of the activity effect's two read paths on the case issue 25 measured: London,
 * 61 days, by course (grouped agent × day rollup reads vs a `by: day` KPI query per agent), on the
 * follow-ups' world (London only, 30 agents, 30 days, seed 42; the course and the coaching in it).
 * `node -r ./tools/register.cjs tools/bench/src/effect-ab.ts [rounds]`; TEST_DATABASE_URL for
 * PostgreSQL, else PGlite. Prints each path's median and CPU time, and checks both answers agree.
 */
async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 5);
  const now = Date.parse('2027-07-01T15:30:00Z');
  const db = await withTestDatabase();
  try {
    const svc = services(db);
    const t0 = performance.now();
    await backfillWorld(svc.ingest, () => generateWorld({ seed: 42, days: 30, endAt: now, agents: 30, sites: ['lon'] }), NO_PROGRESS);
    process.stdout.write(`world ingested in ${((performance.now() - t0) / 1000).toFixed(1)} s (${db.mode})\n`);
    const effect = new ActivityEffectService(db.store, svc.kpis);
    const org = await svc.orgs.get();
    const run = async (grouped: boolean): Promise<{ ms: number; cpuMs: number; json: string }> => {
      effect.groupedReads = grouped;
      const [t, cpu] = [performance.now(), process.cpuUsage()];
      const res = await effect.effect({ kind: 'site', id: 'lon' }, now - 61 * 86_400_000, now, org, { by: 'name', days: 10, kpis: ['ahtSeconds', 'adherencePct', 'fcrPct', 'contactsPerProductiveHour', 'handledPerDay'], asOf: now });
      const used = process.cpuUsage(cpu);
      return { ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000, json: JSON.stringify(res) };
    };
    await run(true);
    await run(false);
    const a: number[][] = [];
    const b: number[][] = [];
    for (let i = 0; i < rounds; i++) {
      const ref = await run(false);
      const grouped = await run(true);
      if (ref.json !== grouped.json) throw new Error('the two paths disagree');
      a.push([ref.ms, ref.cpuMs]);
      b.push([grouped.ms, grouped.cpuMs]);
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    const line = (name: string, xs: number[][]) =>
      `${name}: median ${median(xs.map((x) => x[0])).toFixed(1)} ms wall, ${median(xs.map((x) => x[1])).toFixed(1)} ms CPU of this process (runs: ${xs.map((x) => x[0].toFixed(0)).join(', ')})\n`;
    process.stdout.write(line('per-agent KPI queries (before)', a) + line('grouped rollup reads (after)', b));
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
