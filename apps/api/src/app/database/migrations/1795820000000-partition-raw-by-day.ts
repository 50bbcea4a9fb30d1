import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dayBounds, forgetDayPartitions, partitionName } from '../partitions';

/*
 * Real PostgreSQL: the raw time-series tables become PARTITION BY RANGE (<time column>), one
 * partition per UTC day (docs/perf.md "Partitioning"; partitions.ts creates later days before
 * rows for them are written). Existing rows are kept: each table is rebuilt as
 *   rename old → create the partitioned table LIKE it → one partition per day present → copy
 *   rows → drop old → re-create the primary key and every index under its old name,
 * so every statement, index name and ON CONFLICT target keeps working. Both primary keys
 * already contain the partition column (PostgreSQL requires it of a unique key on a partitioned
 * table): contacts (source, natural_key, enqueued_at), agent_state_events (agent_id, at, state).
 * Index definitions are read from the catalog, so indexes added by earlier migrations come along.
 *
 * Which tables: the two that grow with traffic (one row per contact segment, several per agent
 * per hour). Left plain: schedule_segments (~10x fewer rows, and its overlap read bounds start_at
 * by a sub-query, which prunes only at run time), survey_responses (few rows; its key
 * natural_key has no time column), feed_lines (no time column at all), the rollups (derived,
 * rebuilt per interval, read by interval ranges through their own indexes).
 *
 * PGlite stays unpartitioned: it has one connection, so a day partition could only be created
 * inside the ingest transaction that needs it, and its embedded size (the 30-day demo world)
 * is far below where pruning pays for the extra planning per partition.
 */
export class PartitionRawByDay1795820000000 implements MigrationInterface {
  name = 'PartitionRawByDay1795820000000';

  async up(q: QueryRunner): Promise<void> {
    if (await isPglite(q)) return;
    for (const [table, column] of PARTITIONED) await rebuild(q, table, column);
    forgetDayPartitions(q.connection);
  }

  async down(q: QueryRunner): Promise<void> {
    if (await isPglite(q)) return;
    for (const [table] of PARTITIONED) await rebuild(q, table, null);
    forgetDayPartitions(q.connection);
  }
}

/** Table → partition column, as of this migration (partitions.ts reads the catalog instead). */
const PARTITIONED: readonly (readonly [string, string])[] = [
  ['contacts', 'enqueued_at'],
  ['agent_state_events', 'at'],
];

async function isPglite(q: QueryRunner): Promise<boolean> {
  const [{ v }]: { v: string }[] = await q.query(`SELECT version() AS v`);
  return /PGlite|emscripten/i.test(v);
}

interface IndexDef {
  name: string;
  /** CREATE [UNIQUE] INDEX ... ON <table> ..., or null for an index that backs a constraint. */
  indexSql: string | null;
  /** PRIMARY KEY (...) / UNIQUE (...) for a constraint's index. */
  constraintSql: string | null;
}

/** Rebuilds `table` with its rows, keys and indexes: partitioned by day on `column`, or plain when null. */
async function rebuild(q: QueryRunner, table: string, column: string | null): Promise<void> {
  const old = `${table}__unpartition_old`;
  const indexes = await indexDefs(q, table);
  const columns: { attname: string }[] = await q.query(
    `SELECT attname FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
    [table],
  );
  const cols = columns.map((c) => c.attname).join(', ');

  await q.query(`ALTER TABLE ${table} RENAME TO ${old}`);
  await q.query(
    `CREATE TABLE ${table} (LIKE ${old} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE)${column ? ` PARTITION BY RANGE (${column})` : ''}`,
  );
  if (column) {
    const days: { d: number }[] = await q.query(`SELECT DISTINCT floor(extract(epoch FROM ${column}) / 86400)::int AS d FROM ${old} ORDER BY 1`);
    for (const { d } of days) await q.query(`CREATE TABLE ${partitionName(table, d)} PARTITION OF ${table} ${dayBounds(d)}`);
  }
  await q.query(`INSERT INTO ${table} (${cols}) SELECT ${cols} FROM ${old}`);
  await q.query(`DROP TABLE ${old}`);
  // Keys and indexes after the copy: each is built once per partition instead of maintained row by row.
  for (const index of indexes) {
    if (index.constraintSql) await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${index.name} ${index.constraintSql}`);
    else if (index.indexSql) await q.query(index.indexSql);
  }
  await q.query(`ANALYZE ${table}`);
}

/**
 * The table's indexes as statements that re-create them under the same names. A partitioned
 * table's index reads `ON ONLY <table>` (parent only); on the rebuilt table it must cover the
 * partitions too, so ONLY is dropped.
 */
async function indexDefs(q: QueryRunner, table: string): Promise<IndexDef[]> {
  const rows: { name: string; def: string; condef: string | null }[] = await q.query(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def, pg_get_constraintdef(con.oid) AS condef
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
       LEFT JOIN pg_constraint con ON con.conindid = x.indexrelid AND con.conrelid = x.indrelid AND con.contype IN ('p', 'u', 'x')
      WHERE x.indrelid = to_regclass($1)
      ORDER BY x.indisprimary DESC, i.relname`,
    [table],
  );
  return rows.map((r) => ({
    name: r.name,
    indexSql: r.condef ? null : r.def.replace(/ ON ONLY /, ' ON '),
    constraintSql: r.condef,
  }));
}
