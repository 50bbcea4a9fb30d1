/** What demo mode runs: read once from the environment by main.ts (and by `fw simulate`). */
export interface DemoConfig {
  seed: number;
  /** Full days of history before today. */
  days: number;
  /** Agents across all sites. */
  agents: number;
  /** Simulated seconds per real second for the live stream (1 = real time). */
  speed: number;
  /** On a restart, at most this much missed time is replayed; older gaps are skipped. */
  gapCapMs: number;
  /** Run the live simulator after the backfill (off for `--backfill-only` and tests). */
  live: boolean;
  /** Wall-clock milliseconds between live pushes. */
  tickMs: number;
}

export const DEFAULT_DEMO: DemoConfig = { seed: 42, days: 30, agents: 300, speed: 1, gapCapMs: 2 * 86_400_000, live: true, tickMs: 1000 };

export class DemoConfigError extends Error {
  override readonly name = 'DemoConfigError';
}

/** Demo mode is on unless FLOORWATCH_DEMO=0; null when off. */
export function demoConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DemoConfig | null {
  if (env['FLOORWATCH_DEMO'] !== '1') return null;
  return {
    ...DEFAULT_DEMO,
    seed: whole(env, 'FLOORWATCH_SEED', DEFAULT_DEMO.seed),
    days: whole(env, 'FLOORWATCH_DEMO_DAYS', DEFAULT_DEMO.days),
    agents: whole(env, 'FLOORWATCH_DEMO_AGENTS', DEFAULT_DEMO.agents),
    speed: positive(env, 'FLOORWATCH_SPEED', DEFAULT_DEMO.speed),
  };
}

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  if (!/^\d+$/.test(v)) throw new DemoConfigError(`${name} must be a whole number, got "${v}"`);
  return Number(v);
}

export function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new DemoConfigError(`${name} must be a positive number, got "${v}"`);
  return n;
}
