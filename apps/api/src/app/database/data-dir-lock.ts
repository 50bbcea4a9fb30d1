import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseConfigError } from './database-config';

const LOCK_FILE = 'floorwatch.pid';

/**
 * PGlite is single-process: two processes on one data directory corrupt it. The lock is a pid
 * file; a stale one (its process is gone) is taken over. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  if (dataDir.startsWith('memory://')) return () => undefined;
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as { code?: string }).code !== 'EEXIST') throw err;
      const owner = Number(readFileSync(file, 'utf8').trim());
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new DatabaseConfigError(
          `the data directory ${dataDir} is in use by process ${owner} (a running Floorwatch?); stop it, or send data to it over HTTP, or set DATABASE_URL`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new DatabaseConfigError(`cannot lock the data directory ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
}
