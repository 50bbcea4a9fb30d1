import { Global, Module } from '@nestjs/common';
import { OrgAdminService } from './org-admin.service';
import { OrgController } from './org.controller';
import { OrgService } from './org.service';

/** Global so ingest, live and every feature share one cached org (refresh() after an org feed). */
@Global()
@Module({
  controllers: [OrgController],
  providers: [OrgService, OrgAdminService],
  exports: [OrgService],
})
export class OrgModule {}
