import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { HttpApiModule } from './common/http-api.module';
import { DatabaseModule, type DatabaseModuleOptions } from './database/database.module';
import { DemoModule } from './demo/demo.module';
import type { DemoRuntimeOptions } from './demo/demo.service';
import { HealthModule } from './health/health.module';
import { IngestModule } from './ingest/ingest.module';
import { LiveModule } from './live/live.module';
import { WebModule } from './web/web.module';
import { SelfServiceModule } from './selfservice/selfservice.module';

/** Feature modules of the API: append yours here (each in apps/api/src/app/<feature>/). */
export const FEATURE_MODULES: Type[] = [HealthModule, HttpApiModule, IngestModule, LiveModule, SelfServiceModule];

export interface AppModuleOptions {
  database?: DatabaseModuleOptions;
  /** Built web app directory (default dist/apps/web/browser, or FLOORWATCH_WEB_DIR). */
  webDir?: string;
  /** Demo mode (FLOORWATCH_DEMO=1): seeded world and live simulator, run at bootstrap. */
  demo?: DemoRuntimeOptions | null;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DatabaseModule.forRoot(options.database),
        ...FEATURE_MODULES,
        ...(options.demo ? [DemoModule.forRoot(options.demo)] : []),
        WebModule.forRoot(options.webDir),
      ],
    };
  }
}
