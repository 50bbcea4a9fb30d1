import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';

/**
 * Issue 20 item 9, the part no running API can show: docker/compose.yaml publishes no database or
 * Redis port, takes every secret from the git-ignored env file, and starts Redis with AUTH.
 */
interface Service {
  ports?: string[];
  env_file?: string[];
  environment?: Record<string, string>;
  command?: string[] | string;
}
const ROOT = join(__dirname, '../../../../..');
const compose = load(readFileSync(join(ROOT, 'docker/compose.yaml'), 'utf8')) as { services: Record<string, Service> };
const SECRET = /PASSWORD|SECRET|TOKEN|DATABASE_URL|REDIS_URL/;

describe('docker compose publishes only the api and keeps secrets out of the file', () => {
  it('only the api publishes a port; postgres and redis are on the compose network only', () => {
    const published = Object.entries(compose.services).filter(([, s]) => s.ports?.length).map(([name]) => name);
    expect(published).toEqual(['api']);
  });

  it('every service takes its environment from floorwatch.env, which git ignores; no secret is written in the file', () => {
    for (const s of Object.values(compose.services)) {
      expect(s.env_file).toEqual(['floorwatch.env']);
      expect(Object.keys(s.environment ?? {}).filter((k) => SECRET.test(k))).toEqual([]);
    }
    expect(readFileSync(join(ROOT, '.gitignore'), 'utf8').split('\n')).toContain('docker/floorwatch.env');
  });

  it('redis starts with --requirepass from the env file, and the example URL carries that password', () => {
    expect([compose.services['redis'].command].flat().join(' ')).toContain('--requirepass "$$REDIS_PASSWORD"');
    const example = readFileSync(join(ROOT, 'docker/floorwatch.env.example'), 'utf8');
    const pass = /^REDIS_PASSWORD=(.+)$/m.exec(example)?.[1];
    expect(/^REDIS_URL=(.+)$/m.exec(example)?.[1]).toBe(`redis://:${pass}@redis:6379`);
  });
});
