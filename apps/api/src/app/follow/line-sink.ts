import { Readable } from 'node:stream';
import type { FeedFormat, IngestSummary } from '@floorwatch/contracts';
import type { IngestService } from '../ingest/ingest.service';

/** Where a follower delivers a batch of complete lines. Resolves once the batch is stored. */
export interface LineSink {
  send(lines: Buffer, signal: AbortSignal): Promise<IngestSummary>;
  readonly describe: string;
}

/** Into this process's database, through the ingest service (its public method only). */
export function ingestSink(ingest: IngestService, format: FeedFormat, source: string): LineSink {
  return {
    describe: `ingest ${format} (source ${source})`,
    send: (lines) => ingest.ingest(format, Readable.from([lines]), { source }),
  };
}

export interface HttpSinkOptions {
  /** Base URL of the remote Floorwatch, e.g. https://floorwatch.example.com */
  url: string;
  token: string;
  format: FeedFormat;
  source: string;
  /** First retry delay; doubled per failure up to maxDelayMs (± 20 % jitter). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  onRetry?: (attempt: number, delayMs: number, reason: string) => void;
  /** Sent with every batch (the follower's state header for feed health). */
  headers?: Record<string, string>;
  fetchImpl?: typeof fetch;
}

/** A refusal that retrying cannot fix (bad token, no permission, bad format): the follower stops. */
export class ShipRejectedError extends Error {
  override readonly name = 'ShipRejectedError';
}

/**
 * To a remote Floorwatch's streaming ingest endpoint (`POST /api/v1/ingest/:format`). A batch is
 * retried until it is accepted: on a network error, 5xx, 408 or 429 with exponential backoff (a
 * retried batch the server did store counts there as duplicates, the ingest being idempotent);
 * other 4xx answers are final.
 */
export function httpSink(o: HttpSinkOptions): LineSink {
  const endpoint = `${o.url.replace(/\/+$/, '')}/api/v1/ingest/${encodeURIComponent(o.format)}?source=${encodeURIComponent(o.source)}`;
  const base = o.baseDelayMs ?? 500;
  const max = o.maxDelayMs ?? 30_000;
  const doFetch = o.fetchImpl ?? fetch;
  return {
    describe: `POST ${endpoint}`,
    async send(lines, signal) {
      for (let attempt = 1; ; attempt++) {
        let reason = '';
        try {
          const res = await doFetch(endpoint, {
            method: 'POST',
            headers: { ...o.headers, Authorization: `Bearer ${o.token}`, 'Content-Type': 'text/plain; charset=utf-8' },
            body: new Uint8Array(lines),
            signal,
          });
          const text = await res.text();
          if (res.ok) return JSON.parse(text) as IngestSummary;
          reason = `HTTP ${res.status} ${text.slice(0, 200)}`;
          if (res.status < 500 && res.status !== 408 && res.status !== 429) throw new ShipRejectedError(`${endpoint} refused the batch: ${reason}`);
        } catch (e) {
          if (e instanceof ShipRejectedError || signal.aborted) throw e;
          reason = reason || (e instanceof Error ? `${e.message}${e.cause instanceof Error ? ` (${e.cause.message})` : ''}` : String(e));
        }
        const delay = Math.round(Math.min(max, base * 2 ** (attempt - 1)) * (0.8 + 0.4 * Math.random()));
        o.onRetry?.(attempt, delay, reason);
        await sleep(delay, signal);
        if (signal.aborted) throw new Error('stopped while waiting to retry');
      }
    },
  };
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((done) => {
    if (signal?.aborted) return done();
    const t = setTimeout(finish, ms);
    function finish() {
      clearTimeout(t);
      signal?.removeEventListener('abort', finish);
      done();
    }
    signal?.addEventListener('abort', finish, { once: true });
  });
}
