import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { KpiModule } from '../kpi/kpi.module';
import { TargetsModule } from '../targets/targets.module';
import { ActionEffectService } from './action-effect.service';
import { ActionsController } from './actions.controller';
import { ActionsService } from './actions.service';
import { AdherenceExceptionsController } from './adherence-exceptions.controller';
import { AdherenceExceptionsService } from './adherence-exceptions.service';

/** Corrective actions with their measured effect, cause codes, adherence exceptions (spec/action.md). */
@Module({
  imports: [AlertsModule, KpiModule, TargetsModule],
  controllers: [ActionsController, AdherenceExceptionsController],
  providers: [ActionEffectService, ActionsService, AdherenceExceptionsService],
  exports: [ActionEffectService, ActionsService],
})
export class ActionsModule {}
