import { Client, types } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import {
  assertSchemaName,
  databaseOptionsFromEnv,
  describeTarget,
  parsePostgresUrl,
  resolveDataDir,
  type DatabaseMode,
  type OpenDatabaseOptions,
} from './database-config';
import { DatabaseOpenError, describeDbError } from './describe-db-error';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './naming-strategy';
import type { EmbeddedPostgres } from './pglite-server';
import { startPglite, type StartedPglite } from './pglite-start';

export interface DatabaseHandle {
  /** Initialised, migrated TypeORM DataSource (postgres driver in both modes). */
  dataSource: DataSource;
  mode: DatabaseMode;
  /** `pglite <dir>` or `postgres host:port/db`, for start-up logs (no password). */
  description: string;
  /** Destroys the DataSource, then (PGlite) stops the socket server and closes PGlite. Idempotent. */
  close(): Promise<void>;
}

// `date` columns (hire dates, site-local days) stay YYYY-MM-DD strings: pg's default turns
// them into Dates at local midnight, which shifts the day in any zone west of UTC.
types.setTypeParser(types.builtins.DATE, (value: string) => value);

/**
 * Opens the Floorwatch database, runs pending migrations and returns the DataSource.
 * With `url` (DATABASE_URL) it connects to that PostgreSQL; without it it starts PGlite in this
 * process (data in `dataDir`) behind pglite-socket and connects to it the same way.
 * Throws DatabaseOpenError whose message is one clear line (see describeDbError).
 */
export async function openDatabase(options: OpenDatabaseOptions = databaseOptionsFromEnv(), pglite?: Promise<StartedPglite>): Promise<DatabaseHandle> {
  const url = options.url || null;
  return url ? openPostgres(url, options) : openPglite(options, pglite);
}

async function openPostgres(url: string, options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const target = describeTarget(url);
  try {
    parsePostgresUrl(url);
    const schema = options.schema ? assertSchemaName(options.schema) : undefined;
    await preflight(url, schema);
    const dataSource = new DataSource({
      ...commonOptions(options),
      url,
      schema,
      poolSize: options.poolSize ?? 10,
      extra: {
        connectionTimeoutMillis: 30_000,
        ...(schema ? { options: `-c search_path=${schema}` } : {}),
      },
    });
    await dataSource.initialize();
    return handle(dataSource, 'postgres', `postgres ${target}${schema ? ` schema ${schema}` : ''}`, null);
  } catch (err) {
    throw new DatabaseOpenError(describeDbError(err, target), { cause: err });
  }
}

/** `pglite`: a start already under way (startPglite, begun by the caller), else one begun here. */
async function openPglite(options: OpenDatabaseOptions, pglite?: Promise<StartedPglite>): Promise<DatabaseHandle> {
  const dataDir = resolveDataDir(options.dataDir);
  let embedded: EmbeddedPostgres | null = null;
  let dataSource: DataSource | null = null;
  let unlock: (() => void) | null = null;
  try {
    ({ embedded, unlock } = await (pglite ?? startPglite(options.dataDir)));
    dataSource = new DataSource({
      ...commonOptions(options),
      host: embedded.host,
      port: embedded.port,
      username: 'postgres',
      database: 'postgres',
      poolSize: 1,
      // Waiting callers queue behind a long transaction rather than fail at once.
      extra: { connectionTimeoutMillis: 120_000 },
    });
    await dataSource.initialize();
    return handle(dataSource, 'pglite', `pglite ${dataDir}`, embedded, unlock);
  } catch (err) {
    if (dataSource?.isInitialized) await dataSource.destroy().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    unlock?.();
    throw new DatabaseOpenError(describeDbError(err, `PGlite data directory ${dataDir}`), { cause: err });
  }
}

function commonOptions(options: OpenDatabaseOptions): DataSourceOptions & { type: 'postgres' } {
  return {
    type: 'postgres',
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: options.migrationsRun ?? true,
    synchronize: false,
    installExtensions: false,
    namingStrategy: new SnakeNamingStrategy(),
    logging: options.logging ?? false,
  };
}

/** Plain pg connect first: fails fast with the driver's own error code, and creates the schema. */
async function preflight(url: string, schema: string | undefined): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // Without a listener a late socket error would crash the process instead of rejecting.
  client.on('error', () => undefined);
  try {
    await client.connect();
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function handle(
  dataSource: DataSource,
  mode: DatabaseMode,
  description: string,
  embedded: EmbeddedPostgres | null,
  unlock: (() => void) | null = null,
): DatabaseHandle {
  let closing: Promise<void> | null = null;
  return {
    dataSource,
    mode,
    description,
    close() {
      closing ??= (async () => {
        if (dataSource.isInitialized) await dataSource.destroy();
        await embedded?.stop();
        unlock?.();
      })();
      return closing;
    },
  };
}
