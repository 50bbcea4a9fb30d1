// `node tools/build/build-node.mjs [api|cli ...] [--outdir DIR]`: the API and the CLI as compiled
// JavaScript, one CommonJS file each (dist/apps/api/main.js, dist/tools/cli/main.js), so a start
// loads JavaScript instead of compiling ~600 TypeScript files through SWC.
//
// Why esbuild + SWC: esbuild bundles (path aliases from tsconfig.base.json, one file, fast load)
// but does not emit decorator metadata, which NestJS dependency injection and TypeORM columns
// read at run time; SWC (already the compiler of tests and of the TS path) emits it, so every
// workspace .ts file goes through SWC first and esbuild only bundles the result.
// node_modules stay external: production dependencies are installed beside dist/ (PGlite loads its
// wasm/data files from its own package folder, and NestJS 12 is ESM loaded by require()).
import { copyFileSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { transform } from '@swc/core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What is built: entry source, output file, files copied beside it (read through __dirname). */
export const TARGETS = {
  api: { entry: 'apps/api/src/main.ts', out: 'apps/api/main.js' },
  cli: { entry: 'tools/cli/src/main.ts', out: 'tools/cli/main.js' },
};
/** pglite-server.ts starts `join(__dirname, 'pglite-worker.mjs')`: in a bundle, __dirname is the bundle's folder. */
const WORKER = 'apps/api/src/app/database/pglite-worker.mjs';
/** Beside each bundle: the workspace files it was built from, for the staleness check (stale-build.mjs). */
export const SOURCES_FILE = 'sources.txt';

const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    // Helpers inlined: @swc/helpers (tsconfig's importHelpers) is a dev dependency.
    externalHelpers: false,
    keepClassNames: true,
  },
  // ES modules out, so esbuild links them (and resolves the aliases) itself.
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

/**
 * Packages bundled (tree-shaken from their ES modules) rather than required: date-fns's CommonJS
 * index requires its ~300 files, which cost `fw kpi` a few hundred ms of module loading (issue 21)
 * for the dozen functions libs/kpi uses. Pure JavaScript, no files read through __dirname.
 */
const BUNDLED = /^(date-fns|@date-fns\/tz)(\/|$)/;

/** SWC for every workspace .ts file; node_modules are never bundled, except BUNDLED. */
function swcPlugin(entry) {
  return {
    name: 'swc-decorator-metadata',
    setup(b) {
      // Bare specifiers that are not workspace aliases are packages: left to require() at run time,
      // except the few BUNDLED ones.
      b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@floorwatch/') || BUNDLED.test(args.path) ? undefined : { path: args.path, external: true }));
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        let code = readFileSync(args.path, 'utf8');
        // In one bundle every file shares the bundle's `module`, so a non-entry file's
        // "run me when I am the main module" guard (apps/api/src/main.ts inside the CLI) would fire.
        if (args.path !== entry) code = code.replace(/require\.main === module/g, 'false');
        const out = await transform(code, { ...swcOptions, filename: args.path });
        return { contents: out.code, loader: 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}

/** Builds the named targets into outdir (default dist/); returns the output files. */
export async function buildNode(names = Object.keys(TARGETS), outdir = join(root, 'dist')) {
  const outputs = [];
  for (const name of names) {
    const target = TARGETS[name];
    if (!target) throw new Error(`unknown build target "${name}" (${Object.keys(TARGETS).join(', ')})`);
    const entry = join(root, target.entry);
    const startedAt = new Date();
    const outfile = join(outdir, target.out);
    const result = await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      tsconfig: join(root, 'tsconfig.base.json'),
      // Class and function names survive bundling (esbuild renames clashing top-level names):
      // TypeORM migration and entity names and Nest's provider names come from them.
      keepNames: true,
      sourcemap: 'linked',
      metafile: true,
      logLevel: 'warning',
      plugins: [swcPlugin(entry)],
    });
    copyFileSync(join(root, WORKER), join(dirname(outfile), 'pglite-worker.mjs'));
    const sources = Object.keys(result.metafile.inputs)
      .map((p) => relative(root, resolve(p)))
      .filter((p) => !p.startsWith('node_modules/') && !p.startsWith('..'));
    sources.push(WORKER, 'tsconfig.base.json', 'tools/build/build-node.mjs');
    writeFileSync(join(dirname(outfile), SOURCES_FILE), [...new Set(sources)].sort().join('\n') + '\n');
    const external = Object.values(result.metafile.outputs)
      .flatMap((o) => o.imports)
      .filter((i) => i.external)
      .map((i) => i.path);
    writeFileSync(join(dirname(outfile), 'externals.json'), JSON.stringify([...new Set(external)].sort(), null, 1) + '\n');
    // The bundle is as old as the sources it read: a file saved during the build counts as newer.
    utimesSync(outfile, startedAt, startedAt);
    outputs.push(outfile);
  }
  return outputs;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--outdir');
  const outdir = at >= 0 ? resolve(args[at + 1]) : undefined;
  const names = at >= 0 ? [...args.slice(0, at), ...args.slice(at + 2)] : args;
  const started = Date.now();
  const files = await buildNode(names.length ? names : undefined, outdir);
  console.log(`built ${files.map((f) => relative(process.cwd(), f)).join(', ')} in ${Date.now() - started} ms`);
}
