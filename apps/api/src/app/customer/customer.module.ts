import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DriversController } from './drivers/drivers.controller';
import { DriversService } from './drivers/drivers.service';
import { FeedbackController } from './feedback/feedback.controller';
import { HotlineController } from './hotline/hotline.controller';
import { HotlineLiveGateway } from './hotline/hotline-live.gateway';
import { HotlineService } from './hotline/hotline.service';

/**
 * Customer outcomes (spec/customer.md): drivers, HOTLINE cases (REST and the `hotline-case` push
 * on /live), the agent's feedback list. Survey attribution and case raising run inside ingest
 * (customer-ingest-hook.ts).
 */
@Module({
  imports: [AuthModule],
  controllers: [DriversController, HotlineController, FeedbackController],
  providers: [DriversService, HotlineService, HotlineLiveGateway],
  exports: [DriversService, HotlineService],
})
export class CustomerModule {}
