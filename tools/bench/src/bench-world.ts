import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateWorld, writeFeeds, type FeedFile, type World } from '@floorwatch/simulator';
import type { BenchSize } from './sizes';

export interface BenchWorld {
  world: World;
  dir: string;
  files: FeedFile[];
}

/** The world ends mid-afternoon so the last day has a live, unfinished interval. */
export const BENCH_END = Date.parse('2024-06-12T15:07:00Z');

export function makeWorld(size: BenchSize): BenchWorld {
  const world = generateWorld({ seed: 11, days: size.days, endAt: BENCH_END, agents: size.agents });
  const dir = mkdtempSync(join(tmpdir(), `fw-bench-${size.name}-`));
  return { world, dir, files: writeFeeds(world, dir) };
}
