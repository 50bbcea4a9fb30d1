import { Command } from 'commander';
import type { TrainingOptions } from './commands/training-actions';
import type { FollowOptions } from './commands/follow';
import type { ConnectStreamOptions } from './commands/connect-stream';
import { UsageError } from './usage-error';
import type { KpiOptions } from './commands/kpi';
import type { PreparedDatabase } from './cli-database';
import type { SimulateOptions } from './commands/simulate';
import type { DriversOptions } from './commands/drivers';
import type { HotlineOptions } from './commands/hotline';

// Each command's implementation (NestJS, TypeORM, the AWS SDK...) is imported when the command
// runs, not when the tree is built: `fw --help` and usage errors then load commander only.
const actionReports = () => import('./commands/action-reports');
const alertsCommands = () => import('./commands/alerts');
const training = () => import('./commands/training-actions');
const quarantine = () => import('./commands/quarantine');
const kpi = () => import('./commands/kpi');

/**
 * `fw kpi` and `fw staffing`: PGlite's worker starts before the command's own modules load, so the
 * two overlap (cli-database.ts); it is ended if the command fails before opening the database.
 */
async function leanRead(run: (commands: Awaited<ReturnType<typeof kpi>>, db: PreparedDatabase) => Promise<void>): Promise<void> {
  const { prepareDatabase, discardDatabase } = await import('./cli-database');
  const db = prepareDatabase();
  try {
    await run(await kpi(), db);
  } finally {
    discardDatabase(db);
  }
}

export interface CliIo {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  /** `fw serve`: starts the API and resolves once it listens (the process then keeps running). */
  serve: () => Promise<unknown>;
}

/** The `fw` command tree. Actions throw; main.ts turns errors into one stderr line and an exit code. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('fw')
    .description('Floorwatch: contact-centre workforce analytics (same code paths as the API)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out.write(s), writeErr: (s) => io.err.write(s), outputError: () => undefined })
    .showSuggestionAfterError(false);

  program
    .command('ingest')
    .description('ingest feed files (- = standard input); prints {"read","accepted","duplicates","quarantined","reasons"}')
    .option('--format <format>', 'queue_log, connect-ctr, connect-agent-events, contacts-ndjson, agent-states-ndjson, wfm-schedule, wfm-forecast, survey, org (required; with --follow default queue_log)')
    .option('--bulk', 'history backfill: rollups deferred while the files load and rebuilt once at the end (not for a feed a live floor is watching)')
    .option('--follow', 'follow one growing file like tail -F (rotation, copytruncate, restarts) until SIGTERM; prints the summary then')
    .option('--to <url>', 'with --follow: ship to a remote Floorwatch (http(s)://host) instead of this database')
    .option('--token <jwt>', 'with --to: access token of a user allowed to ingest (or FW_TOKEN)')
    .option('--token-file <file>', 'with --to: read the token from this file')
    .option('--state <file>', 'with --to: position file (default .<name>.fw-follow.json beside the followed file)')
    .option('--source <name>', 'with --follow: source name stored with quarantined lines (default the absolute path)')
    .option('--poll-ms <n>', 'with --follow: look at the file every n ms when idle', '100')
    .option('--verbose', 'with --follow: one stderr line per stored batch')
    .option('--no-hotline', 'raise no HOTLINE cases for these survey responses (backfills)')
    .argument('<files...>', 'files to ingest, in order (one with --follow)')
    .action((files: string[], o: FollowOptions & { format?: string; bulk?: boolean; follow?: boolean; hotline?: boolean }) => {
      if (o.follow) {
        if (files.length !== 1) throw new UsageError('--follow takes exactly one file');
        if (o.bulk) throw new UsageError('--bulk is for backfills, not --follow');
        return import('./commands/follow').then((m) => m.followCommand(files[0], o, io.out, io.err));
      }
      if (o.to !== undefined) throw new UsageError('--to goes with --follow');
      if (o.format === undefined) throw new UsageError("required option '--format <format>' not specified");
      const format = o.format;
      return import('./commands/ingest').then((m) => m.ingestCommand(format, files, io.out, { bulk: o.bulk === true, hotline: o.hotline !== false }));
    });

  program
    .command('connect-stream')
    .description('Amazon Connect Kinesis streams (CTRs, agent events) into the database until SIGTERM; checkpoints per shard in feed_state; AWS_REGION, credentials and AWS_ENDPOINT_URL_KINESIS from the environment')
    .option('--ctr-stream <name>', 'the contact trace record stream')
    .option('--agent-stream <name>', 'the agent event stream')
    .option('--endpoint <url>', 'Kinesis endpoint (default: the AWS environment)')
    .option('--poll-ms <n>', 'wait between reads when the streams are idle', '1000')
    .action(async (o: ConnectStreamOptions) => (await import('./commands/connect-stream')).connectStreamCommand(o, io.out, io.err));

  program
    .command('kpi')
    .description('KPIs as JSON: {"scope","from","to","asOf","rows":[{"key","kpis"}]}')
    .requiredOption('--from <iso>', 'window start (inclusive)')
    .requiredOption('--to <iso>', 'window end (exclusive)')
    .option('--as-of <iso>', 'default: the latest event ingested')
    .option('--scope <scope>', 'enterprise | site:<id> | team:<id> | agent:<id> | queue:<id>', 'enterprise')
    .option('--by <group>', 'agent|team|site|queue|reason|channel|day|hour|interval|mainChannel|channelChain|direction')
    .option('--tz <iana>', 'time zone of day/hour groups')
    .action((o: KpiOptions) => leanRead((m, db) => m.kpiCommand(o, io.out, db)));

  program
    .command('drivers')
    .description('drivers of a customer outcome (customer.md): {"outcome","scope","from","to","modelN","drivers","bands","groups?"}')
    .requiredOption('--outcome <outcome>', 'csat | trust | repurchase | nps')
    .requiredOption('--from <iso>', 'window start (inclusive)')
    .requiredOption('--to <iso>', 'window end (exclusive)')
    .option('--scope <scope>', 'enterprise | site:<id> | team:<id> | agent:<id> | queue:<id>', 'enterprise')
    .option('--by <group>', 'mainChannel | channelChain')
    .action(async (o: DriversOptions) => (await import('./commands/drivers')).driversCommand(o, io.out));

  program
    .command('hotline')
    .description('HOTLINE cases (read-only), or with --report the monthly report: JSON')
    .option('--state <state>', 'open | acknowledged | actioned | closed')
    .option('--scope <scope>', 'enterprise | site:<id> | team:<id> | agent:<id> | queue:<id>')
    .option('--from <iso>', 'responses from (inclusive)')
    .option('--to <iso>', 'responses to (exclusive)')
    .option('--report', 'the monthly report (needs --month)')
    .option('--month <yyyy-mm>', 'report month')
    .option('--tz <iana>', 'report time zone (default UTC)')
    .option('--format <format>', 'report: json | csv', 'json')
    .action(async (o: HotlineOptions) => (await import('./commands/hotline')).hotlineCommand(o, io.out));

  program
    .command('staffing')
    .description('required, scheduled and actual agents per 15-minute interval of a site')
    .requiredOption('--site <id>', 'site id')
    .requiredOption('--from <iso>', 'start')
    .requiredOption('--to <iso>', 'end (at most 31 days after --from)')
    .action((o: { site: string; from: string; to: string }) => leanRead((m, db) => m.staffingCommand(o, io.out, db)));

  program
    .command('quarantine')
    .description('quarantined lines, and queue_log calls still open 4 h after the latest event (reason "incomplete")')
    .option('--source <file>', 'only lines from this source')
    .option('--limit <n>', 'at most this many items', '1000')
    .action(async (o: { source?: string; limit?: string }) => (await quarantine()).quarantineCommand(o, io.out));

  program
    .command('org')
    .description('organisation tools')
    .command('unmapped')
    .description('agents and queues seen in feeds but not in the org (created under site "unassigned")')
    .action(async () => (await quarantine()).unmappedCommand(io.out));

  const alerts = program
    .command('alerts')
    .description('alert instances as JSON (spec/action.md); `fw alerts replay` tunes a rule on stored data')
    .option('--status <status>', 'open | acknowledged | resolved | active')
    .action(async (o: { status?: string }) => (await alertsCommands()).alertsCommand(o, io.out));
  alerts
    .command('replay')
    .description('what the minute ticks of [from, to) open and resolve on stored data (every rule, disabled ones too); stores nothing')
    .requiredOption('--from <iso>', 'first tick (inclusive)')
    .requiredOption('--to <iso>', 'end (exclusive; at most 31 days)')
    .option('--rule <id|name>', 'only this rule')
    .action(async (o: { from: string; to: string; rule?: string }) => (await alertsCommands()).alertsReplayCommand(o, io.out));

  program
    .command('forecast-accuracy')
    .description('forecast volume/AHT error, WAPE and the staffing gap split of a site (spec/action.md)')
    .requiredOption('--site <id>', 'site id')
    .requiredOption('--from <iso>', 'start')
    .requiredOption('--to <iso>', 'end (at most 31 days after --from)')
    .option('--by <group>', 'interval | day | queue', 'day')
    .option('--as-of <iso>', 'default: the latest event ingested')
    .action(async (o: { site: string; from: string; to: string; by: string; asOf?: string }) => (await actionReports()).forecastAccuracyCommand(o, io.out));

  program
    .command('bonus')
    .description('the agent\'s bonus tracker: adherence needed for the rest of the period')
    .requiredOption('--agent <id>', 'agent id')
    .option('--as-of <iso>', 'default: the latest event ingested')
    .option('--period <period>', 'quarter | month', 'quarter')
    .action(async (o: { agent: string; asOf?: string; period: string }) => (await actionReports()).bonusCommand(o, io.out));

  program
    .command('actions')
    .description('corrective actions with their measured effect (spec/action.md)')
    .option('--scope <scope>', 'only actions on this scope or under it')
    .option('--from <iso>', 'effective from')
    .option('--to <iso>', 'effective before')
    .option('--by <group>', 'causeCode')
    .option('--as-of <iso>', 'default: the latest event ingested')
    .action(async (o: { scope?: string; from?: string; to?: string; by?: string; asOf?: string }) => (await training()).actionsCommand(o, io.out));

  for (const [name, what, run] of [
    ['activities', 'the training and coaching register', 'activitiesCommand'],
    ['activity-effect', 'training and coaching effectiveness: before/after, control group, DiD, cost, payback', 'activityEffectCommand'],
  ] as const) {
    program
      .command(name)
      .description(what)
      .option('--scope <scope>', 'enterprise | site:<id> | team:<id> | agent:<id>', 'enterprise')
      .requiredOption('--from <iso>', 'activities starting from')
      .requiredOption('--to <iso>', 'activities starting before')
      .option('--by <group>', 'agent | name', 'name')
      .option('--days <n>', 'working days before and after (W)', '10')
      .option('--kpis <list>', 'ahtSeconds,adherencePct,fcrPct,contactsPerProductiveHour,handledPerDay')
      .option('--as-of <iso>', 'default: the latest event ingested')
      .action(async (o: TrainingOptions) => (await training())[run](o, io.out));
  }

  program
    .command('serve')
    .description('start the API (PORT, HOST, DATABASE_URL or FLOORWATCH_DATA_DIR from the environment)')
    .action(async () => {
      await io.serve();
    });

  program
    .command('simulate')
    .description('the demo world of `npm start` on the database: backfill through ingest (first run), demo users, then the live simulator until Ctrl-C')
    .option('--days <n>', 'full days of history', '30')
    .option('--seed <n>', 'random seed', '42')
    .option('--agents <n>', 'agents across all sites', '300')
    .option('--speed <n>', 'simulated seconds per real second for the live stream', '1')
    .option('--backfill-only', 'stop after the backfill (or the catch-up of a seeded database)')
    .option('--out <dir>', 'only write the world as feed files into this directory')
    .option('--end <iso>', 'with --out: the instant the world runs to (default now)')
    .option('--ingest', 'with --out: also ingest the written files')
    .action(async (o: SimulateOptions) => (await import('./commands/simulate')).simulateCommand(o, io.out));

  return program;
}
