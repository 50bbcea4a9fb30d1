import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuthModule } from '../auth/auth.module';
import { KpiModule } from '../kpi/kpi.module';
import { MessagesModule } from '../messages/messages.module';
import { MetricsModule } from '../metrics/metrics.module';
import { OrgModule } from '../org/org.module';
import { TargetsModule } from '../targets/targets.module';
import { CustomerModule } from '../customer/customer.module';
import { StatementTimeoutInterceptor } from './statement-timeout.interceptor';
import { QueueNowModule } from '../queue-now/queue-now.module';

/**
 * The REST API's feature modules in one import for app.module.ts. They need the DatabaseModule
 * (a TypeORM DataSource and the RecordStore) provided globally, and configureApp() on the app.
 */
@Module({
  imports: [MetricsModule, AuthModule, OrgModule, TargetsModule, KpiModule, MessagesModule, CustomerModule, QueueNowModule],
  exports: [MetricsModule, AuthModule, OrgModule, TargetsModule, KpiModule, MessagesModule, CustomerModule],
  // Global (APP_INTERCEPTOR): every GET of the app, whichever module serves it.
  providers: [{ provide: APP_INTERCEPTOR, useClass: StatementTimeoutInterceptor }],
})
export class HttpApiModule {}
