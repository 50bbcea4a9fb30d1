import type { Config } from 'jest';
import { getJestProjectsAsync } from '@nx/jest';

// `testTimeout` is a global option: per-project values are ignored when the root runs every
// project, and embedded PGlite start-up on a loaded 2-core machine can take several seconds.
export default async (): Promise<Config> => ({
  projects: await getJestProjectsAsync(),
  testTimeout: 60_000,
});
