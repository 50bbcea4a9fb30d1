import { openDatabase, type DatabaseHandle } from '@floorwatch/api/database/open-database';
import { RecordStore } from '@floorwatch/api/database/record-store';
import { OrgService } from '@floorwatch/api/org/org.service';

export interface CliDatabase {
  handle: DatabaseHandle;
  store: RecordStore;
  orgs: OrgService;
}

/**
 * The database and the org, without Nest: for read-only commands (`fw kpi`, `fw staffing`) whose
 * services take their few dependencies in the constructor. Importing the API's feature modules
 * (cli-context.ts) loads their controllers and gateways, and with them swagger, socket.io, redis
 * and the AWS SDK: ~2 s of CPU before the first query (issue 21).
 */
export async function withDatabase<T>(work: (db: CliDatabase) => Promise<T>): Promise<T> {
  const handle = await openDatabase();
  try {
    return await work({ handle, store: RecordStore.for(handle), orgs: new OrgService(handle.dataSource) });
  } finally {
    await handle.close().catch(() => undefined);
  }
}
