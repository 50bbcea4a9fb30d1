import { Global, Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { configureApp } from '../../../main';
import type { TestDatabase } from '../../../testing/test-database';
import { HttpApiModule } from '../../common/http-api.module';
import { RecordStore } from '../../database/record-store';
import { IngestModule } from '../../ingest/ingest.module';
import { OrgService } from '../../org/org.service';
import { LIVE_OPTIONS, liveOptionsFromEnv, type LiveOptions } from '../../live/live-options';
import { LiveState } from '../../live/live-state.service';
import { LiveModule } from '../../live/live.module';
import { AlertScheduler } from '../alert-scheduler.service';
import { AlertsModule } from '../alerts.module';
import { AlertsService } from '../alerts.service';

function databaseModule(db: TestDatabase): DynamicModule {
  @Global()
  @Module({})
  class AlertsTestDatabaseModule {}
  return {
    module: AlertsTestDatabaseModule,
    providers: [
      { provide: DataSource, useValue: db.dataSource },
      { provide: RecordStore, useValue: db.store },
    ],
    exports: [DataSource, RecordStore],
  };
}

export interface AlertsTestApp {
  app: INestApplication;
  url: string;
  scheduler: AlertScheduler;
  alerts: AlertsService;
  reload(): Promise<void>;
}

/** The API with live and alerts on a random port; the evaluator runs only when the test asks (runUntil). */
export async function startAlertsApp(db: TestDatabase, options: Partial<LiveOptions> = {}): Promise<AlertsTestApp> {
  process.env['ALERTS_EVALUATE'] = '0';
  const moduleRef = await Test.createTestingModule({ imports: [databaseModule(db), HttpApiModule, IngestModule, LiveModule, AlertsModule] })
    .overrideProvider(LIVE_OPTIONS)
    .useValue({ ...liveOptionsFromEnv({}), ...options })
    .compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    scheduler: app.get(AlertScheduler),
    alerts: app.get(AlertsService),
    async reload() {
      await app.get(OrgService).refresh();
      await app.get(LiveState).reload();
    },
  };
}
