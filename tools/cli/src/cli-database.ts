import { setFlagsFromString } from 'node:v8';
import { databaseOptionsFromEnv, type OpenDatabaseOptions } from '@floorwatch/api/database/database-config';
import { warmEmbeddedPostgres, type WarmPostgres } from '@floorwatch/api/database/pglite-server';
import { abandonPglite, startPglite, type StartedPglite } from '@floorwatch/api/database/pglite-start';
import type { DatabaseHandle } from '@floorwatch/api/database/open-database';
import type { RecordStore } from '@floorwatch/api/database/record-store';
import type { OrgService } from '@floorwatch/api/org/org.service';

export interface CliDatabase {
  handle: DatabaseHandle;
  store: RecordStore;
  orgs: OrgService;
}

/** The database a read command will open, begun before the command loads anything (see below). */
export interface PreparedDatabase {
  options: OpenDatabaseOptions;
  /** Embedded store only: PGlite's worker, loading PGlite while this thread loads the command. */
  warm: WarmPostgres | null;
}

/**
 * First thing a lean read command does (program.ts), before it imports its modules: on the embedded
 * store (no DATABASE_URL) PGlite's worker starts loading PGlite and compiling its WebAssembly on
 * the second core while this thread loads zod, TypeORM, pg and the services; the data directory
 * is opened only by withDatabase, after the arguments were checked (docs/perf.md "CLI start").
 * This module loads none of those itself.
 */
export function prepareDatabase(): PreparedDatabase {
  const options = databaseOptionsFromEnv();
  if (options.url) return { options, warm: null };
  // A short read needs no optimised WebAssembly: V8 otherwise recompiles PGlite's hot functions
  // with TurboFan on background threads, ~0.4 s of CPU a 1 s command never earns back, and the
  // worker stalls ~0.2 s for it before its first connection. Process-wide and read when PGlite's
  // module is compiled (in the worker started next): only for processes that run one read command.
  setFlagsFromString('--liftoff-only');
  // PGlite's 128 MB of shared buffers are zeroed at start (~0.1 s of CPU); a one-shot read reuses
  // few pages, the rest come from the OS page cache.
  return { options, warm: warmEmbeddedPostgres(['-c', 'shared_buffers=16MB']) };
}

/** Ends what prepareDatabase started when withDatabase never took it over (a usage error). */
export function discardDatabase(prepared: PreparedDatabase): void {
  prepared.warm?.discard();
}

/**
 * The database and the org, without Nest: for read-only commands (`fw kpi`, `fw staffing`) whose
 * services take their few dependencies in the constructor. Importing the API's feature modules
 * (cli-context.ts) loads their controllers and gateways, and with them swagger, socket.io, redis
 * and the AWS SDK: ~2 s of CPU before the first query (issue 21).
 *
 * `load` imports what the command needs (its services). PGlite opens the data directory in the
 * prepared worker meanwhile.
 */
export async function withDatabase<M, T>(prepared: PreparedDatabase, load: () => Promise<M>, work: (db: CliDatabase, modules: M) => Promise<T>): Promise<T> {
  const pglite: Promise<StartedPglite> | undefined = prepared.warm ? startPglite(prepared.options.dataDir, prepared.warm) : undefined;
  // Awaited (and reported) by openDatabase; this only keeps an early failure from being "unhandled".
  pglite?.catch(() => undefined);
  let handle: DatabaseHandle | null = null;
  // Once openDatabase has the start, it stops PGlite and unlocks on its own failure.
  let handedOver = false;
  try {
    const [modules, { openDatabase }, { RecordStore }, { OrgService }] = await Promise.all([
      load(),
      import('@floorwatch/api/database/open-database'),
      import('@floorwatch/api/database/record-store'),
      import('@floorwatch/api/org/org.service'),
    ]);
    handedOver = true;
    handle = await openDatabase(prepared.options, pglite);
    return await work({ handle, store: RecordStore.for(handle), orgs: new OrgService(handle.dataSource) }, modules);
  } finally {
    if (handle) await handle.close().catch(() => undefined);
    else if (pglite && !handedOver) await abandonPglite(pglite);
    discardDatabase(prepared);
  }
}
