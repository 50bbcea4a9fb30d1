/* Public API of the storage layer; feature modules import from here. */
export { openDatabase, type DatabaseHandle } from './open-database';
export { databaseOptionsFromEnv, DatabaseConfigError, type DatabaseMode, type OpenDatabaseOptions } from './database-config';
export { describeDbError, DatabaseOpenError } from './describe-db-error';
export { DatabaseModule, DATABASE_HANDLE, type DatabaseModuleOptions } from './database.module';
export { BulkWriter, type BulkWriteOptions, type OnConflict, type Row } from './bulk-writer';
export { RecordStore } from './record-store';
export { lineHashOf } from './line-hash';
export * from './record-types';
export * from './entities';
export { MIGRATIONS, TABLES_IN_DROP_ORDER } from './migrations';
