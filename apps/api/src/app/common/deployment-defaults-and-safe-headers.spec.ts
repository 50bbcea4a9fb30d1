import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { AuthModule } from '../auth/auth.module';
import { JwtSecretService, jwtSecretProblem } from '../auth/jwt-secret.service';
import { DatabaseHealthIndicator } from '../health/database.health';
import { MetricsModule } from '../metrics/metrics.module';
import { createTestApp } from './testing/test-app';

const scriptSrc = (csp: unknown): string | undefined => String(csp).split(';').find((d) => d.trim().startsWith('script-src '));

/** Issue 20 items 7 and 9: CSP without inline scripts, /metrics and /api/docs closed by default, short JWT secrets refused, /health without error text. */
describe('deployment defaults and safe headers', () => {
  let db: TestDatabase;
  let app: INestApplication;
  const saved = { ...process.env };

  beforeAll(async () => {
    for (const k of ['API_DOCS', 'FLOORWATCH_DEMO', 'METRICS_TOKEN', 'METRICS_PUBLIC', 'JWT_SECRET']) delete process.env[k];
    db = await withTestDatabase();
    app = await createTestApp(db, [AuthModule, MetricsModule]);
  });
  afterAll(async () => {
    process.env = saved;
    await app?.close();
    await db?.close();
  });

  it('the CSP allows no inline script outside /api/docs', async () => {
    const res = await request(app.getHttpServer()).get('/api/v1/me');
    const csp = String(res.headers['content-security-policy']);
    expect(scriptSrc(csp)).toBe("script-src 'self'");
    expect(csp).toContain("script-src-attr 'none'");
  });

  it('/metrics and /api/docs are closed unless configured', async () => {
    expect((await request(app.getHttpServer()).get('/metrics')).status).toBe(401);
    expect((await request(app.getHttpServer()).get('/api/docs-json')).status).toBe(404);
  });

  it('with API_DOCS=1 the docs page (only) may run its inline bootstrap script', async () => {
    process.env['API_DOCS'] = '1';
    process.env['METRICS_PUBLIC'] = '1';
    const docsApp = await createTestApp(db, [AuthModule, MetricsModule]);
    try {
      const docs = await request(docsApp.getHttpServer()).get('/api/docs/');
      expect(docs.status).toBe(200);
      expect(String(docs.headers['content-security-policy'])).toContain("script-src 'self' 'unsafe-inline'");
      const other = await request(docsApp.getHttpServer()).get('/api/v1/me');
      expect(scriptSrc(other.headers['content-security-policy'])).toBe("script-src 'self'");
      expect((await request(docsApp.getHttpServer()).get('/metrics')).status).toBe(200);
    } finally {
      delete process.env['API_DOCS'];
      delete process.env['METRICS_PUBLIC'];
      await docsApp.close();
    }
  });

  it('refuses a JWT_SECRET under 32 bytes', async () => {
    expect(jwtSecretProblem({ JWT_SECRET: 'x'.repeat(31) })).toBe('JWT_SECRET must be at least 32 bytes (got 31); e.g. openssl rand -base64 48');
    expect(jwtSecretProblem({ JWT_SECRET: 'x'.repeat(32) })).toBeNull();
    expect(jwtSecretProblem({})).toBeNull(); // then a random 48-byte secret is kept in settings
    process.env['JWT_SECRET'] = 'short';
    try {
      await expect(new JwtSecretService(db.dataSource).secret()).rejects.toThrow(/at least 32 bytes/);
    } finally {
      delete process.env['JWT_SECRET'];
    }
  });

  it('/health says down without the error text', async () => {
    const failing = { dataSource: { query: () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.5:5432 user=secret')) }, mode: 'postgres' };
    const indicators = { check: (key: string) => ({ up: (d: object) => ({ [key]: { status: 'up', ...d } }), down: (d: object) => ({ [key]: { status: 'down', ...d } }) }) };
    const health = new DatabaseHealthIndicator(indicators as never, failing as never);
    expect(await health.check()).toEqual({ database: { status: 'down', mode: 'postgres' } });
  });
});
