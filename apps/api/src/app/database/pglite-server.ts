import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface EmbeddedPostgres {
  host: string;
  port: number;
  dataDir: string;
  /** Stops the socket server, then closes PGlite (flushing it to disk), then the worker. Idempotent. */
  stop(): Promise<void>;
}

const WORKER = join(__dirname, 'pglite-worker.mjs');

type WorkerMessage = { type: 'listening'; host: string; port: number } | { type: 'error'; message: string } | { type: 'stopped' };

/**
 * PGlite spoken to over the Postgres wire protocol on 127.0.0.1 and a free port, running in a
 * worker thread of this process (pglite-worker.mjs). The thread keeps PGlite's WASM work off the
 * API's event loop (a second core on a 2-core box) and lets PGlite load under Jest too.
 *
 * Why ONE connection: pglite-socket 0.2 multiplexes sockets onto the single PGlite backend one
 * wire MESSAGE at a time, so two clients' extended-protocol sequences (Parse/Bind/Execute/Sync)
 * interleave and a client can receive another's result ("portal does not exist", wrong rows);
 * we reproduced that with 4 pooled clients. With maxConnections 1 and a pg pool of 1, pg-pool
 * queues callers and every statement runs whole. Consequence for callers: while a QueryRunner
 * holds the connection (e.g. an ingest transaction) other queries wait for it, and code inside
 * that transaction must use the runner, never the DataSource, or it waits for itself.
 */
export function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  return listening(new Worker(WORKER, { workerData: { dataDir } }), dataDir);
}

/** A PGlite worker started before its data directory is known: see warmEmbeddedPostgres. */
export interface WarmPostgres {
  /** Opens the data directory (already locked by the caller) in the warm worker. Once only. */
  open(dataDir: string): Promise<EmbeddedPostgres>;
  /** Ends a worker that was never opened (the command failed first); no-op once opened. */
  discard(): void;
}

/**
 * Starts the worker now, and opens a data directory later: the thread loads PGlite and compiles its
 * WebAssembly meanwhile (~0.3 s of a CLI start, issue 21). Nothing touches the disk before open(),
 * so a caller that fails first (a usage error) can simply discard it. `startParams` are added to
 * PGlite's own (postgres `-c name=value` settings).
 */
export function warmEmbeddedPostgres(startParams: readonly string[] = []): WarmPostgres {
  const worker = new Worker(WORKER, { workerData: { dataDir: null } });
  // Until open() listens, a worker that dies is remembered rather than an unhandled 'error' event.
  let failure: Error | null = null;
  const onError = (err: Error) => (failure ??= err);
  const onExit = (code: number) => (failure ??= new Error(`PGlite worker exited (${code}) before listening`));
  worker.on('error', onError);
  worker.once('exit', onExit);
  let state: 'warm' | 'opened' | 'discarded' = 'warm';
  return {
    open(dataDir) {
      if (state !== 'warm') return Promise.reject(new Error(`the warm PGlite worker was already ${state}`));
      state = 'opened';
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (failure) return Promise.reject(failure);
      worker.postMessage({ type: 'open', dataDir, startParams });
      return listening(worker, dataDir);
    },
    discard() {
      if (state !== 'warm') return;
      state = 'discarded';
      void worker.terminate();
    },
  };
}

function listening(worker: Worker, dataDir: string): Promise<EmbeddedPostgres> {
  return new Promise<EmbeddedPostgres>((resolve, reject) => {
    const onExit = (code: number) => reject(new Error(`PGlite worker exited (${code}) before listening`));
    worker.once('error', reject);
    worker.once('exit', onExit);
    worker.once('message', (msg: WorkerMessage) => {
      worker.off('exit', onExit);
      worker.off('error', reject);
      if (msg.type !== 'listening') {
        reject(new Error(msg.type === 'error' ? `cannot open PGlite data directory ${dataDir}: ${msg.message}` : 'PGlite worker stopped'));
        return;
      }
      let stopping: Promise<void> | null = null;
      resolve({
        host: msg.host,
        port: msg.port,
        dataDir,
        stop: () => (stopping ??= stopWorker(worker)),
      });
    });
  });
}

function stopWorker(worker: Worker): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    worker.once('exit', () => resolve());
    worker.once('message', (msg: WorkerMessage) => {
      if (msg.type === 'error') reject(new Error(`closing PGlite: ${msg.message}`));
    });
    worker.postMessage({ type: 'stop' });
  });
}
