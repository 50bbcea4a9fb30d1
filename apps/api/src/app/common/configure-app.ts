import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { applyTrustProxy } from './trust-proxy';

/**
 * Security headers and OpenAPI at `/api/docs` (JSON at `/api/docs-json`), generated from the
 * controllers. main.ts's configureApp calls this after setting the `/api/v1` prefix.
 */
export function configureHttp(app: INestApplication): INestApplication {
  applyTrustProxy(app);
  // helmet's defaults everywhere (script-src 'self': no inline script runs in the app), relaxed
  // only for Swagger UI at /api/docs, whose page bootstraps with an inline script.
  const strict = helmet();
  const docs = helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'", "'unsafe-inline'"] } } });
  app.use((req: { path?: string; url?: string }, res: unknown, next: () => void) => {
    const path = req.path ?? req.url ?? '';
    return (path === '/api/docs' || path.startsWith('/api/docs/') ? docs : strict)(req as never, res as never, next);
  });
  // The API description is for developers: on in demo mode or with API_DOCS=1, off otherwise.
  if (process.env['API_DOCS'] !== '1' && process.env['FLOORWATCH_DEMO'] !== '1') return app;
  const config = new DocumentBuilder()
    .setTitle('Floorwatch API')
    .setDescription('Contact-centre workforce analytics: KPIs, staffing, targets, messages, ingest.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, config), { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
