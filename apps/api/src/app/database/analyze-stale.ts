import type { RecordStore } from './record-store';

/*
 * The planner's statistics kept up with the ingest. PGlite runs no autovacuum, and a server's
 * autovacuum may be off or not yet round (one-minute naps): tables a run of files just filled are
 * then planned from no statistics (every range and equality 0.5 % selective), and a later file's
 * hooks go nested-loop on the wrong index. Measured (docs/perf.md, "Ingest hooks on a fuller
 * database"): the session rollup's hand-over join read ~12 600 index entries per transferred
 * session, 13–16 s per queue_log batch, 75 ms once analysed. So after each file, the tables that
 * were never analysed or grew by more than a fifth (+ 8 pages) since are analysed here. Sizes from
 * pg_class and the files, not the cumulative statistics views: those are flushed up to a second
 * late by whichever pooled connection wrote, so the choice would depend on timing. Plans only: no
 * result depends on it.
 */
const STALE_SQL = `
SELECT format('%I', c.relname) AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = current_schema() AND c.relkind = 'r' AND pg_relation_size(c.oid) > 0
   AND (c.reltuples < 0 OR pg_relation_size(c.oid) / current_setting('block_size')::int > 1.2 * c.relpages + 8)
 ORDER BY c.relname`;

/** Analyses the stale tables of the current schema; returns their names. */
export async function analyzeStaleTables(store: RecordStore): Promise<string[]> {
  const rows = await store.query<{ t: string }>(STALE_SQL);
  const tables = rows.map((r) => r.t);
  if (tables.length > 0) await store.query(`ANALYZE ${tables.join(', ')}`);
  return tables;
}
