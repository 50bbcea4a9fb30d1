import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulateQueueLog } from '../../../apps/api/src/app/ingest/queue-log/queue-log-feed-kit';
import { INGEST_HEAP_MB, runCli } from './ingest-memory';
import { adminQuery } from './pg-admin';
import { round, type BenchFigure } from './sizes';

/** Issue 19's file: 300 000 calls, 50 agents, one distinct caller per call, no wrap-ups: ~870 000 lines. */
export const CALL_GROUPED_CALLS = 300_000;

/**
 * The call-grouped queue_log (lines grouped per call, as a per-call database export or a merge of
 * two servers writes them) through `fw ingest` as shipped, in a process and a PostgreSQL database
 * of its own: peak RSS must stay < 300 MB (performance.md) however large the file, since the
 * ingest keeps no parser state between batches (queue_log lines are stored and re-derived).
 */
export async function callGroupedIngestMemory(pgUrl: string, calls = CALL_GROUPED_CALLS): Promise<BenchFigure> {
  const dir = mkdtempSync(join(tmpdir(), 'fw-grouped-'));
  const db = `fw_bench_grouped_${process.pid}`;
  const url = new URL(pgUrl);
  url.pathname = `/${db}`;
  try {
    const feed = simulateQueueLog({ calls, agents: 50, seed: 870, acwShare: 0, distinctCallers: true });
    const file = join(dir, 'grouped.queue_log');
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(file);
      out.on('error', reject);
      for (let i = 0; i < feed.grouped.length; i += 10_000) out.write(feed.grouped.slice(i, i + 10_000).join('\n') + '\n');
      out.end(resolve);
    });
    const lines = feed.grouped.length;
    await adminQuery(pgUrl, `DROP DATABASE IF EXISTS ${db}`);
    await adminQuery(pgUrl, `CREATE DATABASE ${db}`);
    const run = await runCli(url.toString(), ['ingest', '--format', 'queue_log', file], String(INGEST_HEAP_MB));
    return {
      name: `ingest queue_log memory, call-grouped file, CLI as shipped (fw.sh: old space capped at ${INGEST_HEAP_MB} MB), PostgreSQL`,
      size: `${lines} queue_log lines (${calls} calls, 50 agents, one caller per call, lines grouped per call)`,
      value: run.peakRssMb,
      unit: 'MB peak RSS',
      details: { seconds: round(run.seconds, 1), linesPerSecWithStartup: round(lines / run.seconds, 0), rssSamplesMb: run.samplesMb.join(' ') },
    };
  } finally {
    await adminQuery(pgUrl, `DROP DATABASE IF EXISTS ${db}`).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `node -r ./tools/register.cjs tools/bench/src/call-grouped-memory.ts [calls]`: this figure alone. */
if (require.main === module) {
  const pg = process.env['BENCH_DATABASE_URL'] || process.env['TEST_DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/test';
  callGroupedIngestMemory(pg, Number(process.argv[2] ?? CALL_GROUPED_CALLS)).then(
    (f) => console.log(JSON.stringify(f)),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
