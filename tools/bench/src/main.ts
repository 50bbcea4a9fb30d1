import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { runBench } from './run-bench';
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
    .parse(process.argv);
  const opts = program.opts<{ size: string; out: string }>();
  if (!(opts.size in SIZES)) {
    process.stderr.write(`bench: --size must be one of ${Object.keys(SIZES).join(', ')}, got "${opts.size}"\n`);
    process.exit(2);
  }
  const size = SIZES[opts.size as BenchSize['name']];
  process.stdout.write(`Floorwatch bench, size ${size.name} (${size.agents} agents x ${size.days} days simulated)\n`);
  const report = await runBench(size, (f) => process.stdout.write(line(f) + '\n'));
  mkdirSync(join(opts.out, '..'), { recursive: true });
  writeFileSync(opts.out, JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(`wrote ${opts.out}\n`);
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
