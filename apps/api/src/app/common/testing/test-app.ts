import { Global, Module, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { configureApp } from '../configure-app';

function dataSourceModule(ds: DataSource): DynamicModule {
  @Global()
  @Module({})
  class TestDataSourceModule {}
  return { module: TestDataSourceModule, providers: [{ provide: DataSource, useValue: ds }], exports: [DataSource] };
}

/** A Nest app of `modules` on `ds`, configured as main.ts does, ready for supertest. */
export async function createTestApp(ds: DataSource, modules: Type[]): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [dataSourceModule(ds), ...modules] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureApp(app);
  await app.init();
  return app;
}

export async function loginAs(app: INestApplication, username: string, password = 'floorwatch'): Promise<string> {
  const res = await request(app.getHttpServer()).post('/api/v1/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { accessToken: string }).accessToken;
}
