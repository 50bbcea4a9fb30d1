import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateWorld, writeFeeds, type World } from '@floorwatch/simulator';
import type { IngestService } from '../ingest/ingest.service';

const DAY = 86_400_000;

/** What `demo_seeded` records: enough to regenerate the very same world on the next start. */
export interface DemoSeed {
  seed: number;
  days: number;
  agents: number;
  /** The instant the backfill ran to (epoch ms). */
  endAt: number;
  /** Everything simulated before this instant is in the database (epoch ms). */
  simulatedTo: number;
  /** Live days the published schedule and forecast cover beyond endAt's day. */
  liveDays: number;
  /** End of the published schedule (the world's horizon at `liveDays`). */
  horizon: number;
  seededAt: string;
}

export const DEMO_SEED_SETTING = 'demo_seeded';

export function worldOf(seed: DemoSeed, liveDays = seed.liveDays): World {
  return generateWorld({ seed: seed.seed, days: seed.days, agents: seed.agents, endAt: seed.endAt, liveDays });
}

/** The world without its history (already in the database): what the live stream and the banner need. */
export function slimWorld(world: World): World {
  // The live part of self-service stays: sessions still open at the world's end (the live clock
  // sends them, and Connect CTRs need their IVR session and callback links).
  const ss = world.selfService;
  const selfService = ss ? { ...ss, sessions: ss.sessions.filter((s) => s.endedAt >= world.endAt) } : null;
  return { ...world, schedule: [], forecasts: [], stateEvents: [], contacts: [], surveys: [], selfService };
}

/** Live days needed so the world's horizon passes `untilMs` with a day to spare. */
export function liveDaysFor(seed: DemoSeed, untilMs: number): number {
  return Math.max(seed.liveDays, Math.ceil((untilMs - seed.endAt) / DAY) + 1);
}

/**
 * A longer-running demo needs schedule and forecast rows for the days it reaches: they go
 * through the same WFM feeds (rows already stored count as duplicates).
 */
export async function publishPlan(ingest: IngestService, world: World, fromMs: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'floorwatch-plan-'));
  try {
    const plan: World = {
      ...world,
      schedule: world.schedule.filter((s) => s.start >= fromMs),
      forecasts: world.forecasts.filter((f) => f.intervalStart >= fromMs),
      stateEvents: [],
      contacts: [],
      surveys: [],
      selfService: null,
      future: { stateEvents: [], contacts: [] },
    };
    let accepted = 0;
    for (const f of writeFeeds(plan, dir)) {
      if (f.format !== 'wfm-schedule' && f.format !== 'wfm-forecast') continue;
      accepted += (await ingest.ingest(f.format, createReadStream(f.file), { source: `demo/${f.format}-extension` })).accepted;
    }
    return accepted;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
