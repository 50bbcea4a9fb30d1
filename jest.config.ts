import type { Config } from 'jest';
import { availableParallelism } from 'node:os';
import { getJestProjectsAsync } from '@nx/jest';

// `testTimeout` is a global option: per-project values are ignored when the root runs every
// project, and embedded PGlite start-up on a loaded 2-core machine can take several seconds.
export default async (): Promise<Config> => ({
  projects: await getJestProjectsAsync(),
  testTimeout: 60_000,
  // Jest's default on 2 cores is one worker, and then it runs every file in its own process,
  // whose heap grows file after file (PGlite instances, Nest apps): late files paid for it in
  // garbage collection (a parser spec 130 s in CI, 18 s alone). Two workers use the core the
  // main process leaves idle, and one is replaced once it holds more than the limit after a file.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  workerIdleMemoryLimit: '1GB',
});
