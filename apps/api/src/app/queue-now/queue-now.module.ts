import { Global, Module } from '@nestjs/common';
import { QueueNowController } from './queue-now.controller';
import { WaitingSources } from './waiting-sources';

/** Calls waiting and the longest wait now (`GET /queues/waiting`). Global: the demo registers its live source. */
@Global()
@Module({
  controllers: [QueueNowController],
  providers: [WaitingSources],
  exports: [WaitingSources],
})
export class QueueNowModule {}
