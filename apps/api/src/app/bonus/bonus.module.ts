import { Module } from '@nestjs/common';
import { KpiModule } from '../kpi/kpi.module';
import { TargetsModule } from '../targets/targets.module';
import { BonusController } from './bonus.controller';
import { BonusService } from './bonus.service';

/** The agent's bonus tracker (spec/action.md). */
@Module({
  imports: [KpiModule, TargetsModule],
  controllers: [BonusController],
  providers: [BonusService],
  exports: [BonusService],
})
export class BonusModule {}
