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

  it('builds the api from a Dockerfile that builds the web app and runs the api entry point', () => {
    const build = compose.services['api'].build;
    expect(build).toBeDefined();
    // compose resolves `context` against the compose file's folder, and `dockerfile` against the context.
    const dockerfile = readFileSync(join(dir, build?.context ?? '.', build?.dockerfile ?? 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/npm ci/);
    expect(dockerfile).toMatch(/nx build web/);
    expect(dockerfile).toMatch(/apps\/api\/src\/main\.ts/);
  });
});
