import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Each page's lazy component, as `apps/web/src/app/app.routes.ts` loads it (a spec holds the
 * two equal). Paths are the router's, without the leading slash.
 */
export const PAGE_ENTRIES: Readonly<Record<string, string>> = {
  login: 'features/login/login-page.ts',
  agent: 'features/agent/agent-page.ts',
  team: 'features/team-leader/team-page.ts',
  manager: 'features/manager/manager-page.ts',
  desk: 'features/control-desk/desk-page.ts',
  'desk/wallboard': 'features/control-desk/wallboard-page.ts',
  training: 'features/training/training-page.ts',
};

/** The part of esbuild's metafile (`statsJson` of the Angular build) read here. */
export interface BuildMetafile {
  outputs: Record<string, { entryPoint?: string; imports?: readonly { path: string; kind: string }[] }>;
}

/**
 * For each page: the JavaScript files its lazy component needs beyond what index.html already
 * preloads — its own chunk and every chunk that chunk imports statically, transitively. Without
 * them the browser learns of the page's chunk only once the router runs, and of its shared chunks
 * only once that chunk has loaded: two round trips after the app's own code, on the first-render
 * path. Angular adds such per-route hints only when it renders on the server, which we do not.
 */
export function pagePreloads(meta: BuildMetafile, indexHtml: string, pages: Readonly<Record<string, string>> = PAGE_ENTRIES): Map<string, string[]> {
  const initial = new Set([...indexHtml.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+\.js)"/g)].map((m) => m[1]));
  // Output keys carry the output folder ("browser/chunk-X.js"); pages name files by base name.
  const byName = new Map(Object.entries(meta.outputs).map(([path, out]) => [baseName(path), out]));
  const result = new Map<string, string[]>();
  for (const [page, source] of Object.entries(pages)) {
    const entry = [...byName].find(([name, out]) => name.endsWith('.js') && out.entryPoint?.endsWith(`/${source}`));
    if (!entry) continue;
    const files: string[] = [];
    const seen = new Set<string>();
    const visit = (name: string): void => {
      if (seen.has(name) || initial.has(name)) return;
      seen.add(name);
      files.push(name);
      for (const imp of byName.get(name)?.imports ?? []) if (imp.kind === 'import-statement') visit(baseName(imp.path));
    };
    visit(entry[0]);
    result.set(page, files);
  }
  return result;
}

/** index.html with `<link rel="modulepreload">` for `files`, after the ones the build wrote. */
export function withModulePreloads(indexHtml: string, files: readonly string[]): string {
  if (files.length === 0) return indexHtml;
  const links = files.map((f) => `<link rel="modulepreload" href="${f}">`).join('');
  return indexHtml.replace('</head>', `${links}</head>`);
}

/**
 * Page path → its index.html (`indexHtml`, the app's) with preload hints, from a built app
 * (`stats.json` beside the browser folder); empty when the build wrote no metafile (the page then loads as before).
 */
export function loadPageHtml(browserDir: string, indexHtml: string): Map<string, string> {
  const statsPath = join(browserDir, '..', 'stats.json');
  if (!existsSync(statsPath)) return new Map();
  const meta = JSON.parse(readFileSync(statsPath, 'utf8')) as BuildMetafile;
  const pages = new Map<string, string>();
  for (const [page, files] of pagePreloads(meta, indexHtml)) {
    // A metafile left from another build must not point the browser at files that are not there.
    pages.set(page, withModulePreloads(indexHtml, files.filter((f) => existsSync(join(browserDir, f)))));
  }
  return pages;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
