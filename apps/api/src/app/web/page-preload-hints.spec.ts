import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PAGE_ENTRIES, pagePreloads, withModulePreloads, type BuildMetafile } from './route-preloads';

const INDEX =
  '<!doctype html><html><head><link rel="modulepreload" href="chunk-CORE0001.js">' +
  '<link rel="stylesheet" href="styles-LP56HZCJ.css"></head><body><app-root></app-root>' +
  '<script src="main-MAIN0001.js" type="module"></script></body></html>';

// An esbuild metafile as Angular's statsJson writes it: output keys under the output folder.
const META: BuildMetafile = {
  outputs: {
    'browser/main-MAIN0001.js': { entryPoint: 'apps/web/src/main.ts', imports: [{ path: 'browser/chunk-CORE0001.js', kind: 'import-statement' }] },
    'browser/chunk-CORE0001.js': { imports: [] },
    'browser/chunk-AGNT0001.js': {
      entryPoint: 'apps/web/src/app/features/agent/agent-page.ts',
      imports: [
        { path: 'browser/chunk-CORE0001.js', kind: 'import-statement' }, // already in index.html
        { path: 'browser/chunk-TILE0001.js', kind: 'import-statement' },
        { path: 'browser/chunk-ECHA0001.js', kind: 'dynamic-import' }, // charts load later, on their own
      ],
    },
    'browser/chunk-AGNT0001.js.map': { imports: [] },
    'browser/chunk-TILE0001.js': { imports: [{ path: 'browser/chunk-TIME0001.js', kind: 'import-statement' }] },
    'browser/chunk-TIME0001.js': { imports: [{ path: 'browser/chunk-TILE0001.js', kind: 'import-statement' }] }, // a cycle
    'browser/chunk-DESK0001.js': {
      entryPoint: 'apps/web/src/app/features/control-desk/desk-page.ts',
      imports: [{ path: 'browser/chunk-TILE0001.js', kind: 'import-statement' }],
    },
    'browser/chunk-ECHA0001.js': { entryPoint: 'apps/web/src/app/shared/echarts-lazy.ts', imports: [] },
  },
};

describe('page preload hints: a page’s lazy code is named in its index.html', () => {
  it('the agent page: its chunk and its shared chunks, transitively, not what index.html has nor lazy imports', () => {
    const p = pagePreloads(META, INDEX);
    expect(p.get('agent')).toEqual(['chunk-AGNT0001.js', 'chunk-TILE0001.js', 'chunk-TIME0001.js']);
    expect(p.get('desk')).toEqual(['chunk-DESK0001.js', 'chunk-TILE0001.js', 'chunk-TIME0001.js']);
    // pages whose component is not in this build get no entry (served the plain index.html)
    expect(p.has('team')).toBe(false);
  });

  it('puts one modulepreload link per file before </head>, after the build’s own', () => {
    const html = withModulePreloads(INDEX, ['chunk-AGNT0001.js', 'chunk-TILE0001.js']);
    expect(html).toContain(
      '<link rel="stylesheet" href="styles-LP56HZCJ.css"><link rel="modulepreload" href="chunk-AGNT0001.js"><link rel="modulepreload" href="chunk-TILE0001.js"></head>',
    );
    expect(withModulePreloads(INDEX, [])).toBe(INDEX);
  });

  it('names the same component for each page as the web app’s routes load', () => {
    const routes = readFileSync(join(__dirname, '../../../../web/src/app/app.routes.ts'), 'utf8');
    // path: 'agent', … loadComponent: () => import('./features/agent/agent-page')
    const loaded = Object.fromEntries(
      [...routes.matchAll(/path: '([^']+)',[^}]*?loadComponent: \(\) => import\('\.\/([^']+)'\)/gs)].map((m) => [m[1], `${m[2]}.ts`]),
    );
    expect(loaded).toEqual(PAGE_ENTRIES);
  });
});
