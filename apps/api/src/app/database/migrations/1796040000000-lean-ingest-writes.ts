import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * settings key: the latest `at` of a stored queue_log line (epoch ms), raised by every batch that
 * stores lines (queue-log-sql.ts). The quarantine's "incomplete" cut-off reads it.
 */
export const QUEUE_LOG_LATEST_LINE_KEY = 'queue-log-latest-line';

/*
 * What every ingest batch and every file's ANALYZE paid for and no query uses (issue 19, "no
 * slower than today"; docs/perf.md "Ingest: indexes and statistics nobody reads"):
 * - rollup_agent_time_15m's (team_id, …) and (site_id, …) indexes: every reader filters that table
 *   by interval (primary key) or agent (agent index), and a site by joining agents (the agent's
 *   current site, rollup-reader.ts). Two of its four b-trees: 104 of 177 ms for 30 175 rows.
 * - queue_log_lines (at): only the quarantine's max(at) read it; the latest line's time is now a
 *   setting every batch raises (QUEUE_LOG_LATEST_LINE_KEY, set here from the index before it goes).
 * - Planner statistics of columns that are only summed or shown (rollup counters, a stored line's
 *   text, a checkpoint's snapshot): ANALYZE sorted each of them for histograms no plan reads. The
 *   columns a query filters, joins or groups on keep theirs. New day partitions copy the setting
 *   from their parent (partitions.ts).
 */
export class LeanIngestWrites1796040000000 implements MigrationInterface {
  name = 'LeanIngestWrites1796040000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS rollup_agent_time_15m_team_idx');
    await q.query('DROP INDEX IF EXISTS rollup_agent_time_15m_site_idx');
    await q.query(
      `INSERT INTO settings (key, value, updated_at) SELECT $1, to_jsonb((extract(epoch from max(at)) * 1000)::float8), now() FROM queue_log_lines HAVING max(at) IS NOT NULL
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()`,
      [QUEUE_LOG_LATEST_LINE_KEY],
    );
    await q.query('DROP INDEX IF EXISTS queue_log_lines_at_idx');
    for (const [table, columns] of await payloadColumns(q)) await setStatistics(q, table, columns, 0);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, columns] of await payloadColumns(q)) await setStatistics(q, table, columns, -1);
    await q.query('CREATE INDEX IF NOT EXISTS rollup_agent_time_15m_team_idx ON rollup_agent_time_15m (team_id, interval_start)');
    await q.query('CREATE INDEX IF NOT EXISTS rollup_agent_time_15m_site_idx ON rollup_agent_time_15m (site_id, interval_start)');
    await q.query('CREATE INDEX IF NOT EXISTS queue_log_lines_at_idx ON queue_log_lines (at)');
    await q.query('DELETE FROM settings WHERE key = $1', [QUEUE_LOG_LATEST_LINE_KEY]);
  }
}

/** Stored payload: read back or shown, never in a WHERE, JOIN or GROUP BY. */
const PAYLOAD: Record<string, readonly string[]> = {
  queue_log_lines: ['text', 'source', 'line_number'],
  queue_log_agent_checkpoints: ['snapshot'],
  agent_state_events: ['ingested_at'],
  contacts: ['ingested_at', 'source_updated_at'],
};

/**
 * Per table of this schema, its payload columns: PAYLOAD's, and every numeric column of a rollup
 * table (rollup_*) that no index holds (its counters and sums; a numeric key would be indexed).
 */
async function payloadColumns(q: QueryRunner): Promise<Map<string, string[]>> {
  const pairs = Object.entries(PAYLOAD).flatMap(([t, cs]) => cs.map((c) => [t, c] as const));
  const rows: { t: string; c: string }[] = await q.query(
    `SELECT c.relname AS t, a.attname AS c
       FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND a.attnum > 0 AND NOT a.attisdropped
        AND ((c.relname LIKE 'rollup\\_%' AND a.atttypid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype, 'float4'::regtype, 'float8'::regtype, 'numeric'::regtype)
              AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND a.attnum = ANY(i.indkey::int2[])))
             OR (c.relname::text, a.attname::text) IN (SELECT * FROM unnest($1::text[], $2::text[])))
      ORDER BY 1, 2`,
    [pairs.map(([t]) => t), pairs.map(([, c]) => c)],
  );
  const out = new Map<string, string[]>();
  for (const r of rows) {
    let list = out.get(r.t);
    if (!list) out.set(r.t, (list = []));
    list.push(r.c);
  }
  return out;
}

/** On a partitioned table ALTER … SET STATISTICS reaches every partition too. */
async function setStatistics(q: QueryRunner, table: string, columns: readonly string[], target: number): Promise<void> {
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  await q.query(`ALTER TABLE ${quote(table)} ${columns.map((c) => `ALTER COLUMN ${quote(c)} SET STATISTICS ${target}`).join(', ')}`);
}
