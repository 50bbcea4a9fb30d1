import { resolveDataDir } from './database-config';
import { lockDataDir } from './data-dir-lock';
import { startEmbeddedPostgres, type EmbeddedPostgres, type WarmPostgres } from './pglite-server';

/** PGlite running on a locked data directory: what openDatabase needs before TypeORM connects. */
export interface StartedPglite {
  dataDir: string;
  embedded: EmbeddedPostgres;
  /** Releases the data directory lock (after embedded.stop()). */
  unlock: () => void;
}

/**
 * Locks the data directory and starts PGlite in its worker thread; on failure nothing stays locked
 * or running. Its own module with no TypeORM or pg, so that a caller (the CLI) can start PGlite
 * before it loads them and the two overlap on a second core (issue 21). `warm`: a worker started
 * earlier (warmEmbeddedPostgres) to open the directory in, else a new one.
 */
export async function startPglite(dataDirOption: string | undefined, warm?: WarmPostgres): Promise<StartedPglite> {
  const dataDir = resolveDataDir(dataDirOption);
  const unlock = lockDataDir(dataDir);
  try {
    return { dataDir, embedded: await (warm ? warm.open(dataDir) : startEmbeddedPostgres(dataDir)), unlock };
  } catch (err) {
    unlock();
    throw err;
  }
}

/** Stops a start nobody will use (the caller failed before openDatabase took it over). */
export async function abandonPglite(start: Promise<StartedPglite>): Promise<void> {
  const started = await start.catch(() => null);
  if (!started) return;
  await started.embedded.stop().catch(() => undefined);
  started.unlock();
}
