import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MessagesModule } from '../messages/messages.module';
import { LiveGateway } from './live.gateway';
import { LiveAccess } from './live-access';
import { LiveAlertSource } from './live-alert-source';
import { LiveHub } from './live-hub';
import { LIVE_OPTIONS, liveOptionsFromEnv } from './live-options';
import { LiveState } from './live-state.service';

/**
 * Live over websockets (namespace /live). Needs the DatabaseModule (RecordStore) and the global
 * OrgModule and IngestModule (both global: OrgService, IngestEvents).
 */
@Module({
  imports: [AuthModule, MessagesModule],
  providers: [{ provide: LIVE_OPTIONS, useFactory: () => liveOptionsFromEnv() }, LiveState, LiveHub, LiveAccess, LiveGateway, LiveAlertSource],
  exports: [LiveState, LiveHub, LiveAlertSource],
})
export class LiveModule {}
