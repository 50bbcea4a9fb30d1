import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { connectRedisOrNull, type RedisClient } from '../common/redis-connect';


/**
 * With REDIS_URL, one API process at a time runs the minute evaluator: it holds a Redis key
 * (SET NX PX, renewed while it keeps polling) and the others skip their polls until it lapses.
 * Without Redis (one process, or Redis unreachable) every process evaluates; the database's
 * one-active-instance index then keeps any instance from opening twice.
 */
export class EvaluatorLock {
  private readonly log = new Logger('EvaluatorLock');
  private readonly id = randomUUID();
  private redis: Promise<RedisClient | null> | null = null;

  constructor(
    private readonly url: string | undefined,
    private readonly ttlMs: number,
    private readonly key = `${process.env['ALERT_LOCK_PREFIX'] ?? 'floorwatch'}:alerts:evaluator`,
  ) {}

  /** True when this process may evaluate now (it holds or just took the lock, or there is no Redis). */
  async acquire(): Promise<boolean> {
    const redis = await this.client();
    if (!redis) return true;
    try {
      if ((await redis.set(this.key, this.id, { NX: true, PX: this.ttlMs })) === 'OK') return true;
      if ((await redis.get(this.key)) !== this.id) return false;
      await redis.pExpire(this.key, this.ttlMs);
      return true;
    } catch (e) {
      this.log.warn(`evaluating without the lock: ${e instanceof Error ? e.message : String(e)}`);
      return true;
    }
  }

  async release(): Promise<void> {
    const redis = await this.redis?.catch(() => null);
    if (!redis) return;
    try {
      if ((await redis.get(this.key)) === this.id) await redis.del(this.key);
    } catch {
      /* the key lapses on its own */
    }
    await redis.quit().catch(() => undefined);
  }

  private client(): Promise<RedisClient | null> {
    if (!this.url) return Promise.resolve(null);
    const url = this.url;
    this.redis ??= connectRedisOrNull(url, this.log, 'no evaluator lock (Redis unreachable)');
    return this.redis;
  }
}
