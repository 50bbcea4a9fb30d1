import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * `../shared/feeds-wild/<sub>` as seen from the repository (or any worktree of it): the first
 * ancestor holding `shared/feeds-wild`. Null when absent, so the tests that read it skip.
 * FEEDS_WILD_DIR overrides.
 */
export function feedsWildDir(sub: string): string | null {
  const override = process.env['FEEDS_WILD_DIR'];
  if (override) return existsSync(join(override, sub)) ? join(override, sub) : null;
  for (let dir = dirname(__dirname); dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'feeds-wild', sub);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}
