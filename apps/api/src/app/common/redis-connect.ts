import type { Logger } from '@nestjs/common';
import { createClient } from 'redis';

/** A client that stops reconnecting after a few tries: its callers then fall back to this process. */
function connect(url: string) {
  return createClient({ url, socket: { reconnectStrategy: (retries) => (retries > 3 ? false : 200) } });
}
export type RedisClient = ReturnType<typeof connect>;

/**
 * Connects once to `url`; errors after that are logged as warnings. Null, with one warning
 * "`fallback`: <why>", when Redis cannot be reached: the caller keeps its state in this process.
 */
export async function connectRedisOrNull(url: string, log: Logger, fallback: string): Promise<RedisClient | null> {
  try {
    const c = connect(url);
    c.on('error', (e: Error) => log.warn(`redis: ${e.message}`));
    await c.connect();
    return c;
  } catch (e) {
    log.warn(`${fallback}: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
}
