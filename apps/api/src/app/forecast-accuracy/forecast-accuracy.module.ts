import { Module } from '@nestjs/common';
import { KpiModule } from '../kpi/kpi.module';
import { ForecastAccuracyController } from './forecast-accuracy.controller';
import { ForecastAccuracyService } from './forecast-accuracy.service';

/** Forecast accuracy (volume, AHT, WAPE) and the staffing gap split per site (spec/action.md). */
@Module({
  imports: [KpiModule],
  controllers: [ForecastAccuracyController],
  providers: [ForecastAccuracyService],
  exports: [ForecastAccuracyService],
})
export class ForecastAccuracyModule {}
