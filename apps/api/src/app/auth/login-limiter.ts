import { HttpException, HttpStatus, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { connectRedisOrNull, type RedisClient } from '../common/redis-connect';

/**
 * Brute-force brake on login, counted twice: per normalised username (trimmed, lower-cased) from
 * any IP, and per IP across every username. Each key has a few free failures in a 15-minute
 * window; past them every further attempt must wait 1, 2, 4… seconds (at most 15 minutes) after
 * the last failure, and is refused with 429 + Retry-After until then. A successful login clears
 * the username's count (not the IP's). With REDIS_URL the counts live in Redis, so several API
 * processes share them; if Redis fails, this process counts on its own rather than letting
 * everything through.
 */
export interface LoginLimits {
  perUser: number;
  perIp: number;
  windowMs: number;
  /** The first wait past the free failures; each further attempt doubles it. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perUser: 5, perIp: 50, windowMs: 15 * 60_000, baseDelayMs: 1000, maxDelayMs: 15 * 60_000 };

interface Count {
  count: number;
  last: number;
}


export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

@Injectable()
export class LoginLimiter implements OnModuleDestroy {
  private readonly log = new Logger('LoginLimiter');
  private readonly local = new Map<string, Count>();
  private redis: Promise<RedisClient | null> | null = null;
  readonly limits: LoginLimits = { ...DEFAULT_LOGIN_LIMITS };
  private readonly prefix = `${process.env['LOGIN_LIMIT_PREFIX'] ?? 'floorwatch'}:login:`;

  /**
   * Counts this attempt against the username and the IP first (atomically, so a parallel burst
   * cannot slip past a check), then throws 429 when either must still wait. An attempt while
   * waiting counts too, so hammering only lengthens the wait (up to maxDelayMs).
   */
  async begin(ip: string, username: string): Promise<void> {
    const now = Date.now();
    const [user, byIp] = await Promise.all([this.bump(`u:${normaliseUsername(username)}`, now), this.bump(`ip:${ip}`, now)]);
    const wait = Math.max(this.waitMs(user, this.limits.perUser, now), this.waitMs(byIp, this.limits.perIp, now));
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      throw new HttpException({ statusCode: 429, message: `too many failed logins; try again in ${seconds} s`, retryAfterSeconds: seconds }, HttpStatus.TOO_MANY_REQUESTS);
    }
  }

  /** The password was right: the username starts afresh and the IP's count gives this attempt back. */
  async succeeded(ip: string, username: string): Promise<void> {
    await Promise.all([this.clear(`u:${normaliseUsername(username)}`), this.unbump(`ip:${ip}`)]);
  }

  async onModuleDestroy(): Promise<void> {
    const client = await this.redis?.catch(() => null);
    await client?.quit().catch(() => undefined);
  }

  /** `before`: the count and last attempt before this one; `count`: including this one. */
  private waitMs(c: { count: number; before: Count | null }, free: number, now: number): number {
    if (c.count <= free || !c.before) return 0;
    const delay = Math.min(this.limits.baseDelayMs * 2 ** (c.count - free - 1), this.limits.maxDelayMs);
    return Math.max(0, c.before.last + delay - now);
  }

  private client(): Promise<RedisClient | null> {
    const url = process.env['REDIS_URL'];
    if (!url) return Promise.resolve(null);
    this.redis ??= connectRedisOrNull(url, this.log, 'login counts stay in this process');
    return this.redis ?? Promise.resolve(null);
  }

  private async bump(key: string, now: number): Promise<{ count: number; before: Count | null }> {
    const redis = await this.client();
    if (redis) {
      try {
        const k = this.prefix + key;
        const [last, count] = await redis.multi().hGet(k, 'last').hIncrBy(k, 'count', 1).hSet(k, 'last', String(now)).pExpire(k, this.limits.windowMs).exec();
        const n = Number(count);
        return { count: n, before: last ? { count: n - 1, last: Number(last) } : null };
      } catch {
        /* fall through to the local count */
      }
    }
    const c = this.local.get(key);
    const before = c && now - c.last <= this.limits.windowMs ? c : null;
    const count = (before?.count ?? 0) + 1;
    this.local.set(key, { count, last: now });
    if (this.local.size > 100_000) this.prune(now);
    return { count, before };
  }

  private async unbump(key: string): Promise<void> {
    const c = this.local.get(key);
    if (c) c.count = Math.max(0, c.count - 1);
    const redis = await this.client();
    await redis?.hIncrBy(this.prefix + key, 'count', -1).catch(() => undefined);
  }

  private async clear(key: string): Promise<void> {
    this.local.delete(key);
    const redis = await this.client();
    await redis?.del(this.prefix + key).catch(() => undefined);
  }

  private prune(now: number): void {
    for (const [k, c] of this.local) if (now - c.last > this.limits.windowMs) this.local.delete(k);
  }
}
