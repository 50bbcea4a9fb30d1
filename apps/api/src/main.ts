import 'reflect-metadata';
import { Logger, RequestMethod, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { API_PREFIX } from '@floorwatch/contracts';
import { AppModule } from './app/app.module';
import { jwtSecretProblem } from './app/auth/jwt-secret.service';
import { UsersService } from './app/auth/users.service';
import { configureHttp } from './app/common/configure-app';
import { databaseOptionsFromEnv } from './app/database/database-config';
import { describeDbError } from './app/database/describe-db-error';
import { openDatabase, type DatabaseHandle } from './app/database/open-database';
import { demoConfigFromEnv, type DemoConfig } from './app/demo/demo-config';
import { realModeRefusal } from './app/demo/real-mode-check';
import { RedisIoAdapter } from './app/live/redis-io-adapter';
import { PAGE_ENTRIES } from './app/web/route-preloads';

/** Shared by main and by HTTP tests: routes under /api/v1 except health, metrics and the web app's pages. */
export function configureApp(app: INestApplication): INestApplication {
  app.setGlobalPrefix(API_PREFIX.replace(/^\//, ''), {
    exclude: [
      { path: 'health', method: RequestMethod.ALL },
      { path: 'metrics', method: RequestMethod.ALL },
      { path: '/', method: RequestMethod.GET },
      // The web app's page routes (index.html with their preload hints), not API routes.
      ...Object.keys(PAGE_ENTRIES).map((path) => ({ path, method: RequestMethod.GET })),
    ],
  });
  app.enableShutdownHooks();
  configureHttp(app);
  return app;
}

export async function bootstrap(env: NodeJS.ProcessEnv = process.env): Promise<INestApplication> {
  const port = Number(env['PORT'] || 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT must be a port number, got "${env['PORT']}"`);

  const secretProblem = jwtSecretProblem(env);
  if (secretProblem) fail(secretProblem);

  let demo: DemoConfig | null;
  try {
    demo = demoConfigFromEnv(env);
  } catch (err) {
    return fail((err as Error).message);
  }

  // Open (and migrate) before Nest starts, so a bad DATABASE_URL is one line, not a stack.
  let db: DatabaseHandle;
  try {
    db = await openDatabase(databaseOptionsFromEnv(env));
  } catch (err) {
    return fail(describeDbError(err));
  }

  if (!demo) {
    // Real mode never runs on the demo world or with a published password (README "Security").
    const refusal = await realModeRefusal(db.dataSource, db.description).catch((e: unknown) => `cannot check the store: ${(e as Error).message}`);
    if (refusal) {
      await db.close().catch(() => undefined);
      return fail(refusal);
    }
  }

  const app = configureApp(await NestFactory.create(AppModule.forRoot({ database: { handle: db }, demo: demo && { ...demo, url: `http://localhost:${port}` } }), { abortOnError: false }));
  const redisUrl = env['REDIS_URL'];
  if (redisUrl) {
    // Several API processes share live rooms through Redis (spec/interfaces.md "Storage").
    const adapter = new RedisIoAdapter(app);
    await adapter.connectToRedis(redisUrl).catch(async (e: unknown) => {
      await app.close().catch(() => undefined);
      fail((e as Error).message);
    });
    app.useWebSocketAdapter(adapter);
  }
  try {
    // The demo (published passwords) listens on this machine only unless HOST says otherwise.
    await app.listen(port, env['HOST'] || (demo ? '127.0.0.1' : '0.0.0.0'));
  } catch (err) {
    await app.close().catch(() => undefined);
    const code = (err as { code?: string }).code;
    return fail(code === 'EADDRINUSE' ? `port ${port} is already in use (set PORT)` : `cannot start the API: ${(err as Error).message}`);
  }
  new Logger('Floorwatch').log(`API on http://localhost:${port} — database: ${db.description}`);
  if (!demo) {
    // Real data: no demo users; the first start creates an admin whose password is shown once.
    const first = await app.get(UsersService).ensureFirstAdmin();
    if (first) process.stdout.write(`First start: log in as "${first.username}" with the one-time password ${first.password} (you must choose a new one at the first login).\n`);
  }
  return app;
}

function fail(line: string): never {
  process.stderr.write(`floorwatch: ${line}\n`);
  process.exit(1);
}

if (require.main === module) {
  bootstrap().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
}
