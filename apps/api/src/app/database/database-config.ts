import { resolve } from 'node:path';

export type DatabaseMode = 'pglite' | 'postgres';

export interface OpenDatabaseOptions {
  /** PostgreSQL URL (DATABASE_URL). Absent or empty: embedded PGlite. */
  url?: string | null;
  /** PGlite data directory (FLOORWATCH_DATA_DIR, default ./.floorwatch); `memory://` keeps it in memory. */
  dataDir?: string;
  /** PostgreSQL only: put every table in this schema (created if missing). Used by tests. */
  schema?: string;
  /** Apply pending migrations on open (default true). */
  migrationsRun?: boolean;
  /** Pool size on PostgreSQL (default 10). PGlite always uses 1, see pglite-server.ts. */
  poolSize?: number;
  /** Log SQL (default false). */
  logging?: boolean;
}

export class DatabaseConfigError extends Error {
  override readonly name = 'DatabaseConfigError';
}

/** Demo mode's own default data dir, so a demo world never sits where real mode starts. */
export const DEMO_DATA_DIR = './.floorwatch-demo';

/** Options from the environment: DATABASE_URL, FLOORWATCH_DATA_DIR (default by mode: FLOORWATCH_DEMO=1 → ./.floorwatch-demo). */
export function databaseOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): OpenDatabaseOptions {
  return {
    url: env['DATABASE_URL'] || null,
    dataDir: env['FLOORWATCH_DATA_DIR'] || (env['FLOORWATCH_DEMO'] === '1' ? DEMO_DATA_DIR : './.floorwatch'),
  };
}

export function resolveDataDir(dataDir: string | undefined): string {
  const dir = dataDir || './.floorwatch';
  return dir.startsWith('memory://') ? dir : resolve(dir);
}

/** Validates a PostgreSQL URL up front so a typo fails with a sentence, not a driver stack. */
export function parsePostgresUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseConfigError(`DATABASE_URL is not a valid URL (expected postgres://user:password@host:port/database)`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new DatabaseConfigError(`DATABASE_URL must start with postgres:// or postgresql://, got "${parsed.protocol}//"`);
  }
  if (!parsed.hostname) throw new DatabaseConfigError('DATABASE_URL has no host');
  return parsed;
}

/** host:port/database of a URL, never the password, for messages. */
export function describeTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname || ''}`;
  } catch {
    return 'DATABASE_URL';
  }
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
export function assertSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new DatabaseConfigError(`invalid schema name "${schema}" (lower-case letters, digits, _)`);
  return schema;
}
