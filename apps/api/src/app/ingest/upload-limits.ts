import { HttpException, HttpStatus } from '@nestjs/common';
import { Transform, type Readable, type TransformCallback } from 'node:stream';

/**
 * Limits on an uploaded feed (POST /ingest/:format): at most INGEST_MAX_BYTES (default 1 GiB) and
 * no pause longer than INGEST_IDLE_MS (default 30 s) between chunks, so a slow or endless upload
 * cannot hold the per-format ingest lock or fill the disk. Batches committed before a limit
 * tripped stay (ingest is idempotent: the file can be sent again, split or in full).
 */
export interface UploadLimits {
  maxBytes: number;
  idleMs: number;
}

export function uploadLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): UploadLimits {
  const num = (name: string, fallback: number): number => {
    const n = Number(env[name]);
    return env[name] && Number.isFinite(n) && n > 0 ? n : fallback;
  };
  return { maxBytes: num('INGEST_MAX_BYTES', 1024 ** 3), idleMs: num('INGEST_IDLE_MS', 30_000) };
}

export class UploadLimitError extends Error {
  constructor(
    message: string,
    readonly status: HttpStatus,
  ) {
    super(message);
  }

  toHttp(): HttpException {
    return new HttpException({ statusCode: this.status, message: this.message, field: 'body' }, this.status);
  }
}

/** The upload piped through the limits; `tripped()` says which one ended it, if any. */
export function limitUpload(source: Readable, limits: UploadLimits): { stream: Readable; tripped: () => UploadLimitError | null } {
  let seen = 0;
  let error: UploadLimitError | null = null;
  let timer: NodeJS.Timeout | null = null;
  const stream = new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      seen += chunk.length;
      arm();
      if (seen > limits.maxBytes) {
        error = new UploadLimitError(`upload is larger than ${limits.maxBytes} bytes (INGEST_MAX_BYTES)`, HttpStatus.PAYLOAD_TOO_LARGE);
        return done(error);
      }
      done(null, chunk);
    },
    flush(done: TransformCallback) {
      if (timer) clearTimeout(timer);
      done();
    },
  });
  const arm = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      error = new UploadLimitError(`upload paused for more than ${limits.idleMs} ms (INGEST_IDLE_MS)`, HttpStatus.REQUEST_TIMEOUT);
      // Stop reading, but keep the socket: the 408 goes back on it.
      source.unpipe(stream);
      source.pause();
      stream.destroy(error);
    }, limits.idleMs);
  };
  arm();
  source.on('error', (e) => stream.destroy(e));
  stream.on('close', () => timer && clearTimeout(timer));
  // The ingest reading the stream sees the error through its own iteration; this listener only
  // keeps an error raised between two reads from being an unhandled 'error' event.
  stream.on('error', () => undefined);
  source.pipe(stream);
  return { stream, tripped: () => error };
}
