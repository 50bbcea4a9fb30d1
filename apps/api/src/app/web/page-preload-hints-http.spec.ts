import { serveBuiltApp, type ServedApp } from './testing/serve-built-app';
import type { BuildMetafile } from './route-preloads';

const INDEX = '<!doctype html><html><head><title>Floorwatch</title></head><body><script src="main-MAIN0001.js" type="module"></script></body></html>';
const META: BuildMetafile = {
  outputs: {
    'browser/main-MAIN0001.js': { entryPoint: 'apps/web/src/main.ts', imports: [] },
    'browser/chunk-AGNT0001.js': {
      entryPoint: 'apps/web/src/app/features/agent/agent-page.ts',
      imports: [
        { path: 'browser/chunk-TILE0001.js', kind: 'import-statement' },
        { path: 'browser/chunk-GONE0001.js', kind: 'import-statement' }, // in the metafile, not on disk
      ],
    },
    'browser/chunk-TILE0001.js': { imports: [] },
    'browser/chunk-WALL0001.js': { entryPoint: 'apps/web/src/app/features/control-desk/wallboard-page.ts', imports: [] },
  },
};
const agentLinks = '<link rel="modulepreload" href="chunk-AGNT0001.js"><link rel="modulepreload" href="chunk-TILE0001.js"></head>';

/* The built app served with a metafile beside it (dist/apps/web/{browser,stats.json}). */
describe('web app pages: index.html with the page’s preload hints', () => {
  let served: ServedApp;
  let base: string;
  beforeAll(async () => {
    const files: Record<string, string> = { 'browser/index.html': INDEX, 'stats.json': JSON.stringify(META) };
    for (const f of ['main-MAIN0001.js', 'chunk-AGNT0001.js', 'chunk-TILE0001.js', 'chunk-WALL0001.js']) files[`browser/${f}`] = 'export {}';
    served = await serveBuiltApp(files);
    base = served.base;
  });
  afterAll(() => served?.close());

  const get = async (path: string) => {
    const res = await fetch(`${base}${path}`);
    return { status: res.status, type: res.headers.get('content-type'), cache: res.headers.get('cache-control'), body: await res.text() };
  };

  it('/agent (with or without a view in the query) names the agent page’s chunks that exist', async () => {
    for (const path of ['/agent', '/agent?scope=agent:a7&period=week', '/agent/']) {
      const r = await get(path);
      expect([path, r.status, r.type, r.cache]).toEqual([path, 200, 'text/html; charset=utf-8', 'no-cache']);
      expect(r.body).toContain(agentLinks);
      expect(r.body).not.toContain('chunk-GONE0001.js');
    }
  });

  it('/desk/wallboard gets its own chunk; a page not in the build gets the plain index.html', async () => {
    expect((await get('/desk/wallboard')).body).toContain('<link rel="modulepreload" href="chunk-WALL0001.js"></head>');
    expect((await get('/team')).body).toBe(INDEX);
  });

  it('other routes are untouched: /login falls back to the plain index.html, the API keeps its prefix', async () => {
    const login = await get('/login');
    expect([login.status, login.body]).toEqual([200, INDEX]);
    expect((await get('/api/v1/kpis?scope=enterprise')).status).toBe(401); // an API route, asking for a token
    expect((await get('/api/v1/agent')).status).not.toBe(200); // pages are not under the API prefix
    expect((await get('/chunk-TILE0001.js')).cache).toBe('public, max-age=31536000, immutable');
  });
});
