import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { BENCH_PARTS, runBench, type BenchPart } from './run-bench';
import { SIZES, type BenchFigure, type BenchSize } from './sizes';

function line(f: BenchFigure): string {
  if (f.skipped) return `- ${f.name}: skipped: ${f.skipped}`;
  const details = f.details ? ` ${JSON.stringify(f.details)}` : '';
  return `- ${f.name}: ${f.value} ${f.unit}  [data: ${f.size}]${details}`;
}

async function main(): Promise<void> {
  const program = new Command('bench')
    .option('--size <size>', 'tiny | small (CI) | full (by hand)', 'small')
    .option('--out <file>', 'results file', join('bench', 'results.json'))
    .option('--agents <n>', 'full only: agents of the loaded world (default 5000)')
    .option('--days <n>', 'full only: days of the loaded world (default 90)')
    .option('--only <parts>', `comma-separated subset of ${BENCH_PARTS.join(', ')}`)
    .option('--keep-loaded', 'full only: keep the loaded world schema and reuse it next run')
    .parse(process.argv);
  const opts = program.opts<{ size: string; out: string; agents?: string; days?: string; only?: string; keepLoaded?: boolean }>();
  if (!(opts.size in SIZES)) fail(`--size must be one of ${Object.keys(SIZES).join(', ')}, got "${opts.size}"`);
  let size = SIZES[opts.size as BenchSize['name']];
  if (opts.agents !== undefined || opts.days !== undefined) {
    if (!size.loaded) fail('--agents/--days size the loaded world of --size full');
    const agents = Number(opts.agents ?? size.loaded.agents);
    const days = Number(opts.days ?? size.loaded.days);
    if (!Number.isInteger(agents) || agents < 30) fail(`--agents must be a whole number >= 30, got "${opts.agents}"`);
    if (!Number.isInteger(days) || days < 1) fail(`--days must be a whole number >= 1, got "${opts.days}"`);
    size = { ...size, loaded: { agents, days } };
  }
  const only = opts.only?.split(',').map((p) => p.trim());
  const unknown = only?.filter((p) => !(BENCH_PARTS as readonly string[]).includes(p)) ?? [];
  if (unknown.length) fail(`--only: unknown part(s) ${unknown.join(', ')}; known: ${BENCH_PARTS.join(', ')}`);
  const loaded = size.loaded ? `; ${size.loaded.agents} agents x ${size.loaded.days} days loaded for the PostgreSQL queries` : '';
  process.stdout.write(`Floorwatch bench, size ${size.name} (${size.agents} agents x ${size.days} days simulated${loaded})\n`);
  const report = await runBench(size, (f) => process.stdout.write(line(f) + '\n'), {
    only: only as BenchPart[] | undefined,
    keepLoaded: opts.keepLoaded ?? false,
    progress: (l) => process.stderr.write(`  ${l}\n`),
  });
  mkdirSync(join(opts.out, '..'), { recursive: true });
  writeFileSync(opts.out, JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(`wrote ${opts.out}\n`);
  process.exit(0);
}

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
