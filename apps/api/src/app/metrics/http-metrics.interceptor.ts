import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { HttpRequest as Request, HttpResponse as Response } from '../common/http-types';
import { Observable, finalize } from 'rxjs';
import { httpRequestDuration } from './metrics.service';

/** Times every HTTP handler, labelled by route template (not raw URL, to bound cardinality). */
@Injectable()
export class HttpMetricsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const stop = httpRequestDuration.startTimer();
    res.once('finish', () => {
      const route = req.route?.path ?? 'unmatched';
      stop({ method: req.method, route: `${req.baseUrl ?? ''}${route}`, status: String(res.statusCode) });
    });
    return next.handle().pipe(finalize(() => undefined));
  }
}
