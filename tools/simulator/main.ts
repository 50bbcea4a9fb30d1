import { Command, InvalidArgumentError } from 'commander';
import { generateWorld, writeFeeds } from '@floorwatch/simulator';

function int(name: string) {
  return (v: string): number => {
    if (!/^-?\d+$/.test(v)) throw new InvalidArgumentError(`${name} must be a whole number, got "${v}"`);
    return Number(v);
  };
}

const program = new Command('simulator').description('Floorwatch demo-world generator (seeded, deterministic)').exitOverride();

program
  .command('backfill')
  .description('write history up to now (or --end) in the real feed formats')
  .requiredOption('--out <dir>', 'output directory')
  .option('--days <n>', 'full days of history', int('--days'), 30)
  .option('--seed <n>', 'random seed', int('--seed'), 42)
  .option('--agents <n>', 'agents across all sites', int('--agents'), 300)
  .option('--sites <ids>', 'comma-separated site ids (lon,mnl,chi)')
  .option('--end <iso>', 'the instant the world runs to (default now)')
  .action((o: { out: string; days: number; seed: number; agents: number; sites?: string; end?: string }) => {
    const endAt = o.end ? Date.parse(o.end) : Date.now();
    if (Number.isNaN(endAt)) throw new InvalidArgumentError(`--end "${o.end}" is not an ISO date`);
    const t0 = Date.now();
    const world = generateWorld({ seed: o.seed, days: o.days, endAt, agents: o.agents, sites: o.sites?.split(',').map((s) => s.trim()) });
    const t1 = Date.now();
    const files = writeFeeds(world, o.out);
    const t2 = Date.now();
    process.stdout.write(
      JSON.stringify(
        {
          seed: o.seed,
          endAt: new Date(endAt).toISOString(),
          counts: { agents: world.org.agents.length, teams: world.org.teams.length, schedule: world.schedule.length, forecasts: world.forecasts.length, stateEvents: world.stateEvents.length, contacts: world.contacts.length, surveys: world.surveys.length },
          files: files.map((f) => ({ format: f.format, file: f.file, records: f.records })),
          elapsedMs: { generate: t1 - t0, write: t2 - t1, total: t2 - t0 },
        },
        null,
        2,
      ) + '\n',
    );
  });

try {
  program.parse(process.argv);
} catch (e) {
  const err = e as { code?: string; message?: string; exitCode?: number };
  if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') process.exit(0);
  // commander has already printed its own usage errors.
  if (!err.code?.startsWith('commander.')) process.stderr.write(`${err.message ?? String(e)}\n`);
  process.exit(err.code?.startsWith('commander.') ? 2 : 1);
}
