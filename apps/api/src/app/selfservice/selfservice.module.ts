import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module';
import { EntryPointsController } from './entry-points.controller';
import { IvrLiveService } from './ivr-live.service';

/** selfservice.md: the live `ivr` event and the admin's unknown entry points (KPIs go through the KpiModule's query service). */
@Module({
  imports: [LiveModule],
  controllers: [EntryPointsController],
  providers: [IvrLiveService],
})
export class SelfServiceModule {}
