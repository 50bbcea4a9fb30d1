// PGlite + pglite-socket in a worker thread (plain ESM so it loads without a compiler, also
// under Jest, whose VM cannot run PGlite's dynamic imports). Protocol with the parent:
//   workerData: { dataDir }    -> posts { type: 'listening', host, port } or { type: 'error', message }
//   workerData: { dataDir: null } (warm start, pglite-server.ts warmEmbeddedPostgres): loads PGlite
//                                 and compiles its WebAssembly, then waits for
//   message { type: 'open', dataDir, startParams } -> as above; startParams are appended to PGlite's
//                                 defaults (the CLI's smaller shared_buffers)
//   message { type: 'stop' }   -> stops the server, closes PGlite (flush), posts { type: 'stopped' }
import { mkdirSync, readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

let db = null;
let server = null;

/**
 * PGlite's WebAssembly compiled here, before any data directory is named, so that a warm start
 * (the CLI) overlaps it with the parent's own loading; null leaves the loading to PGlite itself
 * (its documented `pgliteWasmModule` option is only an optimisation).
 */
async function compileWasm() {
  try {
    return await WebAssembly.compile(readFileSync(new URL('./pglite.wasm', import.meta.resolve('@electric-sql/pglite'))));
  } catch {
    return null;
  }
}

const wasm = compileWasm();
const { dataDir, startParams = [] } =
  workerData.dataDir !== null
    ? workerData
    : await new Promise((resolve) => {
        const onOpen = (msg) => {
          if (msg?.type !== 'open') return;
          parentPort.off('message', onOpen);
          resolve(msg);
        };
        parentPort.on('message', onOpen);
      });

try {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pgliteWasmModule = await wasm;
  db = await PGlite.create(dataDir, {
    ...(pgliteWasmModule ? { pgliteWasmModule } : {}),
    ...(startParams.length ? { startParams: [...PGlite.defaultStartParams, ...startParams] } : {}),
  });
  // One connection: see pglite-server.ts for why.
  server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
  await server.start();
  const conn = server.getServerConn();
  parentPort.postMessage({ type: 'listening', host: '127.0.0.1', port: Number(conn.slice(conn.lastIndexOf(':') + 1)) });
} catch (err) {
  await db?.close().catch(() => undefined);
  parentPort.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  process.exit(1);
}

parentPort.on('message', async (msg) => {
  if (msg?.type !== 'stop') return;
  try {
    await server.stop();
    await db.close();
    parentPort.postMessage({ type: 'stopped' });
  } catch (err) {
    parentPort.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
  parentPort.close();
});
