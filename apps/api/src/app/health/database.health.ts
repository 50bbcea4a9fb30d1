import { Inject, Injectable, Logger } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { DATABASE_HANDLE } from '../database/database.module';
import type { DatabaseHandle } from '../database/open-database';

const PING_TIMEOUT_MS = 3000;

/** `SELECT 1` through the same pool the API uses; works for PGlite and PostgreSQL alike. */
@Injectable()
export class DatabaseHealthIndicator {
  private readonly log = new Logger('Health');
  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(DATABASE_HANDLE) private readonly db: DatabaseHandle,
  ) {}

  async check(key = 'database') {
    const indicator = this.health.check(key);
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
      });
      await Promise.race([this.db.dataSource.query('SELECT 1'), timeout]);
      return indicator.up({ mode: this.db.mode });
    } catch (err) {
      // The reason goes to the log, not to an unauthenticated caller (it can name hosts and users).
      this.log.warn(`database health check failed: ${err instanceof Error ? err.message : String(err)}`);
      return indicator.down({ mode: this.db.mode });
    } finally {
      clearTimeout(timer);
    }
  }
}
