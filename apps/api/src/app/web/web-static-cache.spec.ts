import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { configureApp } from '../../main';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { AppModule } from '../app.module';

/* The built app: hashed bundles are cached for good, index.html (naming the hashes) never is. */
describe('web app static files: cache headers', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let dir: string;
  let base: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fw-web-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Floorwatch</title><script src="main-5XPLL73V.js" type="module"></script>');
    writeFileSync(join(dir, 'main-5XPLL73V.js'), 'console.log(1)');
    writeFileSync(join(dir, 'chunk-CbQ_tutO.js'), 'export {}');
    writeFileSync(join(dir, 'styles-LP56HZCJ.css'), 'body{}');
    writeFileSync(join(dir, 'favicon.ico'), 'ico');
    db = await withTestDatabase();
    // Listening as in production: the static middleware is mounted on the real HTTP server.
    app = configureApp(await NestFactory.create(AppModule.forRoot({ database: { handle: db.handle }, webDir: dir, demo: null }), { logger: false }));
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['/main-5XPLL73V.js', '/chunk-CbQ_tutO.js', '/styles-LP56HZCJ.css'])('%s: public, a year, immutable', async (path) => {
    const res = await fetch(`${base}${path}`);
    expect([res.status, res.headers.get('cache-control')]).toEqual([200, 'public, max-age=31536000, immutable']);
  });

  it('index.html and unhashed files are revalidated', async () => {
    for (const path of ['/index.html', '/favicon.ico']) {
      const res = await fetch(`${base}${path}`);
      expect([path, res.status, res.headers.get('cache-control')]).toEqual([path, 200, 'no-cache']);
    }
  });

  it('a page route falls back to index.html, not cached for good', async () => {
    const res = await fetch(`${base}/agent`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('main-5XPLL73V.js');
    expect(res.headers.get('cache-control')).not.toContain('immutable');
  });
});
