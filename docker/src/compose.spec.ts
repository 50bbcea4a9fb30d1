import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';

/** No Docker engine runs in CI, so the compose file is checked by reading it. */
interface Service {
  build?: { context: string; dockerfile: string };
  image?: string;
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
}
interface Compose {
  services: Record<string, Service>;
}

const dir = join(__dirname, '..');
const compose = load(readFileSync(join(dir, 'compose.yaml'), 'utf8')) as Compose;

describe('docker/compose.yaml', () => {
  it('runs exactly the api, PostgreSQL and Redis', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'postgres', 'redis']);
    expect(compose.services['postgres'].image).toMatch(/^postgres:\d+/);
    expect(compose.services['redis'].image).toMatch(/^redis:\d+/);
  });

  it('points the api at the postgres and redis services and publishes the port it listens on', () => {
    const api = compose.services['api'];
    const env = api.environment ?? {};
    const pg = compose.services['postgres'].environment ?? {};
    expect(env['DATABASE_URL']).toBe(
      `postgres://${pg['POSTGRES_USER']}:${pg['POSTGRES_PASSWORD']}@postgres:5432/${pg['POSTGRES_DB']}`,
    );
    expect(env['REDIS_URL']).toBe('redis://redis:6379');
    expect(api.ports).toContain(`${env['PORT']}:${env['PORT']}`);
    expect(api.depends_on?.['postgres'].condition).toBe('service_healthy');
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
