import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource, QueryRunner } from 'typeorm';
import { encodeCopyRow } from './copy-encoding';
import type { DatabaseMode } from './database-config';
import { ensurePartitionsForRows, partitionColumn } from './partitions';

/**
 * What to do when a row's key already exists:
 * - 'ignore': keep the stored row (idempotent re-ingest);
 * - { update }: overwrite these columns from the new row; `where` is an SQL condition that
 *   must hold for the overwrite, with `t.` the stored row and `excluded.` the new one
 *   (e.g. `excluded.source_updated_at > t.source_updated_at`); `target` defaults to the
 *   table's primary key. Rows with the same key within one call: the last one wins;
 * - 'error': plain insert, a key that exists fails the whole write. For rows known to be new
 *   (e.g. after claimFeedLines): on PostgreSQL it COPYs straight into the table, no staging.
 */
export type OnConflict = 'ignore' | 'error' | { update: readonly string[]; where?: string; target?: readonly string[] };

export interface BulkWriteOptions {
  onConflict?: OnConflict;
  /** Write inside this runner's connection (and its transaction, if one is open). */
  runner?: QueryRunner;
}

export type Row = readonly unknown[];

const IDENT = /^[a-z_][a-z0-9_]*$/;
const COPY_ROWS_PER_CHUNK = 1000;
const JSON_ROWS_PER_STATEMENT = 20_000;
let stageCounter = 0;
/** Smaller writes are not worth a savepoint and a possible second attempt. */
const OPTIMISTIC_MIN_ROWS = 500;
const STAGED_AFTER_CONFLICT = 20;
const UNIQUE_VIOLATION = '23505';

/**
 * The one bulk write path. Real PostgreSQL: COPY FROM STDIN into a temp staging table, then one
 * INSERT ... SELECT ... ON CONFLICT (COPY alone cannot skip or merge existing keys). PGlite:
 * INSERT ... SELECT from the batch sent as one json parameter, up to 20 000 rows (one ingest batch) a statement (COPY
 * through pglite-socket breaks the connection; one json parameter beat 1 000-row multi-row
 * VALUES with thousands of bound parameters by 1.3-2x in our measurement). Each call is atomic: it uses the caller's transaction
 * when the runner has one open, otherwise its own.
 */
export class BulkWriter {
  /** Writes per table to stage without trying a direct COPY first (set after a conflict). */
  private readonly stageNext = new Map<string, number>();

  constructor(
    private readonly dataSource: DataSource,
    readonly mode: DatabaseMode,
  ) {}

  /** Returns the number of rows inserted or updated (skipped conflicts are not counted). */
  async write(table: string, columns: readonly string[], rows: readonly Row[], options: BulkWriteOptions = {}): Promise<number> {
    const result = await this.run(table, columns, rows, options, null);
    return result.count;
  }

  /**
   * Rows known to be new (as onConflict 'error') into a table not partitioned by day, taken from
   * `rows` while they are sent: on PostgreSQL one COPY that pulls a chunk of rows at a time, so
   * producing the next rows overlaps the server storing the last ones and no row outlives its
   * chunk. Elsewhere the rows are gathered and written as write() does. Returns the row count.
   */
  async writeNewStreamed(table: string, columns: readonly string[], rows: Iterable<Row>, runner?: QueryRunner): Promise<number> {
    ident(table);
    columns.forEach(ident);
    if (this.mode !== 'postgres') {
      const all = [...rows];
      return all.length ? this.write(table, columns, all, { runner, onConflict: 'error' }) : 0;
    }
    if ((await partitionColumn(this.dataSource, runner, table)) !== null) throw new Error(`bulk write to ${table}: a partitioned table needs write() (its day partitions are made from the rows)`);
    let count = 0;
    const checked = function* (): Generator<Row> {
      for (const row of rows) {
        checkWidth(table, columns, row);
        count++;
        yield row;
      }
    };
    await this.inTransaction(runner, (r) => this.copyDirect(r, table, columns, checked()));
    return count;
  }

  /**
   * As write(), and returns `returning` of every row actually inserted or updated, e.g. the
   * line hashes of feed_lines that were new (the others are duplicates).
   */
  async writeReturning(
    table: string,
    columns: readonly string[],
    rows: readonly Row[],
    returning: string,
    options: BulkWriteOptions = {},
  ): Promise<unknown[]> {
    return (await this.run(table, columns, rows, options, ident(returning))).returned;
  }

  private async run(
    table: string,
    columns: readonly string[],
    input: readonly Row[],
    options: BulkWriteOptions,
    returning: string | null,
  ): Promise<{ count: number; returned: unknown[] }> {
    ident(table);
    columns.forEach(ident);
    for (const row of input) {
      checkWidth(table, columns, row);
    }
    const onConflict = options.onConflict ?? 'ignore';
    const conflictSql = this.conflictClause(table, columns, onConflict);
    const rows = typeof onConflict === 'object' ? lastPerKey(input, columns, this.keyOf(table, onConflict)) : input;
    if (rows.length === 0) return { count: 0, returned: [] };
    await ensurePartitionsForRows(this.dataSource, options.runner, table, columns, rows); // day partitions exist before the rows (partitions.ts)

    return this.inTransaction(options.runner, async (runner) => {
      const out = { count: 0, returned: [] as unknown[] };
      const suffix = `${conflictSql}${returning ? ` RETURNING ${returning}` : ''}`;
      if (this.mode === 'postgres' && onConflict === 'error' && !returning) {
        await this.copyDirect(runner, table, columns, rows);
        out.count = rows.length;
      } else if (this.mode === 'postgres' && !returning && rows.length >= OPTIMISTIC_MIN_ROWS && (await this.tryCopyDirect(runner, table, columns, rows))) {
        out.count = rows.length;
      } else if (this.mode === 'postgres') {
        await this.copyThroughStage(runner, table, columns, rows, suffix, out);
      } else {
        await this.insertValues(runner, table, columns, rows, suffix, out);
      }
      return out;
    });
  }

  /**
   * PGlite: the batch travels as ONE json parameter and PostgreSQL unpacks it in C
   * (json_populate_recordset against the table's row type). Binding thousands of separate
   * parameters costs PGlite far more: measured ~3x slower for 21-column contacts.
   */
  private async insertValues(runner: QueryRunner, table: string, columns: readonly string[], rows: readonly Row[], suffix: string, out: Out) {
    const cols = columns.join(', ');
    const sql = `INSERT INTO ${table} AS t (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::${table}, $1::json)${suffix}`;
    for (let start = 0; start < rows.length; start += JSON_ROWS_PER_STATEMENT) {
      const end = Math.min(rows.length, start + JSON_ROWS_PER_STATEMENT);
      const objects: Record<string, unknown>[] = [];
      for (let i = start; i < end; i++) {
        const row = rows[i];
        const o: Record<string, unknown> = {};
        for (let c = 0; c < columns.length; c++) o[columns[c]] = row[c];
        objects.push(o);
      }
      collect(await runner.query(sql, [JSON.stringify(objects)], true), out);
    }
  }

  private async copyThroughStage(runner: QueryRunner, table: string, columns: readonly string[], rows: readonly Row[], suffix: string, out: Out) {
    const stage = `fw_stage_${process.pid}_${++stageCounter}`;
    const cols = columns.join(', ');
    await runner.query(`CREATE TEMP TABLE ${stage} AS SELECT ${cols} FROM ${table} WITH NO DATA`);
    const client = (await runner.connect()) as PoolClient;
    const copy = client.query(copyFrom(`COPY ${stage} (${cols}) FROM STDIN`));
    await pipeline(Readable.from(chunks(rows)), copy);
    collect(await runner.query(`INSERT INTO ${table} AS t (${cols}) SELECT ${cols} FROM ${stage}${suffix}`, [], true), out);
    await runner.query(`DROP TABLE ${stage}`);
  }

  private async copyDirect(runner: QueryRunner, table: string, columns: readonly string[], rows: Iterable<Row>) {
    const client = (await runner.connect()) as PoolClient;
    await pipeline(Readable.from(chunks(rows)), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
  }

  /**
   * PostgreSQL: inserts every row if none of their keys exists yet (one COPY, no staging) and
   * answers true; answers false and writes nothing when one does, or on PGlite. For a caller
   * that needs to know which rows were new (feed_lines claims): true means all of them.
   */
  async insertIfAllNew(table: string, columns: readonly string[], rows: readonly Row[], runner: QueryRunner | undefined): Promise<boolean> {
    if (this.mode !== 'postgres' || rows.length < OPTIMISTIC_MIN_ROWS) return false;
    ident(table);
    columns.forEach(ident);
    return this.inTransaction(runner, (r) => this.tryCopyDirect(r, table, columns, rows));
  }

  /**
   * Fresh data (the usual ingest) conflicts with nothing, and then ON CONFLICT, whatever its
   * action, inserts every row: COPY straight into the table does the same without the staging
   * table and its second pass. Tried under a savepoint; a duplicate key rolls it back and the
   * caller stages instead. After a conflict the table is staged for the next few writes
   * (a replay or a correction feed would otherwise pay for two attempts every time).
   */
  private async tryCopyDirect(runner: QueryRunner, table: string, columns: readonly string[], rows: readonly Row[]): Promise<boolean> {
    const skip = this.stageNext.get(table) ?? 0;
    if (skip > 0) {
      this.stageNext.set(table, skip - 1);
      return false;
    }
    await runner.query('SAVEPOINT fw_bulk_direct');
    try {
      await this.copyDirect(runner, table, columns, rows);
    } catch (err) {
      if ((err as { code?: unknown }).code !== UNIQUE_VIOLATION) throw err;
      await runner.query('ROLLBACK TO SAVEPOINT fw_bulk_direct');
      this.stageNext.set(table, STAGED_AFTER_CONFLICT);
      return false;
    }
    await runner.query('RELEASE SAVEPOINT fw_bulk_direct');
    return true;
  }

  private async inTransaction<T>(given: QueryRunner | undefined, work: (runner: QueryRunner) => Promise<T>): Promise<T> {
    if (given?.isTransactionActive) return work(given);
    const runner = given ?? this.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      try {
        const result = await work(runner);
        await runner.commitTransaction();
        return result;
      } catch (err) {
        await runner.rollbackTransaction().catch(() => undefined);
        throw err;
      }
    } finally {
      if (!given) await runner.release();
    }
  }

  private keyOf(table: string, onConflict: Exclude<OnConflict, 'ignore' | 'error'>): readonly string[] {
    if (onConflict.target) return onConflict.target.map(ident);
    const meta = this.dataSource.entityMetadatas.find((m) => m.tableName === table);
    if (!meta) throw new Error(`bulk write to ${table}: unknown table, pass onConflict.target`);
    return meta.primaryColumns.map((c) => c.databaseName);
  }

  private conflictClause(table: string, columns: readonly string[], onConflict: OnConflict): string {
    if (onConflict === 'ignore') return ' ON CONFLICT DO NOTHING';
    if (onConflict === 'error') return '';
    const key = this.keyOf(table, onConflict);
    for (const c of [...key, ...onConflict.update]) {
      if (!columns.includes(ident(c))) throw new Error(`bulk write to ${table}: conflict column ${c} is not among the written columns`);
    }
    const set = onConflict.update.map((c) => `${c} = excluded.${c}`).join(', ');
    const action = set ? `DO UPDATE SET ${set}${onConflict.where ? ` WHERE ${onConflict.where}` : ''}` : 'DO NOTHING';
    return ` ON CONFLICT (${key.join(', ')}) ${action}`;
  }
}

type Out = { count: number; returned: unknown[] };

function collect(result: { affected?: number; records?: unknown[] }, out: Out): void {
  out.count += result.affected ?? 0;
  for (const record of result.records ?? []) {
    if (record && typeof record === 'object') out.returned.push(Object.values(record)[0]);
  }
}

function checkWidth(table: string, columns: readonly string[], row: Row): void {
  if (row.length !== columns.length) throw new Error(`bulk write to ${table}: a row has ${row.length} values for ${columns.length} columns`);
}

function* chunks(rows: Iterable<Row>): Generator<string> {
  let text = '';
  let n = 0;
  for (const row of rows) {
    text += encodeCopyRow(row);
    if (++n === COPY_ROWS_PER_CHUNK) {
      yield text;
      text = '';
      n = 0;
    }
  }
  if (n > 0) yield text;
}


/** ON CONFLICT DO UPDATE may touch a key once per statement: keep each key's last row. */
function lastPerKey(rows: readonly Row[], columns: readonly string[], key: readonly string[]): Row[] {
  const idx = key.map((k) => columns.indexOf(k));
  const byKey = new Map<string, Row>();
  for (const row of rows) {
    const k = JSON.stringify(idx.map((i) => (row[i] instanceof Date ? (row[i] as Date).getTime() : row[i])));
    byKey.delete(k);
    byKey.set(k, row);
  }
  return [...byKey.values()];
}

function ident(name: string): string {
  if (!IDENT.test(name)) throw new Error(`bulk write: "${name}" is not a plain lower-case SQL identifier`);
  return name;
}
