import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, ServiceUnavailableException } from '@nestjs/common';
import type { HttpRequest as Request } from './http-types';
import { catchError, Observable, throwError } from 'rxjs';
import { isStatementTimeout, STATEMENT_TIMEOUT_ENV, statementTimeoutFromEnv, withStatementTimeout } from '../database/statement-timeout';

/**
 * Issue 20 item 8: every GET of the HTTP API (the read paths: KPIs, exports, staffing, customer,
 * self-service...) runs with API_STATEMENT_TIMEOUT_MS on each pooled SQL statement (RecordStore.query).
 * Writes are left alone: an ingest of a large file or an admin rebuild may rightly run longer.
 * A statement stopped by the limit answers 503 with what to do, not a 500.
 */
@Injectable()
export class StatementTimeoutInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http' || ctx.switchToHttp().getRequest<Request>().method !== 'GET') return next.handle();
    const ms = statementTimeoutFromEnv();
    if (ms === null) return next.handle();
    // The handler runs when the observable is subscribed: subscribe inside the context.
    const handled = new Observable<unknown>((subscriber) => withStatementTimeout(ms, () => next.handle().subscribe(subscriber)));
    return handled.pipe(
      catchError((err: unknown) =>
        throwError(() =>
          isStatementTimeout(err)
            ? new ServiceUnavailableException(`a database query took longer than ${ms} ms (${STATEMENT_TIMEOUT_ENV}) and was stopped: ask for a shorter window or a narrower scope, or try again later`)
            : err,
        ),
      ),
    );
  }
}
