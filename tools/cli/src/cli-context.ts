import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { openDatabase, type DatabaseHandle } from '@floorwatch/api/database/open-database';
import { DatabaseModule } from '@floorwatch/api/database/database.module';
import { IngestModule } from '@floorwatch/api/ingest/ingest.module';
import { FollowModule } from '@floorwatch/api/follow/follow.module';
import { KpiModule } from '@floorwatch/api/kpi/kpi.module';
import { MetricsModule } from '@floorwatch/api/metrics/metrics.module';
import { OrgModule } from '@floorwatch/api/org/org.module';
import { CustomerModule } from '@floorwatch/api/customer/customer.module';

/** The API's own feature modules, without HTTP: `fw` runs the same services as the API. */
@Module({})
class CliModule {
  static forRoot(handle: DatabaseHandle): DynamicModule {
    return { module: CliModule, imports: [DatabaseModule.forRoot({ handle }), MetricsModule, OrgModule, KpiModule, IngestModule, CustomerModule, FollowModule] };
  }
}

export interface CliContext {
  app: INestApplicationContext;
  handle: DatabaseHandle;
  close(): Promise<void>;
}

/** Opens the database from the environment (DATABASE_URL or FLOORWATCH_DATA_DIR) and the Nest context. */
export async function openCli(): Promise<CliContext> {
  const handle = await openDatabase();
  try {
    const app = await NestFactory.createApplicationContext(CliModule.forRoot(handle), { logger: false, abortOnError: false });
    return {
      app,
      handle,
      async close() {
        await app.close();
        await handle.close();
      },
    };
  } catch (err) {
    await handle.close().catch(() => undefined);
    throw err;
  }
}

/** Runs `work` inside an opened context, closing it whatever happens. */
export async function withCli<T>(work: (ctx: CliContext) => Promise<T>): Promise<T> {
  const ctx = await openCli();
  try {
    return await work(ctx);
  } finally {
    await ctx.close().catch(() => undefined);
  }
}
