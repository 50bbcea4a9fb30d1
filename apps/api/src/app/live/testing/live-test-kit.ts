import { Global, Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import type { SubscribeAck } from '@floorwatch/contracts';
import { configureApp } from '../../../main';
import type { TestDatabase } from '../../../testing/test-database';
import { HttpApiModule } from '../../common/http-api.module';
import { RecordStore } from '../../database/record-store';
import { IngestEvents } from '../../ingest/ingest-events';
import { IngestModule } from '../../ingest/ingest.module';
import { OrgService } from '../../org/org.service';
import { LIVE_OPTIONS, liveOptionsFromEnv, type LiveOptions } from '../live-options';
import { LiveState } from '../live-state.service';
import { LiveModule } from '../live.module';
import { RedisIoAdapter } from '../redis-io-adapter';

function databaseModule(db: TestDatabase): DynamicModule {
  @Global()
  @Module({})
  class LiveTestDatabaseModule {}
  return {
    module: LiveTestDatabaseModule,
    providers: [
      { provide: DataSource, useValue: db.dataSource },
      { provide: RecordStore, useValue: db.store },
    ],
    exports: [DataSource, RecordStore],
  };
}

export interface LiveTestApp {
  app: INestApplication;
  /** Origin, e.g. http://127.0.0.1:41234 (the namespace is `${url}/live`). */
  url: string;
  state: LiveState;
  ingest: IngestEvents;
  /** Re-reads org and records from the database (after a test seeded them). */
  reload(): Promise<void>;
}

/** A clock running from `iso` at real speed, so timers and thresholds behave as in production. */
export function clockFrom(iso: string): () => number {
  const base = Date.parse(iso);
  const t0 = Date.now();
  return () => base + (Date.now() - t0);
}

/** The API with live on a random port (optionally with the Redis adapter), on the test database. */
export async function startLiveApp(db: TestDatabase, options: Partial<LiveOptions> = {}, redis?: { url: string; key: string }): Promise<LiveTestApp> {
  const moduleRef = await Test.createTestingModule({ imports: [databaseModule(db), HttpApiModule, IngestModule, LiveModule] })
    .overrideProvider(LIVE_OPTIONS)
    .useValue({ ...liveOptionsFromEnv({}), ...options })
    .compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  configureApp(app);
  if (redis) {
    const adapter = new RedisIoAdapter(app);
    await adapter.connectToRedis(redis.url, redis.key);
    app.useWebSocketAdapter(adapter);
  }
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const state = app.get(LiveState);
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    state,
    ingest: app.get(IngestEvents),
    async reload() {
      await app.get(OrgService).refresh();
      await state.reload();
    },
  };
}

/** A connected client, or the connect_error message. */
export function connectClient(url: string, token: string | undefined): Promise<Socket> {
  const socket = io(`${url}/live`, { auth: token === undefined ? {} : { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (e: Error) => {
      socket.close();
      reject(e);
    });
  });
}

export function subscribe(socket: Socket, scope: string): Promise<SubscribeAck> {
  return socket.timeout(5000).emitWithAck('subscribe', { scope }) as Promise<SubscribeAck>;
}

/** The next `event` whose payload passes `match`, or a rejection naming what was awaited. */
export function nextEvent<T>(socket: Socket, event: string, match: (p: T) => boolean = () => true, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler);
      reject(new Error(`no matching "${event}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const handler = (p: T): void => {
      if (!match(p)) return;
      clearTimeout(timer);
      socket.off(event, handler);
      resolve(p);
    };
    socket.on(event, handler);
  });
}

/** Collects every payload of `event` from now on. */
export function collect<T>(socket: Socket, event: string): T[] {
  const out: T[] = [];
  socket.on(event, (p: T) => out.push(p));
  return out;
}
