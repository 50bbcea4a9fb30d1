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
  app.use(
    helmet({
      // Swagger UI's inline bootstrap script needs this relaxed; everything else keeps the defaults.
      contentSecurityPolicy: { directives: { 'script-src': ["'self'", "'unsafe-inline'"] } },
    }),
  );
  const config = new DocumentBuilder()
    .setTitle('Floorwatch API')
    .setDescription('Contact-centre workforce analytics: KPIs, staffing, targets, messages, ingest.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, config), { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
