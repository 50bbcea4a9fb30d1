// Runs PGlite behind pglite-socket in a child process: Jest's VM cannot load PGlite's WASM
// (dynamic import), so tests talk to it over the wire like any PostgreSQL.
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const db = await PGlite.create('memory://');
const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
await server.start();
const conn = server.getServerConn();
process.stdout.write(`PORT ${conn.slice(conn.lastIndexOf(':') + 1)}\n`);
const stop = async () => {
  await server.stop();
  await db.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
