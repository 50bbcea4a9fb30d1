import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import { configureApp } from '../../../main';
import { withTestDatabase } from '../../../testing/test-database';
import { AppModule } from '../../app.module';

export interface ServedApp {
  base: string;
  close(): Promise<void>;
}

/**
 * The production AppModule serving a fake build: `files` (paths relative to a temporary
 * dist/apps/web, e.g. `browser/index.html`, `stats.json`) with `browser/` as the web dir.
 * Listening as in production: the static middleware is mounted on the real HTTP server.
 */
export async function serveBuiltApp(files: Record<string, string>): Promise<ServedApp> {
  const root = mkdtempSync(join(tmpdir(), 'fw-web-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const db = await withTestDatabase();
  const app = configureApp(
    await NestFactory.create(AppModule.forRoot({ database: { handle: db.handle }, webDir: join(root, 'browser'), demo: null }), { logger: false }),
  );
  await app.listen(0, '127.0.0.1');
  return {
    base: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`,
    close: async () => {
      await app.close();
      await db.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
