import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { round, type BenchFigure } from './sizes';

const ROOT = join(__dirname, '..', '..', '..');
const RUNS = 5;

interface Timed {
  ms: number;
  /** CPU the child used (user + system), less sensitive than wall time to a busy machine. */
  cpuMs: number;
}

/** Wall and CPU time of `node <args>` in a process of its own. */
function timeNode(args: string[], env: NodeJS.ProcessEnv): Timed {
  const t0 = process.hrtime.bigint();
  // The shell's `times` prints its own, then its children's user and system time: the CPU node used.
  const r = spawnSync('sh', ['-c', 'node "$@" >/dev/null || exit 1; times', 'sh', ...args], { cwd: ROOT, env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${r.stderr.trim().split('\n').pop()}`);
  const children = r.stdout.trim().split('\n').pop() ?? '';
  const cpu = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + Number(m[1]) * 60 + Number(m[2]), 0);
  return { ms, cpuMs: round(cpu * 1000, 0) };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Issue 21: `fw --help` < 0.5 s and `fw kpi` < 1.5 s from the compiled CLI (npm run build), against
 * 3.5 s / 6 s when each start compiled the TypeScript. The CLI is built into a folder of its own;
 * `fw kpi` runs on a small demo world (`fw simulate --backfill-only`, 2 days x 30 agents) in an
 * embedded store. Median of 5 runs each; one run from the TypeScript for comparison.
 */
export async function cliStartFigures(): Promise<BenchFigure[]> {
  mkdirSync(join(ROOT, 'tmp'), { recursive: true });
  const out = mkdtempSync(join(ROOT, 'tmp', 'bench-cli-'));
  try {
    const b = spawnSync(process.execPath, ['tools/build/build-node.mjs', 'cli', '--outdir', out], { cwd: ROOT, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
    const env = { ...process.env, DATABASE_URL: '', NODE_OPTIONS: '', FLOORWATCH_DATA_DIR: join(out, 'data') };
    const built = join(out, 'tools', 'cli', 'main.js');
    const sim = spawnSync(process.execPath, [built, 'simulate', '--days', '2', '--agents', '30', '--backfill-only'], { cwd: ROOT, env, encoding: 'utf8' });
    if (sim.status !== 0) throw new Error(`fw simulate failed: ${sim.stderr.trim().split('\n').pop()}`);
    const to = new Date();
    to.setUTCHours(0, 0, 0, 0);
    const from = new Date(to.getTime() - 86_400_000);
    const kpi = ['kpi', '--from', from.toISOString(), '--to', to.toISOString(), '--by', 'site'];
    const source = ['-r', './tools/register.cjs', 'tools/cli/src/main.ts'];
    const figures: BenchFigure[] = [];
    for (const [name, args, goal] of [
      ['fw --help, compiled CLI', ['--help'], 500],
      ['fw kpi (enterprise by site, 1 day), compiled CLI', kpi, 1500],
    ] as const) {
      const runs = Array.from({ length: RUNS }, () => timeNode([built, ...args], env));
      const ts = timeNode([...source, ...args], env);
      figures.push({
        name,
        size: 'demo world 2 days x 30 agents, PGlite',
        value: round(median(runs.map((r) => r.ms)), 0),
        unit: 'ms (median of 5)',
        details: { maxMs: round(Math.max(...runs.map((r) => r.ms)), 0), cpuMs: median(runs.map((r) => r.cpuMs)), goalMs: goal, fromTypeScriptMs: round(ts.ms, 0), fromTypeScriptCpuMs: ts.cpuMs },
      });
    }
    return figures;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
