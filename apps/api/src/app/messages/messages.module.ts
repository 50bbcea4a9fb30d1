import { Module } from '@nestjs/common';
import { MessageBus } from './message-bus';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';
import { ScheduleRequestsController } from './schedule-requests.controller';
import { ScheduleRequestsService } from './schedule-requests.service';

/** Messages/alerts and schedule-change requests. Exports MessageBus for the live gateway. */
@Module({
  controllers: [MessagesController, ScheduleRequestsController],
  providers: [MessageBus, MessagesService, ScheduleRequestsService],
  exports: [MessageBus, MessagesService],
})
export class MessagesModule {}
