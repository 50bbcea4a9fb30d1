// PGlite + pglite-socket in a worker thread (plain ESM so it loads without a compiler, also
// under Jest, whose VM cannot run PGlite's dynamic imports). Protocol with the parent:
//   workerData: { dataDir }    -> posts { type: 'listening', host, port } or { type: 'error', message }
//   message { type: 'stop' }   -> stops the server, closes PGlite (flush), posts { type: 'stopped' }
import { mkdirSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const { dataDir } = workerData;
let db = null;
let server = null;

try {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  db = await PGlite.create(dataDir);
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
