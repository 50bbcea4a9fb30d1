import { Module } from '@nestjs/common';
import { KpiModule } from '../kpi/kpi.module';
import { ActivityEffectService } from './activity-effect.service';
import { TrainingController } from './training.controller';

/** Training and coaching register and effectiveness (spec/action.md). */
@Module({
  imports: [KpiModule],
  controllers: [TrainingController],
  providers: [ActivityEffectService],
  exports: [ActivityEffectService],
})
export class TrainingModule {}
