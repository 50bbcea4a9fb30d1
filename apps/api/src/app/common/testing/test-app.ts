import { Global, Module, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { RecordStore } from '../../database/record-store';
import type { TestDatabase } from '../../../testing/test-database';
import { configureApp } from '../../../main';

/** Stands in for the DatabaseModule: the test database's DataSource and RecordStore. */
function databaseModule(db: TestDatabase): DynamicModule {
  @Global()
  @Module({})
  class TestDatabaseModule {}
  return {
    module: TestDatabaseModule,
    providers: [
      { provide: DataSource, useValue: db.dataSource },
      { provide: RecordStore, useValue: db.store },
    ],
    exports: [DataSource, RecordStore],
  };
}

/** A Nest app of `modules` on the test database, configured as main.ts does, ready for supertest. */
export async function createTestApp(db: TestDatabase, modules: Type[]): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [databaseModule(db), ...modules] }).compile();
  const app = moduleRef.createNestApplication({ logger: process.env['TEST_LOG'] ? ['error', 'warn'] : false });
  configureApp(app);
  await app.init();
  return app;
}

export async function loginAs(app: INestApplication, username: string, password = 'floorwatch'): Promise<string> {
  const res = await request(app.getHttpServer()).post('/api/v1/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { accessToken: string }).accessToken;
}
