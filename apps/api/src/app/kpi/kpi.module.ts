import { Module } from '@nestjs/common';
import { TargetsModule } from '../targets/targets.module';
import { KpiQueryService } from './kpi-query.service';
import { KpiController } from './kpi.controller';
import { StaffingService } from './staffing.service';
import { TimelineService } from './timeline.service';

/** KPIs, CSV export, timeline and staffing. Needs RecordStore (DatabaseModule) and OrgModule. */
@Module({
  imports: [TargetsModule],
  controllers: [KpiController],
  providers: [KpiQueryService, TimelineService, StaffingService],
  exports: [KpiQueryService, TimelineService, StaffingService],
})
export class KpiModule {}
