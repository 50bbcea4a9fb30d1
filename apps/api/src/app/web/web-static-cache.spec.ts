import { serveBuiltApp, type ServedApp } from './testing/serve-built-app';

/* The built app: hashed bundles are cached for good, index.html (naming the hashes) never is. */
describe('web app static files: cache headers', () => {
  let served: ServedApp;
  let base: string;
  beforeAll(async () => {
    served = await serveBuiltApp({
      'browser/index.html': '<!doctype html><title>Floorwatch</title><script src="main-5XPLL73V.js" type="module"></script>',
      'browser/main-5XPLL73V.js': 'console.log(1)',
      'browser/chunk-CbQ_tutO.js': 'export {}',
      'browser/styles-LP56HZCJ.css': 'body{}',
      'browser/favicon.ico': 'ico',
    });
    base = served.base;
  });
  afterAll(() => served?.close());

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
