import { Inject, Injectable, Logger, Optional, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { ScenarioFacts, World } from '@floorwatch/simulator';
import { ensureDefaultAlertRules } from '../alerts/default-rules';
import { UsersService } from '../auth/users.service';
import { RecordStore } from '../database/record-store';
import { IngestService } from '../ingest/ingest.service';
import { KpiQueryService } from '../kpi/kpi-query.service';
import { OrgService } from '../org/org.service';
import { TargetsService } from '../targets/targets.service';
import type { RebuildReport } from '../rollup/rollup-rebuild';
import { backfillWorld } from './demo-backfill';
import { ageDemoHotlineCases } from '../customer/demo-hotline';
import type { DemoConfig } from './demo-config';
import { LiveSimulator } from './demo-live';
import { NO_PROGRESS, progressBar, type Progress } from './demo-progress';
import { demoBanner, plantScenarioSetup } from './demo-scenarios';
import { WaitingSources } from '../queue-now/waiting-sources';
import { waitingInWorld } from './demo-waiting';
import { plantFollowUps } from './demo-follow-ups';
import { IngestEvents } from '../ingest/ingest-events';
import { FeedHealthStore } from '../feeds-health/feed-health.store';
import { recordedIngest } from '../feeds-health/recorded-ingest';
import type { FeedFormat, IngestSummary } from '@floorwatch/contracts';
import { DEMO_SEED_SETTING, liveDaysFor, publishPlan, slimWorld, worldOf, type DemoSeed } from './demo-world';

export const DEMO_CONFIG = Symbol('DEMO_CONFIG');

export interface DemoRuntimeOptions extends DemoConfig {
  /** Shown in the banner (default http://localhost:$PORT). */
  url?: string;
  /** Progress output; tests pass NO_PROGRESS. */
  progress?: (title: string, total: number) => Progress;
  /** Where the banner and timings go (default stdout). */
  print?: (line: string) => void;
  /** The instant "now" (tests pin it). */
  now?: () => number;
}

export type DemoStatus = 'preparing' | 'ready' | 'failed';

/**
 * Demo mode (FLOORWATCH_DEMO=1): on the first start, backfills the seeded world through the
 * ingest path and plants the scenarios; on later starts, replays the missed time (capped);
 * then runs the live simulator. Runs during bootstrap, so the API listens once data is ready.
 */
@Injectable()
export class DemoService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('Demo');
  private seed: DemoSeed | null = null;
  private world: World | null = null;
  private live: LiveSimulator | null = null;
  private persisting: Promise<void> = Promise.resolve();
  status: DemoStatus = 'preparing';
  /** What the last start did, for the start-up report and tests. */
  lastStart: { backfilled: boolean; gapFilledMs: number; skippedMs: number; pushed: number; elapsedMs: number } | null = null;

  constructor(
    @Inject(DEMO_CONFIG) private readonly config: DemoRuntimeOptions,
    private readonly store: RecordStore,
    private readonly ingest: IngestService,
    private readonly users: UsersService,
    private readonly targets: TargetsService,
    private readonly orgs: OrgService,
    private readonly kpis: KpiQueryService,
    @Optional() waiting?: WaitingSources,
    @Optional() private readonly events?: IngestEvents,
  ) {
    // Calls waiting on the wallboard: the simulated ACD's queues at the pushed instant. It stands
    // for each site's real-time queue source, so it covers every site, Connect and NDJSON ones too.
    waiting?.register((asOf) => (this.world && this.seed ? waitingInWorld(this.world, Math.min(asOf, this.seed.simulatedTo)) : []), () => this.world !== null);
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.prepare();
      this.status = 'ready';
    } catch (e) {
      this.status = 'failed';
      throw e;
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.live?.stop();
    await this.persisting;
  }

  /** The planted scenarios' figures in this world (null before bootstrap). */
  get scenarios(): ScenarioFacts | null {
    return this.world?.scenarios ?? null;
  }

  get simulatedTo(): number | null {
    return this.seed?.simulatedTo ?? null;
  }

  private now(): number {
    return this.config.now?.() ?? Date.now();
  }

  private print(line: string): void {
    (this.config.print ?? ((l: string) => process.stdout.write(`${l}\n`)))(line);
  }

  private bar(title: string, total: number): Progress {
    return (this.config.progress ?? progressBar)(title, total);
  }

  private async prepare(): Promise<void> {
    const t0 = Date.now();
    const stored = await this.store.getSetting<DemoSeed>(DEMO_SEED_SETTING);
    let backfilled = false;
    let gap = { filled: 0, skipped: 0, pushed: 0 };
    if (!stored) {
      await this.backfill();
      backfilled = true;
    } else {
      this.seed = stored;
      if (stored.seed !== this.config.seed || stored.days !== this.config.days || stored.agents !== this.config.agents) {
        this.log.warn(`the data dir holds the demo world of seed ${stored.seed} (${stored.days} days × ${stored.agents} agents); continuing it (use an empty FLOORWATCH_DATA_DIR for another)`);
      }
      gap = await this.fillGap();
    }
    await this.users.ensureDemoUsers();
    await ensureDefaultAlertRules(this.store.dataSource);
    this.lastStart = { backfilled, gapFilledMs: gap.filled, skippedMs: gap.skipped, pushed: gap.pushed, elapsedMs: Date.now() - t0 };
    this.print(demoBanner(this.world, this.config.url ?? `http://localhost:${process.env['PORT'] || 3000}`));
    this.print(`Demo data ready in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
    if (this.config.live) this.startLive();
  }

  private async backfill(): Promise<void> {
    const endAt = this.now();
    const seed: DemoSeed = { seed: this.config.seed, days: this.config.days, agents: this.config.agents, endAt, simulatedTo: endAt, liveDays: 1, horizon: 0, seededAt: new Date().toISOString() };
    this.print(`Preparing the demo world: ${seed.days} days × ${seed.agents} agents, seed ${seed.seed}, up to ${new Date(endAt).toISOString()}...`);
    const t0 = Date.now();
    const report = await backfillWorld(this.ingest, () => worldOf(seed), (total) => this.bar('Backfilling demo feeds', total));
    const { world, generateMs } = report;
    seed.horizon = world.horizon;
    await plantScenarioSetup(world, this.users, this.targets, this.orgs, this.kpis);
    await plantFollowUps(world, this.store.dataSource);
    await ageDemoHotlineCases(this.store, endAt); // customer.md demo: a month of worked cases, a handful open
    // Written last: a start interrupted mid-backfill starts over (stored lines then count as duplicates).
    await this.store.setSetting(DEMO_SEED_SETTING, seed);
    this.seed = seed;
    this.world = world;
    this.print(
      `Backfilled ${report.lines.toLocaleString('en')} feed lines (${report.accepted.toLocaleString('en')} accepted, ${report.quarantined} quarantined) ` +
        `in ${((Date.now() - t0) / 1000).toFixed(1)} s: generate ${(generateMs / 1000).toFixed(1)} s, write ${(report.writeMs / 1000).toFixed(1)} s, ingest ${(report.ingestMs / 1000).toFixed(1)} s (of which rollup rebuild ${(report.rollupMs / 1000).toFixed(1)} s${rebuildSteps(report.rollup)}).`,
    );
  }

  /** Replays what happened while the demo was not running, at most `gapCapMs` of it. */
  private async fillGap(): Promise<{ filled: number; skipped: number; pushed: number }> {
    const seed = this.seed as DemoSeed;
    const now = this.now();
    if (seed.simulatedTo >= now) {
      await this.worldUntil(seed.simulatedTo + 60_000);
      return { filled: 0, skipped: 0, pushed: 0 };
    }
    const from = Math.max(seed.simulatedTo, now - this.config.gapCapMs);
    const skipped = from - seed.simulatedTo;
    if (skipped > 0) this.print(`The demo was stopped for ${hours(now - seed.simulatedTo)}; replaying only the last ${hours(now - from)} (the gap before it stays empty).`);
    else this.print(`Replaying the ${hours(now - from)} since the demo last ran...`);
    await this.worldUntil(now + 60_000);
    const sim = this.simulator();
    const bar = this.bar('Catching up', now - from);
    let pushed = 0;
    try {
      pushed = await sim.catchUp(from, now, (done) => bar.update(done));
    } finally {
      bar.stop();
    }
    return { filled: now - from, skipped, pushed };
  }

  /** The world, regenerated (same seed and end) with enough live days to reach `untilMs`. */
  private async worldUntil(untilMs: number): Promise<World> {
    const seed = this.seed as DemoSeed;
    if (this.world && this.world.horizon > untilMs) return this.world;
    const liveDays = liveDaysFor(seed, untilMs);
    const t0 = Date.now();
    let world = worldOf(seed, liveDays);
    if (liveDays > seed.liveDays) {
      const rows = await publishPlan(this.ingest, world, seed.horizon - 86_400_000);
      this.log.log(`published the schedule and forecast of ${liveDays - seed.liveDays} more day(s) (${rows} rows)`);
      seed.liveDays = liveDays;
      seed.horizon = world.horizon;
      await this.store.setSetting(DEMO_SEED_SETTING, seed);
    }
    this.log.log(`simulated world ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (to ${new Date(world.horizon).toISOString()})`);
    world = slimWorld(world);
    this.world = world;
    return world;
  }

  private simulator(): LiveSimulator {
    this.live ??= new LiveSimulator(this.ingest, {
      speed: this.config.speed,
      tickMs: this.config.tickMs,
      world: (until) => this.worldUntil(until + 3_600_000),
      backfilledBefore: (this.seed as DemoSeed).endAt,
      onAdvance: (simulatedTo) => this.advance(simulatedTo),
      onError: (e) => this.log.error(`live simulator: ${e instanceof Error ? e.message : String(e)}`),
      // The simulator is the demo's live feed: on the desk's strip as "Demo simulator · contacts".
      ...(this.events ? { recorded: recordedFeed(new FeedHealthStore(this.store), this.events) } : {}),
    });
    return this.live;
  }

  private advance(simulatedTo: number): void {
    const seed = this.seed as DemoSeed;
    seed.simulatedTo = simulatedTo;
    const snapshot = { ...seed };
    this.persisting = this.persisting.then(() => this.store.setSetting(DEMO_SEED_SETTING, snapshot)).catch((e: unknown) => this.log.warn(`demo progress not saved: ${String(e)}`));
  }

  private startLive(): void {
    const seed = this.seed as DemoSeed;
    // The first tick also pushes what happened while the backfill ran.
    const clock = Math.max(seed.simulatedTo, this.now());
    this.simulator().start(seed.simulatedTo, clock);
    this.log.log(`live simulator running from ${new Date(clock).toISOString()} at ${this.config.speed}× real time`);
  }

  /** Pushes simulated time [simulatedTo, until) now, for `fw simulate` and tests. */
  async pushUntil(until: number): Promise<number> {
    const seed = this.seed as DemoSeed;
    return this.simulator().catchUp(seed.simulatedTo, until);
  }
}

function rebuildSteps(r: RebuildReport | null): string {
  if (!r) return '';
  const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  return `: FCR repeats ${s(r.ms.repeats)}, contact intervals ${s(r.ms.contacts)}, agent time ${s(r.ms.agentTime)}`;
}

function hours(ms: number): string {
  const h = ms / 3_600_000;
  return h < 1 ? `${Math.round(ms / 60_000)} min` : `${h.toFixed(1)} h`;
}

export { NO_PROGRESS };

/** Feed health for the simulator's pushes, one feed per format, named for people (no path). */
function recordedFeed(health: FeedHealthStore, events: IngestEvents) {
  return (format: FeedFormat, run: () => Promise<IngestSummary>): Promise<IngestSummary> =>
    recordedIngest(health, events, { format, source: `Demo simulator · ${format === 'contacts-ndjson' ? 'contacts' : 'agent states'}`, followerState: 'following' }, run);
}
