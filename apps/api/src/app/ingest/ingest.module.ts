import { Global, Module } from '@nestjs/common';
import { IngestController } from './ingest.controller';
import { IngestEvents } from './ingest-events';
import { IngestService } from './ingest.service';
import { QuarantineService } from './quarantine.service';

/**
 * Feed ingestion and the quarantine list. Needs RecordStore (DatabaseModule) and OrgService
 * (OrgModule, global); MetricsService is used when MetricsModule is loaded. Global so the live
 * gateway can inject IngestEvents without importing this module.
 */
@Global()
@Module({
  controllers: [IngestController],
  providers: [IngestService, IngestEvents, QuarantineService],
  exports: [IngestService, IngestEvents, QuarantineService],
})
export class IngestModule {}
