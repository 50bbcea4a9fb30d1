import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { BulkWriter } from './bulk-writer';
import { databaseOptionsFromEnv, type OpenDatabaseOptions } from './database-config';
import { openDatabase, type DatabaseHandle } from './open-database';
import { RecordStore } from './record-store';

/** Injection token of the DatabaseHandle (mode, description, close). */
export const DATABASE_HANDLE = Symbol('DATABASE_HANDLE');

export interface DatabaseModuleOptions {
  /** An already opened database (main.ts opens it first to fail fast with one line). */
  handle?: DatabaseHandle;
  /** Otherwise opened here with these options (default: from the environment). */
  open?: OpenDatabaseOptions;
}

/**
 * Global: every feature module can inject `DataSource`, `EntityManager`, `BulkWriter`,
 * `RecordStore` and `DATABASE_HANDLE` without importing anything, and
 * `TypeOrmModule.forFeature([SomeEntity])` + `@InjectRepository(SomeEntity)` work because the
 * DataSource is provided under @nestjs/typeorm's default token (the DataSource class).
 * The handle is closed on application shutdown (TypeORM first, then PGlite).
 */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE_HANDLE) private readonly handle: DatabaseHandle) {}

  static forRoot(options: DatabaseModuleOptions = {}): DynamicModule {
    const providers = [
      {
        provide: DATABASE_HANDLE,
        useFactory: () => options.handle ?? openDatabase(options.open ?? databaseOptionsFromEnv()),
      },
      { provide: DataSource, useFactory: (h: DatabaseHandle) => h.dataSource, inject: [DATABASE_HANDLE] },
      { provide: EntityManager, useFactory: (ds: DataSource) => ds.manager, inject: [DataSource] },
      { provide: BulkWriter, useFactory: (h: DatabaseHandle) => new BulkWriter(h.dataSource, h.mode), inject: [DATABASE_HANDLE] },
      { provide: RecordStore, useFactory: (ds: DataSource, w: BulkWriter) => new RecordStore(ds, w), inject: [DataSource, BulkWriter] },
    ];
    return {
      module: DatabaseModule,
      providers,
      exports: [DATABASE_HANDLE, DataSource, EntityManager, BulkWriter, RecordStore],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.handle.close();
  }
}
