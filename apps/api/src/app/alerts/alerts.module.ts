import { Module } from '@nestjs/common';
import { KpiModule } from '../kpi/kpi.module';
import { LiveModule } from '../live/live.module';
import { TargetsModule } from '../targets/targets.module';
import { AlertDelivery } from './alert-delivery';
import { AlertRulesController } from './alert-rules.controller';
import { AlertScheduler } from './alert-scheduler.service';
import { AlertsController } from './alerts.controller';
import { AlertsService } from './alerts.service';

/** Alert rules, instances, the per-minute evaluator and `/live` delivery (spec/action.md). */
@Module({
  imports: [KpiModule, TargetsModule, LiveModule],
  controllers: [AlertRulesController, AlertsController],
  providers: [AlertDelivery, AlertsService, AlertScheduler],
  exports: [AlertsService, AlertScheduler],
})
export class AlertsModule {}
