import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * `npm run build` (tools/build/build-node.mjs) as it runs in the Docker image: the bundles are built
 * into <out>/dist, a folder of their own under tmp/ (inside the workspace, so their require()s find
 * node_modules the way /app/dist does), beside a copy of tools/cli/fw.sh and no sources, and run
 * with plain node: no TypeScript hook.
 */
describe('the compiled API and CLI (npm run build)', () => {
  let out: string;
  beforeAll(() => {
    mkdirSync(join(ROOT, 'tmp'), { recursive: true });
    out = mkdtempSync(join(ROOT, 'tmp', 'compiled-'));
    const b = spawnSync(process.execPath, ['tools/build/build-node.mjs', 'api', 'cli', '--outdir', join(out, 'dist')], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
    if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
    mkdirSync(join(out, 'tools', 'cli'), { recursive: true });
    copyFileSync(join(ROOT, 'tools', 'cli', 'fw.sh'), join(out, 'tools', 'cli', 'fw.sh'));
  }, 200_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  const env = (extra: Record<string, string>) => ({ ...process.env, DATABASE_URL: '', NODE_OPTIONS: '', FW_FROM_SOURCE: '', ...extra });
  const node = (file: string, args: string[], extra: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [join(out, 'dist', file), ...args], { cwd: out, env: env(extra), encoding: 'utf8', timeout: 180_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  /** As `fw` runs in the image: /usr/local/bin/fw execs tools/cli/fw.sh. */
  const fw = (args: string[], extra: Record<string, string> = {}) => {
    const r = spawnSync('sh', [join(out, 'tools', 'cli', 'fw.sh'), ...args], { cwd: out, env: env(extra), encoding: 'utf8', timeout: 180_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it('fw --help answers from the bundle and lists the commands', () => {
    const r = fw(['--help']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: fw \[options\] \[command\]/);
    for (const command of ['ingest', 'kpi', 'serve', 'simulate', 'connect-stream']) expect(r.out).toMatch(new RegExp(`\\n  ${command} `));
  });

  it('a command loaded on demand runs from the bundle: a bad --from is exit 2 and one line naming the option', () => {
    const r = fw(['kpi', '--from', 'yesterday', '--to', '2024-06-11']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('fw: --from: is not an ISO 8601 date or date-time\n');
  });

  it('NestJS dependency injection works in the bundle (decorator metadata emitted): fw quarantine on a fresh embedded store prints []', () => {
    const r = node('tools/cli/main.js', ['quarantine'], { FLOORWATCH_DATA_DIR: 'memory://' });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([]);
  }, 180_000);

  it('fw kpi loads no HTTP stack (issue 21): none of swagger, socket.io, websockets, JWT, redis, the AWS SDK, nor Nest core, which fw quarantine does load', () => {
    /** The packages a run of the compiled CLI required, as printed by the preloaded hook. */
    const packagesOf = (args: string[]) => {
      const r = spawnSync(process.execPath, ['-r', join(ROOT, 'tools', 'cli', 'src', 'loaded-packages-hook.cjs'), join(out, 'dist', 'tools', 'cli', 'main.js'), ...args], {
        cwd: out,
        env: env({ FLOORWATCH_DATA_DIR: 'memory://' }),
        encoding: 'utf8',
        timeout: 180_000,
      });
      expect(r.status).toBe(0);
      const line = r.stderr.split('\n').find((l) => l.startsWith('loaded packages: '));
      return JSON.parse(line?.slice('loaded packages: '.length) ?? 'null') as string[];
    };
    const heavy = (packages: string[]) => packages.filter((p) => /^(@nestjs\/(core|swagger|websockets|platform-|serve-static|terminus|jwt)|socket\.io|redis|@redis\/|ioredis|@aws-sdk\/|@smithy\/)/.test(p));
    const kpi = packagesOf(['kpi', '--from', '2024-06-10', '--to', '2024-06-11', '--by', 'site']);
    // It did run the query: the database client and TypeORM were loaded.
    expect(kpi).toEqual(expect.arrayContaining(['pg', 'typeorm']));
    expect(heavy(kpi)).toEqual([]);
    // The hook sees NestJS's ES modules too: a command still on the Nest context shows them.
    expect(heavy(packagesOf(['quarantine']))).toEqual(expect.arrayContaining(['@nestjs/core', '@nestjs/swagger', '@nestjs/websockets', 'redis']));
  }, 360_000);

  it('the API bundle loads every module: a bad PORT is refused with one line', () => {
    const r = node('apps/api/main.js', [], { PORT: 'abc' });
    expect(r.code).toBe(1);
    expect(r.err).toBe('floorwatch: PORT must be a port number, got "abc"\n');
  });

  it('every package the bundles and the PGlite worker load at run time is a production dependency (the image installs no dev dependencies)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const packageOf = (spec: string) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
    const builtin = (spec: string) => spec.startsWith('node:') || builtinModules.includes(spec);
    for (const dir of ['apps/api', 'tools/cli']) {
      const externals = JSON.parse(readFileSync(join(out, 'dist', dir, 'externals.json'), 'utf8')) as string[];
      const worker = readFileSync(join(out, 'dist', dir, 'pglite-worker.mjs'), 'utf8');
      const workerImports = [...worker.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
      expect(workerImports).toEqual(['node:fs', 'node:worker_threads', '@electric-sql/pglite', '@electric-sql/pglite-socket']);
      // The list is the bundle's: it holds the framework the API cannot run without.
      expect(externals).toEqual(expect.arrayContaining(['@nestjs/core', 'typeorm', 'pg']));
      const missing = [...externals, ...workerImports].filter((s) => !builtin(s)).map(packageOf).filter((p) => !(p in pkg.dependencies));
      expect({ dir, missing }).toEqual({ dir, missing: [] });
    }
  });

  it('fw.sh takes the build while no source it was made from is newer or gone, else the TypeScript (FW_FROM_SOURCE=1 forces it)', () => {
    // A stand-in source tree: main.ts says where it ran from, and is the one source the build lists.
    const src = join(out, 'tools', 'cli', 'src', 'main.ts');
    const list = join(out, 'dist', 'tools', 'cli', 'sources.txt');
    const saved = readFileSync(list, 'utf8');
    mkdirSync(join(out, 'tools', 'cli', 'src'), { recursive: true });
    writeFileSync(join(out, 'tools', 'register.cjs'), '');
    writeFileSync(src, "process.stdout.write('from source\\n');\n");
    writeFileSync(list, 'tools/cli/src/main.ts\n');
    const from = (extra: Record<string, string> = {}) => fw(['--help'], extra).out.split('\n')[0];
    try {
      const hourAgo = new Date(Date.now() - 3_600_000);
      utimesSync(src, hourAgo, hourAgo);
      expect(from()).toBe('Usage: fw [options] [command]');
      expect(from({ FW_FROM_SOURCE: '1' })).toBe('from source');
      const inAMinute = new Date(Date.now() + 60_000);
      utimesSync(src, inAMinute, inAMinute);
      expect(from()).toBe('from source');
      writeFileSync(list, 'tools/cli/src/main.ts\ntools/cli/src/gone.ts\n');
      utimesSync(src, hourAgo, hourAgo);
      expect(from()).toBe('from source');
      rmSync(list);
      expect(from()).toBe('from source');
    } finally {
      writeFileSync(list, saved);
      rmSync(join(out, 'tools', 'cli', 'src'), { recursive: true, force: true });
      rmSync(join(out, 'tools', 'register.cjs'), { force: true });
    }
    // Back to the image's layout (no sources at all): the build.
    expect(from()).toBe('Usage: fw [options] [command]');
  });
});
