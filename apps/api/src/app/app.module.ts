import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { HttpApiModule } from './common/http-api.module';
import { DatabaseModule, type DatabaseModuleOptions } from './database/database.module';
import { DemoModule } from './demo/demo.module';
import type { DemoRuntimeOptions } from './demo/demo.service';
import { HealthModule } from './health/health.module';
import { IngestModule } from './ingest/ingest.module';
import { LiveModule } from './live/live.module';
import { WebModule } from './web/web.module';
import { AlertsModule } from './alerts/alerts.module';
import { ActionsModule } from './actions/actions.module';
import { TrainingModule } from './training/training.module';
import { BonusModule } from './bonus/bonus.module';
import { ForecastAccuracyModule } from './forecast-accuracy/forecast-accuracy.module';
import { FeedsHealthModule } from './feeds-health/feeds-health.module';
import { FollowRunnerModule } from './follow/follow-runner.module';
import { SelfServiceModule } from './selfservice/selfservice.module';

/** Feature modules of the API: append yours here (each in apps/api/src/app/<feature>/). */
export const FEATURE_MODULES: Type[] = [HealthModule, HttpApiModule, IngestModule, LiveModule, AlertsModule, ForecastAccuracyModule, BonusModule, ActionsModule, TrainingModule, FeedsHealthModule, FollowRunnerModule, SelfServiceModule];

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
