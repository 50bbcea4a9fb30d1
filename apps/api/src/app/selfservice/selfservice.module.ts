import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module';
import { IvrLiveService } from './ivr-live.service';

/** selfservice.md: the live `ivr` event (KPIs go through the KpiModule's query service). */
@Module({
  imports: [LiveModule],
  providers: [IvrLiveService],
})
export class SelfServiceModule {}
