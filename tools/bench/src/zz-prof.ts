import { Readable } from 'node:stream';
import { openDatabase } from '../../../apps/api/src/app/database/open-database';
import { RecordStore } from '../../../apps/api/src/app/database/record-store';
import { OrgService } from '../../../apps/api/src/app/org/org.service';
import { IngestEvents } from '../../../apps/api/src/app/ingest/ingest-events';
import { IngestService } from '../../../apps/api/src/app/ingest/ingest.service';
import { simulateQueueLog } from '../../../apps/api/src/app/ingest/queue-log/queue-log-feed-kit';
import { Client } from 'pg';
async function main() {
  const base = 'postgres://postgres@127.0.0.1:5432/test';
  const c = new Client({ connectionString: base }); await c.connect();
  await c.query('DROP SCHEMA IF EXISTS prof CASCADE'); await c.query('CREATE SCHEMA prof'); await c.end();
  const calls = Number(process.argv[2] ?? 20000);
  const grouped = process.argv[3] === 'grouped';
  const feed = simulateQueueLog({ calls, agents: 50, seed: 870, acwShare: grouped ? 0 : 0.5, distinctCallers: grouped });
  const lines = grouped ? feed.grouped : feed.lines;
  const handle = await openDatabase({ url: base, schema: 'prof', migrationsRun: true });
  const svc = new IngestService(RecordStore.for(handle), new OrgService(handle.dataSource), new IngestEvents());
  const t0 = Date.now();
  const s = await svc.ingest('queue_log', Readable.from([Buffer.from(lines.join('\n') + '\n')]), { source: 'p', onBatch: (x) => console.log('batch', x.read, (Date.now() - t0) / 1000) });
  const t = (Date.now() - t0) / 1000;
  console.log(JSON.stringify(s), lines.length, 'lines', t, 's', Math.round(lines.length / t), 'lines/s');
  await handle.close();
}
main();
