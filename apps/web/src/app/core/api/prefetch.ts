import { HttpClient, HttpContext, HttpContextToken, HttpParams, type HttpEvent, type HttpInterceptorFn, type HttpRequest } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { shareReplay, type Observable } from 'rxjs';

/** Marks the request the cache itself sends. */
const PREFETCH = new HttpContextToken<boolean>(() => false);

/**
 * A prefetched answer is for the page that is opening now: one that nobody took within this long
 * (the user went elsewhere) is dropped, so a later visit asks the server afresh.
 */
export const PREFETCH_TTL_MS = 10_000;

interface Entry {
  events: Observable<HttpEvent<unknown>>;
  expires: number;
}

/**
 * First-render path: a GET started before the page that needs it has loaded its code (from a
 * route guard, once /me and /org have answered), handed to the page's own identical request
 * once. The page code and the query then load side by side instead of one after the other.
 */
@Injectable({ providedIn: 'root' })
export class PrefetchCache {
  private readonly http = inject(HttpClient);
  private readonly entries = new Map<string, Entry>();
  /** Injected clock, so the expiry can be tested without waiting. */
  now: () => number = () => Date.now();

  /** Starts `GET url?params` now; the next identical GET within the TTL gets its answer. */
  get(url: string, params: Record<string, string>): void {
    const key = requestKey(url, new HttpParams({ fromObject: params }));
    if (this.live(key)) return;
    this.http
      .get(url, { params, context: new HttpContext().set(PREFETCH, true) })
      // The page's request, when it takes this answer, reports any error; nothing to do here.
      .subscribe({ error: () => undefined });
  }

  /** Called by the interceptor for the cache's own request. */
  hold(req: HttpRequest<unknown>, events: Observable<HttpEvent<unknown>>): Observable<HttpEvent<unknown>> {
    const shared = events.pipe(shareReplay());
    this.entries.set(requestKey(req.url, req.params), { events: shared, expires: this.now() + PREFETCH_TTL_MS });
    return shared;
  }

  /** The held answer for a page's GET, at most once. */
  take(req: HttpRequest<unknown>): Observable<HttpEvent<unknown>> | null {
    if (req.method !== 'GET') return null;
    const key = requestKey(req.url, req.params);
    const entry = this.live(key);
    if (entry) this.entries.delete(key);
    return entry?.events ?? null;
  }

  private live(key: string): Entry | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expires > this.now()) return entry;
    this.entries.delete(key);
    return null;
  }
}

/** After the auth interceptor, so the prefetch carries the token the page's request would. */
export const prefetchInterceptor: HttpInterceptorFn = (req, next) => {
  const cache = inject(PrefetchCache);
  if (req.context.get(PREFETCH)) return cache.hold(req, next(req));
  return cache.take(req) ?? next(req);
};

/** Parameter order does not make two requests different. */
function requestKey(url: string, params: HttpParams): string {
  const pairs = params
    .keys()
    .sort()
    .map((k) => `${k}=${(params.getAll(k) ?? []).join(',')}`);
  return `${url}?${pairs.join('&')}`;
}
