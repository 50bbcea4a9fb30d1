import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { openDatabase, type DatabaseHandle } from '../../database/open-database';

/**
 * A fresh, migrated database for one test file: PGlite in a child process (Jest's VM cannot load
 * its WASM), or with TEST_DATABASE_URL a throwaway schema on that PostgreSQL, dropped on close.
 */
export async function openTestDb(): Promise<DatabaseHandle> {
  const url = process.env['TEST_DATABASE_URL'];
  if (url) {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const handle = await openDatabase({ url, schema, poolSize: 4 });
    return {
      ...handle,
      async close() {
        await handle.dataSource.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
        await handle.close();
      },
    };
  }
  const child = spawn(process.execPath, [join(__dirname, 'pglite-child.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`pglite child exited with ${code}`)));
  });
  const handle = await openDatabase({ url: `postgres://postgres@127.0.0.1:${port}/postgres`, poolSize: 1 });
  return {
    ...handle,
    async close() {
      await handle.close();
      child.stdin.end();
      await new Promise((r) => child.once('exit', r));
    },
  };
}
