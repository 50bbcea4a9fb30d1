/*
 * Ingest rate of a generated queue_log, in the current storage mode (DATABASE_URL or a temp PGlite):
 *   node -r ./tools/register.cjs apps/api/src/app/ingest/ingest-rate.bench.ts [lines]
 * Not a test: it reads the clock. tools/bench owns the full-size figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { openDatabase } from '../database/open-database';
import { RecordStore } from '../database/record-store';
import { OrgService } from '../org/org.service';
import { IngestEvents } from './ingest-events';
import { IngestService } from './ingest.service';

/** Calls of 3 lines (ENTERQUEUE, CONNECT, COMPLETECALLER) over 200 agents, one every ~2 s. */
function* queueLog(lines: number): Generator<string> {
  const t0 = 1718010000;
  let n = 0;
  for (let a = 0; a < 200 && n < lines; a++, n++) yield `${t0}|CLI|q${a % 4}|Agent/${1000 + a}|ADDMEMBER|\n`;
  for (let c = 0; n < lines; c++) {
    const t = t0 + 10 + c * 2;
    const agent = `Agent/${1000 + (c % 200)}`;
    yield `${t}|call${c}|q${c % 4}|NONE|ENTERQUEUE||+4455501${c % 9973}|1\n`;
    yield `${t + 5}|call${c}|q${c % 4}|${agent}|CONNECT|5|call${c}.2|2\n`;
    yield `${t + 305}|call${c}|q${c % 4}|${agent}|COMPLETECALLER|5|300|1\n`;
    n += 3;
  }
}

function* chunked(lines: number): Generator<Buffer> {
  let buf = '';
  for (const l of queueLog(lines)) {
    buf += l;
    if (buf.length > 64 * 1024) {
      yield Buffer.from(buf);
      buf = '';
    }
  }
  if (buf) yield Buffer.from(buf);
}

async function main(): Promise<void> {
  const lines = Number(process.argv[2] ?? 200_000);
  const url = process.env['DATABASE_URL'] || undefined;
  const dataDir = url ? undefined : mkdtempSync(join(tmpdir(), 'fw-bench-'));
  const schema = url ? `fw_bench_${process.pid}` : undefined;
  const handle = await openDatabase({ url, dataDir, schema });
  try {
    const store = RecordStore.for(handle);
    const svc = new IngestService(store, new OrgService(handle.dataSource), new IngestEvents());
    const start = process.hrtime.bigint();
    const batchSize = Number(process.argv[3] ?? 20_000);
    const s = await svc.ingest('queue_log', Readable.from(chunked(lines)), { source: 'bench', batchSize });
    const secs = Number(process.hrtime.bigint() - start) / 1e9;
    const rss = Math.round(process.memoryUsage().rss / 1e6);
    process.stdout.write(`${handle.mode}: ${s.read} lines in ${secs.toFixed(2)} s = ${Math.round(s.read / secs)} lines/s (accepted ${s.accepted}, rss ${rss} MB)\n`);
  } finally {
    if (schema) await handle.dataSource.query(`DROP SCHEMA ${schema} CASCADE`);
    await handle.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

void main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
