import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';

/**
 * Everything main.ts and the HTTP tests must agree on: the `/api/v1` prefix (health and metrics
 * stay at the root for probes and Prometheus), security headers, and OpenAPI at `/api/docs`.
 */
export function configureApp(app: INestApplication): INestApplication {
  app.setGlobalPrefix('api/v1', { exclude: ['health', 'metrics'] });
  app.use(
    helmet({
      // Swagger UI's inline bootstrap script needs this relaxed; everything else keeps the defaults.
      contentSecurityPolicy: { directives: { 'script-src': ["'self'", "'unsafe-inline'"] } },
    }),
  );
  app.enableShutdownHooks();
  const config = new DocumentBuilder()
    .setTitle('Floorwatch API')
    .setDescription('Contact-centre workforce analytics: KPIs, staffing, targets, messages, ingest.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, config), {
    jsonDocumentUrl: 'api/docs-json',
  });
  return app;
}
