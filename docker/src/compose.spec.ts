import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';

/** No Docker engine runs in CI, so the compose file is checked by reading it. */
interface Service {
  build?: { context: string; dockerfile: string };
  image?: string;
  environment?: Record<string, string>;
  env_file?: string[];
  command?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
}
interface Compose {
  services: Record<string, Service>;
}

const dir = join(__dirname, '..');
const compose = load(readFileSync(join(dir, 'compose.yaml'), 'utf8')) as Compose;
/** docker/floorwatch.env.example: KEY=value lines, comments skipped. */
const example = Object.fromEntries(
  readFileSync(join(dir, 'floorwatch.env.example'), 'utf8')
    .split('\n')
    .filter((l) => /^[A-Z_]+=/.test(l))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
);

describe('docker/compose.yaml', () => {
  it('runs exactly the api, PostgreSQL and Redis', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'postgres', 'redis']);
    expect(compose.services['postgres'].image).toMatch(/^postgres:\d+/);
    expect(compose.services['redis'].image).toMatch(/^redis:\d+/);
  });

  it('points the api at the postgres and redis services (from the env file) and publishes the port it listens on', () => {
    const api = compose.services['api'];
    const env = api.environment ?? {};
    const pg = compose.services['postgres'].environment ?? {};
    expect(example['DATABASE_URL']).toBe(
      `postgres://${pg['POSTGRES_USER']}:${example['POSTGRES_PASSWORD']}@postgres:5432/${pg['POSTGRES_DB']}`,
    );
    expect(example['REDIS_URL']).toBe(`redis://:${example['REDIS_PASSWORD']}@redis:6379`);
    expect(api.ports).toEqual([`${env['PORT']}:${env['PORT']}`]);
    expect(env['HOST']).toBe('0.0.0.0');
    expect(api.depends_on?.['postgres'].condition).toBe('service_healthy');
  });

  it('deployment defaults (issue 20 item 9): no database or Redis port published, secrets only from the env file, Redis AUTH', () => {
    expect(compose.services['postgres'].ports).toBeUndefined();
    expect(compose.services['redis'].ports).toBeUndefined();
    for (const name of ['api', 'postgres', 'redis']) expect(compose.services[name].env_file).toEqual(['floorwatch.env']);
    const inline = JSON.stringify(Object.values(compose.services).map((s) => s.environment ?? {}));
    expect(inline).not.toMatch(/PASSWORD|SECRET|TOKEN|postgres:\/\/|redis:\/\//);
    expect(compose.services['redis'].command?.join(' ')).toContain('--requirepass "$$REDIS_PASSWORD"'); // $$: compose passes a literal $ to the shell
    expect(Object.keys(example).sort()).toEqual(['DATABASE_URL', 'FLOORWATCH_DEMO', 'JWT_SECRET', 'METRICS_TOKEN', 'POSTGRES_PASSWORD', 'REDIS_PASSWORD', 'REDIS_URL']);
    expect(Buffer.byteLength(example['JWT_SECRET'])).toBeGreaterThanOrEqual(32);
    expect(example['FLOORWATCH_DEMO']).toBe('0');
    expect(readFileSync(join(dir, '..', '.gitignore'), 'utf8').split('\n')).toContain('docker/floorwatch.env');
  });

  it('builds the api from docker/Dockerfile', () => {
    const build = compose.services['api'].build;
    // compose resolves `context` against the compose file's folder, and `dockerfile` against the context.
    expect(join(dir, build?.context ?? '.', build?.dockerfile ?? 'Dockerfile')).toBe(join(dir, 'Dockerfile'));
    expect(join(dir, build?.context ?? '.')).toBe(join(dir, '..'));
  });
});

/** One Dockerfile instruction: keyword and the rest of the line (continuations joined). */
interface Instruction {
  op: string;
  args: string;
}
interface Stage {
  image: string;
  name?: string;
  steps: Instruction[];
}

/** The stages of a Dockerfile, each with its instructions (comments and blank lines dropped). */
function stagesOf(text: string): Stage[] {
  const lines = text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of lines) {
    const [op, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (op.toUpperCase() === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      stages.push({ image: m?.[1] ?? args, name: m?.[2], steps: [] });
    } else stages[stages.length - 1].steps.push({ op: op.toUpperCase(), args });
  }
  return stages;
}

describe('docker/Dockerfile (issue 21: production build)', () => {
  const root = join(dir, '..');
  const stages = stagesOf(readFileSync(join(dir, 'Dockerfile'), 'utf8'));
  const runtime = stages[stages.length - 1];
  const stage = (name: string) => stages.find((s) => s.name === name);
  const args = (s: Stage | undefined, op: string) => (s?.steps ?? []).filter((i) => i.op === op).map((i) => i.args);

  it('is multi-stage: a build stage runs npm run build with every dependency, a deps stage installs production dependencies only', () => {
    expect(stages.map((s) => s.name)).toEqual(['build', 'deps', 'runtime']);
    expect(args(stage('build'), 'RUN')).toEqual(['npm ci --no-audit --no-fund', 'npm run build']);
    expect(args(stage('deps'), 'RUN')).toEqual(['npm ci --omit=dev --no-audit --no-fund && npm cache clean --force']);
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.build).toBe('nx run-many -t build');
    // ...which builds the web app, the API and the CLI into dist/.
    const buildOf = (project: string) => JSON.parse(readFileSync(join(root, project, 'project.json'), 'utf8')).targets.build;
    expect(buildOf('apps/web').options.outputPath).toBe('dist/apps/web');
    expect(buildOf('apps/api').options.command).toBe('node tools/build/build-node.mjs api');
    expect(buildOf('tools/cli').options.command).toBe('node tools/build/build-node.mjs cli');
  });

  it('the runtime stage holds the production node_modules and dist/ only (no sources, no dev dependencies) and runs the compiled API', () => {
    const copies = args(runtime, 'COPY');
    expect(copies).toContain('--from=deps /app/node_modules ./node_modules');
    expect(copies).toContain('--from=build /app/dist ./dist');
    expect(copies.filter((c) => c.startsWith('--from=build'))).toEqual(['--from=build /app/dist ./dist']);
    expect(copies).not.toContain('. .');
    expect(args(runtime, 'CMD')).toEqual(['["node", "dist/apps/api/main.js"]']);
  });

  it('runs as a non-root user', () => {
    const users = args(runtime, 'USER');
    expect(users).toEqual(['node']);
    // Everything after USER (the healthcheck, the CMD) runs as that user.
    const at = runtime.steps.findIndex((i) => i.op === 'USER');
    expect(runtime.steps.slice(at).map((i) => i.op)).not.toContain('RUN');
    expect(runtime.steps.findIndex((i) => i.op === 'CMD')).toBeGreaterThan(at);
  });

  it('has a HEALTHCHECK that asks GET /health on the port the API listens on', () => {
    const [check] = args(runtime, 'HEALTHCHECK');
    expect(check).toMatch(/^--interval=\d+s --timeout=\d+s --start-period=\d+s --retries=\d+ CMD \[/);
    const argv = JSON.parse(check.slice(check.indexOf('CMD ') + 4)) as string[];
    expect(argv.slice(0, 2)).toEqual(['node', '-e']);
    expect(argv[2]).toContain("fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health')");
    expect(argv[2]).toContain('process.exit(r.ok?0:1)');
  });

  it('puts fw on the PATH: /usr/local/bin/fw runs tools/cli/fw.sh, which the image holds without sources (so it takes the compiled CLI)', () => {
    const copies = args(runtime, 'COPY');
    expect(copies).toContain('docker/fw /usr/local/bin/fw');
    expect(copies).toContain('tools/cli/fw.sh ./tools/cli/fw.sh');
    expect(args(runtime, 'WORKDIR')).toEqual(['/app']);
    expect(readFileSync(join(dir, 'fw'), 'utf8')).toMatch(/^#!\/bin\/sh\n[^]*\nexec sh \/app\/tools\/cli\/fw\.sh "\$@"\n$/);
    const fwSh = readFileSync(join(root, 'tools', 'cli', 'fw.sh'), 'utf8');
    expect(fwSh).toContain('if [ ! -f "$root/tools/cli/src/main.ts" ]; then\n    exec node $heap "$built" "$@"');
  });

  it('builds from a clean tree: .dockerignore keeps host node_modules, builds, data and the secrets file out', () => {
    const ignored = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['node_modules', 'dist', '.floorwatch', '.floorwatch-*', 'docker/floorwatch.env']) expect(ignored).toContain(entry);
  });
});
