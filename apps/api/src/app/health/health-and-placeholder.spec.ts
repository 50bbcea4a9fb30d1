import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import request from 'supertest';
import type { Repository } from 'typeorm';
import { configureApp } from '../../main';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { AppModule } from '../app.module';
import { RecordStore } from '../database';
import { SiteEntity } from '../database/entities';

/** A feature module the way other engineers write them: forFeature + @InjectRepository. */
@Injectable()
class SiteNames {
  constructor(@InjectRepository(SiteEntity) private readonly sites: Repository<SiteEntity>, readonly store: RecordStore) {}
  async names(): Promise<string[]> {
    return (await this.sites.find({ order: { id: 'ASC' } })).map((s) => s.name);
  }
}
@Module({ imports: [TypeOrmModule.forFeature([SiteEntity])], providers: [SiteNames] })
class SiteNamesModule {}

describe('api app: /health, placeholder page, repositories for feature modules', () => {
  let db: TestDatabase;
  let app: INestApplication;
  beforeAll(async () => {
    db = await withTestDatabase();
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.forRoot({ database: { handle: db.handle }, webDir: '/nonexistent-web-build' }), SiteNamesModule],
    }).compile();
    app = configureApp(moduleRef.createNestApplication({ logger: false }));
    await app.init();
  });
  afterAll(async () => {
    await app?.close(); // closes the database handle too (DatabaseModule shutdown hook)
    await db?.close();
  });

  it('GET /health reports the database up with its mode', async () => {
    const res = await request(app.getHttpServer()).get('/health').expect(200);
    expect(res.body).toEqual({
      status: 'ok',
      info: { database: { status: 'up', mode: db.mode } },
      error: {},
      details: { database: { status: 'up', mode: db.mode } },
    });
  });

  it('serves the placeholder page at / until the web app is built', async () => {
    const res = await request(app.getHttpServer()).get('/').expect(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toContain('The web app has not been built yet');
  });

  it('gives feature modules TypeORM repositories and the RecordStore on the same DataSource', async () => {
    expect(await app.get(SiteNames).names()).toEqual(['Unassigned']);
    expect(app.get(SiteNames).store).toBe(app.get(RecordStore));
  });
});
