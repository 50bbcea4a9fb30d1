import { createReadStream } from 'node:fs';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { IngestSummary } from '@floorwatch/contracts';
import { DatabaseModule } from '@floorwatch/api/database/database.module';
import { openDatabase, type DatabaseHandle } from '@floorwatch/api/database/open-database';
import { DEFAULT_DEMO } from '@floorwatch/api/demo/demo-config';
import { DemoModule } from '@floorwatch/api/demo/demo.module';
import { DemoService, type DemoRuntimeOptions } from '@floorwatch/api/demo/demo.service';
import { IngestModule } from '@floorwatch/api/ingest/ingest.module';
import { IngestService } from '@floorwatch/api/ingest/ingest.service';
import { MetricsModule } from '@floorwatch/api/metrics/metrics.module';
import { OrgModule } from '@floorwatch/api/org/org.module';
import { generateWorld, writeFeeds } from '@floorwatch/simulator';
import { UsageError } from '../cli-errors';
import { databaseOptionsFromEnv } from '@floorwatch/api/database/database-config';
import { withCli } from '../cli-context';

export interface SimulateOptions {
  out?: string;
  days: string;
  seed: string;
  agents: string;
  speed: string;
  backfillOnly?: boolean;
  end?: string;
  ingest?: boolean;
}

const whole = (name: string, v: string): number => {
  if (!/^\d+$/.test(v)) throw new UsageError(`${name}: must be a whole number, got "${v}"`);
  return Number(v);
};

/**
 * `fw simulate`: the demo orchestration of `npm start` (DemoService: backfill through ingest,
 * demo users, then the live simulator until Ctrl-C) on the configured database, without HTTP.
 * With --out it only writes the world as feed files (and --ingest ingests them).
 */
export async function simulateCommand(o: SimulateOptions, out: NodeJS.WritableStream): Promise<void> {
  const seed = whole('--seed', o.seed);
  const days = whole('--days', o.days);
  const agents = whole('--agents', o.agents);
  const speed = Number(o.speed);
  if (!Number.isFinite(speed) || speed <= 0) throw new UsageError(`--speed: must be a positive number, got "${o.speed}"`);
  if (o.out !== undefined) return writeWorld(o, { seed, days, agents }, out);
  if (o.end !== undefined || o.ingest) throw new UsageError('--end and --ingest go with --out (writing feed files)');

  const config: DemoRuntimeOptions = { ...DEFAULT_DEMO, seed, days, agents, speed, live: !o.backfillOnly, print: (l) => process.stderr.write(`${l}\n`) };
  // The demo world goes where `npm start` (demo) looks for it, never into real mode's default dir.
  const handle = await openDatabase(databaseOptionsFromEnv({ ...process.env, FLOORWATCH_DEMO: '1' }));
  let closeApp = async (): Promise<void> => undefined;
  try {
    // Creating the context runs the demo bootstrap: backfill or catch-up, then the live clock.
    const app = await NestFactory.createApplicationContext(SimulateModule.forRoot(handle, config), { logger: ['error', 'warn'], abortOnError: false });
    closeApp = () => app.close();
    const demo = app.get(DemoService);
    if (!o.backfillOnly) {
      process.stderr.write(`Live simulator running at ${speed}× real time; Ctrl-C stops it.\n`);
      await untilSignal();
    }
    await app.close();
    closeApp = async () => undefined;
    out.write(JSON.stringify({ seed, days, agents, simulatedTo: iso(demo.simulatedTo), start: demo.lastStart }) + '\n');
  } finally {
    await closeApp().catch(() => undefined);
    await handle.close().catch(() => undefined);
  }
}

@Module({})
class SimulateModule {
  static forRoot(handle: DatabaseHandle, config: DemoRuntimeOptions): DynamicModule {
    return { module: SimulateModule, imports: [DatabaseModule.forRoot({ handle }), MetricsModule, OrgModule, IngestModule, DemoModule.forRoot(config)] };
  }
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

async function writeWorld(o: SimulateOptions, w: { seed: number; days: number; agents: number }, out: NodeJS.WritableStream): Promise<void> {
  const endAt = o.end === undefined ? Date.now() : Date.parse(o.end);
  if (Number.isNaN(endAt)) throw new UsageError(`--end: "${o.end}" is not an ISO 8601 date-time`);
  const world = generateWorld({ ...w, endAt });
  const files = writeFeeds(world, o.out as string);
  const ingested: Array<{ file: string; format: string; summary: IngestSummary }> = [];
  if (o.ingest) {
    await withCli(async ({ app }) => {
      const svc = app.get(IngestService);
      for (const f of files) ingested.push({ file: f.file, format: f.format, summary: await svc.ingest(f.format, createReadStream(f.file), { source: f.file }) });
    });
  }
  out.write(JSON.stringify({ files, ...(o.ingest ? { ingested } : {}) }) + '\n');
}
