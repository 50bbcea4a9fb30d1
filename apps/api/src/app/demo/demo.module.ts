import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { KpiModule } from '../kpi/kpi.module';
import { TargetsModule } from '../targets/targets.module';
import { DEMO_CONFIG, DemoService, type DemoRuntimeOptions } from './demo.service';

/**
 * Demo mode: seeded world, planted scenarios, live simulator. Needs the DatabaseModule, the
 * ingest, auth (UsersService), targets and org modules loaded by the app.
 */
@Module({})
export class DemoModule {
  static forRoot(config: DemoRuntimeOptions): DynamicModule {
    return { module: DemoModule, imports: [AuthModule, TargetsModule, KpiModule], providers: [{ provide: DEMO_CONFIG, useValue: config }, DemoService], exports: [DemoService] };
  }
}
